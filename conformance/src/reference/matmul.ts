import { makeRef, type RefTensor } from './tensor.js';

/**
 * Batched matrix product of rank-3 tensors: a [ba, m, k] ([ba, k, m] when transposeA),
 * b [bb, k, n] ([bb, n, k] when transposeB); a batch of 1 broadcasts. Result [ba == 1 ? bb : ba, m, n]
 * (the Kernel doc's max(ba, bb), except that a batch of 0 with 1 gives 0).
 */
export function matmul(a: RefTensor, b: RefTensor, transposeA: boolean, transposeB: boolean): RefTensor {
  const [ba, a1, a2] = a.shape;
  const [bb, b1, b2] = b.shape;
  const m = transposeA ? a2 : a1;
  const k = transposeA ? a1 : a2;
  const n = transposeB ? b1 : b2;
  // A batch of 1 broadcasts (numpy rules), so [0] with [1] gives 0, not max(0, 1).
  const batch = ba === 1 ? bb : ba;
  const out = makeRef([batch, m, n], 'float32');
  for (let p = 0; p < batch; p++) {
    const pa = ba === 1 ? 0 : p;
    const pb = bb === 1 ? 0 : p;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let sum = 0;
        for (let q = 0; q < k; q++) {
          const av = transposeA ? a.data[pa * a1 * a2 + q * a2 + i] : a.data[pa * a1 * a2 + i * a2 + q];
          const bv = transposeB ? b.data[pb * b1 * b2 + j * b2 + q] : b.data[pb * b1 * b2 + q * b2 + j];
          sum += av * bv;
        }
        out.data[p * m * n + i * n + j] = sum;
      }
    }
  }
  return out;
}
