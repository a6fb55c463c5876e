import type { HostTensor } from './storage.js';

/**
 * Batched matrix product of rank-3 tensors: a is [ba, m, k] ([ba, k, m] when transposeA),
 * b is [bb, k, n] ([bb, n, k] when transposeB); a batch of 1 broadcasts against the other.
 * Result [ba === 1 ? bb : ba, m, n]. The triple loop, summing in float64.
 */
export function matmul(a: HostTensor, b: HostTensor, transposeA: boolean, transposeB: boolean): Float32Array {
  const [ba, a1, a2] = a.shape;
  const [bb, b1, b2] = b.shape;
  const m = transposeA ? a2 : a1;
  const k = transposeA ? a1 : a2;
  const n = transposeB ? b1 : b2;
  const batch = ba === 1 ? bb : ba;
  // a[p][i][q] and b[p][q][j], wherever transposition put them.
  const aAt = (p: number, i: number, q: number) => a.data[(ba === 1 ? 0 : p) * a1 * a2 + (transposeA ? q * a2 + i : i * a2 + q)];
  const bAt = (p: number, q: number, j: number) => b.data[(bb === 1 ? 0 : p) * b1 * b2 + (transposeB ? j * b2 + q : q * b2 + j)];
  const out = new Float32Array(batch * m * n);
  for (let p = 0; p < batch; p++) {
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let sum = 0;
        for (let q = 0; q < k; q++) sum += aAt(p, i, q) * bAt(p, q, j);
        out[(p * m + i) * n + j] = sum;
      }
    }
  }
  return out;
}

