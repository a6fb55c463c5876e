import type { FusedActivation } from '@layerwise/api';
import { matmul } from './matmul.js';
import { sigmoid } from './math.js';
import { makeRef, type RefTensor } from './tensor.js';

const ACTIVATIONS: Record<FusedActivation, (x: number) => number> = {
  linear: (x) => x,
  relu: (x) => (x > 0 ? x : 0),
  sigmoid,
  tanh: (x) => Math.tanh(x),
};

/** activation(op(a) @ op(b) + bias), bias rank 1 of length n or null. */
export function fusedMatMul(
  a: RefTensor, b: RefTensor, bias: RefTensor | null, activation: FusedActivation,
  transposeA: boolean, transposeB: boolean,
): RefTensor {
  const y = matmul(a, b, transposeA, transposeB);
  const n = y.shape[2];
  for (let i = 0; i < y.data.length; i++) {
    const withBias = bias ? y.data[i] + bias.data[i % n] : y.data[i];
    y.data[i] = ACTIVATIONS[activation](withBias);
  }
  return y;
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
