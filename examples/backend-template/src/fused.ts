// OPTIONAL fused kernels. A backend may leave any of these out: the api then composes them
// from required primitives (matmul, binary add, unary, reduce, ...), and the conformance
// suite reports the fused cases as skipped. Offer one only where it is faster or more
// accurate than the composition; it must agree with it within the case's tolerance.
import type { AdamHyper, FusedActivation } from '@layerwise/api';
import { matmul } from './matmul.js';
import type { HostTensor } from './storage.js';

const ACTIVATIONS: Record<FusedActivation, (x: number) => number> = {
  linear: (x) => x,
  relu: (x) => (x <= 0 ? 0 : x), // NaN passes through
  sigmoid: (x) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x))),
  tanh: Math.tanh,
};

/** activation(op(a) @ op(b) + bias); bias is [n] or null. */
export function fusedMatMul(
  a: HostTensor, b: HostTensor, bias: HostTensor | null, activation: FusedActivation, transposeA: boolean, transposeB: boolean,
): Float32Array {
  const y = matmul(a, b, transposeA, transposeB);
  const n = transposeB ? b.shape[1] : b.shape[2];
  const f = ACTIVATIONS[activation];
  for (let i = 0; i < y.length; i++) y[i] = f(bias ? y[i] + bias.data[i % n] : y[i]);
  return y;
}

/** softmax (or log-softmax) along the last axis, shifted by each row's max so exp never overflows. */
export function softmax(x: HostTensor, log = false): Float32Array {
  const length = x.shape[x.shape.length - 1];
  const out = new Float32Array(x.data.length);
  for (let start = 0; length > 0 && start < x.data.length; start += length) {
    const row = x.data.subarray(start, start + length);
    let max = -Infinity;
    for (const v of row) max = Math.max(max, v);
    let sum = 0;
    for (const v of row) sum += Math.exp(v - max);
    for (let j = 0; j < length; j++) {
      out[start + j] = log ? row[j] - max - Math.log(sum) : Math.exp(row[j] - max) / sum;
    }
  }
  return out;
}

/**
 * One Keras 2 Adam update, element by element: m' = beta1 m + (1 - beta1) g,
 * v' = beta2 v + (1 - beta2) g^2, param' = param - lrT m' / (sqrt(v') + epsilon).
 * Every step is rounded to float32 (Math.fround), as the api's composition from float32
 * primitives would round it, so the fused and composed updates agree to the last bit or so.
 */
export function adamStep(
  param: HostTensor, grad: HostTensor, m: HostTensor, v: HostTensor, hyper: AdamHyper,
): [Float32Array, Float32Array, Float32Array] {
  const f = Math.fround;
  const [b1, c1, b2, c2] = [hyper.beta1, 1 - hyper.beta1, hyper.beta2, 1 - hyper.beta2].map(f);
  const [lr, eps] = [f(hyper.lrT), f(hyper.epsilon)];
  const n = param.data.length;
  const [newParam, newM, newV] = [new Float32Array(n), new Float32Array(n), new Float32Array(n)];
  for (let i = 0; i < n; i++) {
    const g = grad.data[i];
    newM[i] = f(m.data[i] * b1) + f(g * c1);
    newV[i] = f(v.data[i] * b2) + f(f(g * g) * c2);
    newParam[i] = param.data[i] - f(f(newM[i] * lr) / (f(Math.sqrt(newV[i])) + eps));
  }
  return [newParam, newM, newV];
}
