import type { FusedActivation } from '@layerwise/api';
import type { Tensor } from '../util/tensor.js';
import { matmul } from './matmul.js';

/** `activation(op(a) @ op(b) + bias)`, bias rank 1 of length n (or null), in one pass over the output. */
export function fusedMatMul(a: Tensor, b: Tensor, bias: Tensor | null, activation: FusedActivation,
  transposeA: boolean, transposeB: boolean): Float32Array {
  const out = matmul(a, b, transposeA, transposeB);
  const n = transposeB ? b.shape[1] : b.shape[2];
  const len = out.length;
  if (bias !== null && n > 0) {
    const v = bias.data as Float32Array;
    for (let r = 0; r < len; r += n) for (let j = 0; j < n; j++) out[r + j] += v[j];
  }
  switch (activation) {
    case 'linear': break;
    case 'relu': for (let i = 0; i < len; i++) { const x = out[i]; out[i] = x > 0 ? x : x === x ? 0 : x; } break;
    case 'sigmoid': for (let i = 0; i < len; i++) out[i] = 1 / (1 + Math.exp(-out[i])); break;
    case 'tanh': for (let i = 0; i < len; i++) out[i] = Math.tanh(out[i]); break;
  }
  return out;
}
