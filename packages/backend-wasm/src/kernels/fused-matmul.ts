import type { FusedActivation } from '@layerwise/api';
import type { Info, Runtime } from '../runtime.js';
import { sizeOf } from '../runtime.js';
import { matmul, matmulShape, threadedGemm, viaGemm } from './matmul.js';
import { fewRowsMatmul } from './few-rows-matmul.js';
import { unary } from './unary.js';

/**
 * `activation(op(a) @ op(b) + bias)`. Where the batches fold into one GEMM, tfjs's
 * _FusedMatMul runs it in XNNPACK with the bias and sigmoid fused (relu, in place in
 * kernels.wat, and tanh, which it lacks, run after). Elsewhere (both operands batched) matmul + Add + the activation:
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
    // XNNPACK's fused relu is a clamp that turns NaN into 0: relu runs after, in kernels.wat.
    const fusable = activation === 'sigmoid' ? activation : 'linear';
    let y: Info | null = null;
    // The b-batched fold multiplies [m, k] @ [k, bb * n], where the bias would be bb * n long.
    const foldsBias = !(bias && a.shape[0] === 1 && b.shape[0] > 1);
    if (k > 0 && foldsBias) {
      // tfjs checks the bias's rank on its registered buffer: a bias that is a view (a row of a
      // GRU's [2, 3 * units] bias) goes as a rank-1 copy.
      const flatBias = bias && rt.registeredShape(bias).length !== 1 ? keep(rt.copy(bias)) : bias;
      y = viaGemm(rt, a, b, transposeA, transposeB, keep,
        (a2, b2) => rt.run('_FusedMatMul', flatBias ? { a: a2, b: b2, bias: flatBias } : { a: a2, b: b2 }, { transposeA: false, transposeB: false, activation: fusable },
          threadedGemm(a2, b2)));
    }
    if (y) {
      if (activation === 'relu') rt.simd.relu(rt.ptr(y), rt.ptr(y), sizeOf(outShape));
      if (activation !== 'tanh') return rt.view(y, outShape);
      keep(y);
      return rt.run('Tanh', { x: y });
    }
    let z = keep(matmul(rt, a, b, transposeA, transposeB));
    if (bias) z = keep(rt.run('Add', { a: z, b: bias }));
    return activation === 'linear' ? rt.copy(z) : unary(rt, activation, z);
  });
}
