import type { FusedActivation } from '@layerwise/api';
import type { Info, Runtime } from '../runtime.js';
import { sizeOf } from '../runtime.js';
import { matmul, matmulShape, threadedGemm, viaGemm } from './matmul.js';
import { fewRowsMatmul } from './few-rows-matmul.js';

const ACTIVATION_KERNELS: Record<Exclude<FusedActivation, 'linear'>, string> = { relu: 'Relu', sigmoid: 'Sigmoid', tanh: 'Tanh' };

/**
 * `activation(op(a) @ op(b) + bias)`. Where the batches fold into one GEMM, tfjs's
 * _FusedMatMul runs it in XNNPACK with the bias and relu/sigmoid fused (tanh, which it
 * lacks, runs after). Elsewhere (both operands batched) matmul + Add + the activation:
 * tfjs's scalar fallback adds the bias at the wrong index and clamps partial sums.
 */
export function fusedMatMul(rt: Runtime, a: Info, b: Info, bias: Info | null, activation: FusedActivation,
  transposeA: boolean, transposeB: boolean): Info {
  const outShape = matmulShape(a, b, transposeA, transposeB);
  if (sizeOf(outShape) === 0) return rt.empty(outShape, 'float32');
  const k = transposeA ? a.shape[1] : a.shape[2];
  if (k > 0 && (activation === 'linear' || activation === 'relu')) {
    const few = fewRowsMatmul(rt, a, b, bias, activation === 'relu', transposeA, transposeB);
    if (few) return few;
  }
  return rt.scoped((keep) => {
    const fusable = activation === 'tanh' ? 'linear' : activation;
    let y: Info | null = null;
    // The b-batched fold multiplies [m, k] @ [k, bb * n], where the bias would be bb * n long.
    const foldsBias = !(bias && a.shape[0] === 1 && b.shape[0] > 1);
    if (k > 0 && foldsBias) {
      y = viaGemm(rt, a, b, transposeA, transposeB, keep,
        (a2, b2) => rt.run('_FusedMatMul', bias ? { a: a2, b: b2, bias } : { a: a2, b: b2 }, { transposeA: false, transposeB: false, activation: fusable },
          threadedGemm(a2, b2)));
    }
    if (y) {
      if (activation !== 'tanh') return rt.view(y, outShape);
      keep(y);
      return rt.run('Tanh', { x: y });
    }
    let z = keep(matmul(rt, a, b, transposeA, transposeB));
    if (bias) z = keep(rt.run('Add', { a: z, b: bias }));
    return activation === 'linear' ? rt.copy(z) : rt.run(ACTIVATION_KERNELS[activation], { x: z });
  });
}
