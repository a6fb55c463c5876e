import type { AdamHyper, FusedActivation } from '@layerwise/api';
import type { Conv2DInfo } from '@layerwise/api';
import { conv2d } from './conv.js';
import { matmul } from './matmul.js';
import { sigmoid } from './math.js';
import { makeRef, type RefTensor } from './tensor.js';

const ACTIVATIONS: Record<FusedActivation, (x: number) => number> = {
  linear: (x) => x,
  relu: (x) => (x <= 0 ? 0 : x),
  sigmoid,
  tanh: (x) => Math.tanh(x),
};

/** activation(op(a) @ op(b) + bias), bias rank 1 of length n or null. */
export function fusedMatMul(
  a: RefTensor, b: RefTensor, bias: RefTensor | null, activation: FusedActivation,
  transposeA: boolean, transposeB: boolean,
): RefTensor {
  return biasActivation(matmul(a, b, transposeA, transposeB), bias, activation);
}

/** In place on y: activation(y + bias) with bias along the last axis (or null). */
function biasActivation(y: RefTensor, bias: RefTensor | null, activation: FusedActivation): RefTensor {
  const n = y.shape[y.shape.length - 1];
  for (let i = 0; i < y.data.length; i++) {
    const withBias = bias ? y.data[i] + bias.data[i % n] : y.data[i];
    y.data[i] = ACTIVATIONS[activation](withBias);
  }
  return y;
}

/** activation(conv2d(x, filter) + bias), bias rank 1 of length outC or null. */
export function fusedConv2d(x: RefTensor, filter: RefTensor, bias: RefTensor | null, activation: FusedActivation, info: Conv2DInfo): RefTensor {
  return biasActivation(conv2d(x, filter, info), bias, activation);
}

/** Calls `visit(rowStart, rowLength)` for each row along the last axis. */
function forEachRow(x: RefTensor, visit: (start: number, length: number) => void): void {
  const length = x.shape[x.shape.length - 1];
  if (length === 0) return;
  for (let start = 0; start < x.data.length; start += length) visit(start, length);
}

function rowMax(x: RefTensor, start: number, length: number): number {
  let max = -Infinity;
  for (let j = 0; j < length; j++) max = Math.max(max, x.data[start + j]);
  return max;
}

/** exp(x - max) / sum(exp(x - max)) along the last axis. */
export function softmax(x: RefTensor): RefTensor {
  const out = makeRef(x.shape, 'float32');
  forEachRow(x, (start, length) => {
    const max = rowMax(x, start, length);
    let sum = 0;
    for (let j = 0; j < length; j++) sum += Math.exp(x.data[start + j] - max);
    for (let j = 0; j < length; j++) out.data[start + j] = Math.exp(x.data[start + j] - max) / sum;
  });
  return out;
}

/** x - max - log(sum(exp(x - max))) along the last axis. */
export function logSoftmax(x: RefTensor): RefTensor {
  const out = makeRef(x.shape, 'float32');
  forEachRow(x, (start, length) => {
    const max = rowMax(x, start, length);
    let sum = 0;
    for (let j = 0; j < length; j++) sum += Math.exp(x.data[start + j] - max);
    const logSum = Math.log(sum);
    for (let j = 0; j < length; j++) out.data[start + j] = x.data[start + j] - max - logSum;
  });
  return out;
}

/**
 * One Adam step, every intermediate rounded to float32 where the api's composition rounds:
 * returns [param', m', v'] stacked on a new leading axis.
 */
export function adamStep(param: RefTensor, grad: RefTensor, m: RefTensor, v: RefTensor, hyper: AdamHyper): RefTensor {
  const f = Math.fround;
  const n = param.data.length;
  const out = makeRef([3, ...param.shape], 'float32');
  const [b1, c1, b2, c2, lr, eps] = [hyper.beta1, 1 - hyper.beta1, hyper.beta2, 1 - hyper.beta2, hyper.lrT, hyper.epsilon].map(f);
  for (let i = 0; i < n; i++) {
    const g = grad.data[i];
    const mi = f(f(m.data[i] * b1) + f(g * c1));
    const vi = f(f(v.data[i] * b2) + f(f(g * g) * c2));
    out.data[i] = f(param.data[i] - f(f(mi * lr) / f(f(Math.sqrt(vi)) + eps)));
    out.data[n + i] = mi;
    out.data[2 * n + i] = vi;
  }
  return out;
}
