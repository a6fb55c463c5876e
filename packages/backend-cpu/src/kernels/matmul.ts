import type { Tensor } from '../util/tensor.js';
import { floats } from '../util/alloc.js';
import { gemm } from '../util/gemm.js';

/**
 * Batched matmul of rank-3 float32 tensors with batch broadcasting. When b's batch is 1
 * and a is not transposed, the batch folds into m and runs as one GEMM.
 */
export function matmul(a: Tensor, b: Tensor, transposeA: boolean, transposeB: boolean): Float32Array {
  const [ba, a1, a2] = a.shape;
  const [bb, b1, b2] = b.shape;
  const m = transposeA ? a2 : a1;
  const k = transposeA ? a1 : a2;
  const n = transposeB ? b1 : b2;
  const batch = ba === 1 ? bb : ba; // broadcasting a 1 against 0 gives 0
  const out = floats(batch * m * n);
  const x = a.data as Float32Array;
  const y = b.data as Float32Array;
  // A(i, p): row-major [m, k], or [k, m] when transposed.
  const ars = transposeA ? 1 : k, acs = transposeA ? m : 1;
  const brs = transposeB ? 1 : n, bcs = transposeB ? k : 1;
  if (bb === 1 && !transposeA) {
    gemm(ba * m, n, k, x, 0, ars, acs, y, 0, brs, bcs, out, 0, n);
    return out;
  }
  for (let i = 0; i < batch; i++) {
    const aOff = ba === 1 ? 0 : i * m * k;
    const bOff = bb === 1 ? 0 : i * k * n;
    gemm(m, n, k, x, aOff, ars, acs, y, bOff, brs, bcs, out, i * m * n, n);
  }
  return out;
}
