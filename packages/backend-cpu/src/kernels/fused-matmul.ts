import type { FusedActivation } from '@layerwise/api';
import type { Tensor } from '../util/tensor.js';
import { biasActivation } from '../util/bias-activation.js';
import { matmul } from './matmul.js';

/** `activation(op(a) @ op(b) + bias)`, bias rank 1 of length n (or null), in one pass over the output. */
export function fusedMatMul(a: Tensor, b: Tensor, bias: Tensor | null, activation: FusedActivation,
  transposeA: boolean, transposeB: boolean): Float32Array {
  const out = matmul(a, b, transposeA, transposeB);
  biasActivation(out, transposeB ? b.shape[1] : b.shape[2], bias ? bias.data as Float32Array : null, activation);
  return out;
}
