/**
 * Single-threaded float32 GEMM: C[m, n] += A[m, k] * B[k, n], where A(i, p) is
 * a[aOff + i * ars + p * acs] and B(p, j) is b[bOff + p * brs + j * bcs]. Any transpose is
 * just a choice of strides; packing absorbs it so the micro-kernel always reads unit-stride.
 *
 * Goto-style blocking: a KC x NC panel of B and an MC x KC block of A are packed into
 * float64 scratch (4-wide strips, zero-padded at the edges), then a 4x4 register-blocked
 * micro-kernel runs over every strip pair with 16 accumulators held in locals.
 */
const MR = 4;
const NR = 4;
const KC = 256;
const MC = 64;
const NC = 1024;

let packedA = new Float64Array(MC * KC);
let packedB = new Float64Array(KC * NC);
const edge = new Float64Array(MR * NR);

export function gemm(
  m: number, n: number, k: number,
  a: Float32Array, aOff: number, ars: number, acs: number,
  b: Float32Array, bOff: number, brs: number, bcs: number,
  c: Float32Array, cOff: number, ldc: number,
): void {
  if (m === 0 || n === 0 || k === 0) return;
  const ncMax = Math.min(NC, roundUp(n, NR));
  const kcMax = Math.min(KC, k);
  if (packedB.length < ncMax * kcMax) packedB = new Float64Array(ncMax * kcMax);
  if (packedA.length < MC * kcMax) packedA = new Float64Array(MC * kcMax);
  const Ap = packedA;
  const Bp = packedB;
  for (let j0 = 0; j0 < n; j0 += NC) {
    const nc = Math.min(NC, n - j0);
    for (let p0 = 0; p0 < k; p0 += KC) {
      const kc = Math.min(KC, k - p0);
      packB(b, bOff + p0 * brs + j0 * bcs, brs, bcs, kc, nc, Bp);
      for (let i0 = 0; i0 < m; i0 += MC) {
        const mc = Math.min(MC, m - i0);
        packA(a, aOff + i0 * ars + p0 * acs, ars, acs, mc, kc, Ap);
        for (let j = 0; j < nc; j += NR) {
          const nr = Math.min(NR, nc - j);
          const bo = j * kc;
          for (let i = 0; i < mc; i += MR) {
            const mr = Math.min(MR, mc - i);
            micro4x4(kc, Ap, i * kc, Bp, bo, c, cOff + (i0 + i) * ldc + j0 + j, ldc, mr, nr);
          }
        }
      }
    }
  }
}

function roundUp(x: number, to: number): number {
  return Math.ceil(x / to) * to;
}

/** Packs an mc x kc block of A as 4-row strips: Ap[(s * kc + p) * 4 + r] = A(4s + r, p). */
function packA(a: Float32Array, off: number, ars: number, acs: number, mc: number, kc: number, Ap: Float64Array): void {
  let o = 0;
  for (let i = 0; i < mc; i += MR) {
    const rows = mc - i;
    const base = off + i * ars;
    if (rows >= MR) {
      const r1 = base + ars, r2 = base + 2 * ars, r3 = base + 3 * ars;
      for (let p = 0, q = 0; p < kc; p++, q += acs) {
        Ap[o] = a[base + q];
        Ap[o + 1] = a[r1 + q];
        Ap[o + 2] = a[r2 + q];
        Ap[o + 3] = a[r3 + q];
        o += 4;
      }
    } else {
      for (let p = 0; p < kc; p++) {
        for (let r = 0; r < MR; r++) Ap[o + r] = r < rows ? a[base + r * ars + p * acs] : 0;
        o += 4;
      }
    }
  }
}

/** Packs a kc x nc panel of B as 4-column strips: Bp[(t * kc + p) * 4 + c] = B(p, 4t + c). */
function packB(b: Float32Array, off: number, brs: number, bcs: number, kc: number, nc: number, Bp: Float64Array): void {
  let o = 0;
  for (let j = 0; j < nc; j += NR) {
    const cols = nc - j;
    const base = off + j * bcs;
    if (cols >= NR) {
      const c1 = base + bcs, c2 = base + 2 * bcs, c3 = base + 3 * bcs;
      for (let p = 0, q = 0; p < kc; p++, q += brs) {
        Bp[o] = b[base + q];
        Bp[o + 1] = b[c1 + q];
        Bp[o + 2] = b[c2 + q];
        Bp[o + 3] = b[c3 + q];
        o += 4;
      }
    } else {
      for (let p = 0; p < kc; p++) {
        for (let t = 0; t < NR; t++) Bp[o + t] = t < cols ? b[base + p * brs + t * bcs] : 0;
        o += 4;
      }
    }
  }
}

function micro4x4(kc: number, Ap: Float64Array, ao: number, Bp: Float64Array, bo: number,
  c: Float32Array, co: number, ldc: number, mr: number, nr: number): void {
  let c00 = 0, c01 = 0, c02 = 0, c03 = 0;
  let c10 = 0, c11 = 0, c12 = 0, c13 = 0;
  let c20 = 0, c21 = 0, c22 = 0, c23 = 0;
  let c30 = 0, c31 = 0, c32 = 0, c33 = 0;
  for (let p = 0; p < kc; p++) {
    const b0 = Bp[bo], b1 = Bp[bo + 1], b2 = Bp[bo + 2], b3 = Bp[bo + 3];
    let x = Ap[ao];
    c00 += x * b0; c01 += x * b1; c02 += x * b2; c03 += x * b3;
    x = Ap[ao + 1];
    c10 += x * b0; c11 += x * b1; c12 += x * b2; c13 += x * b3;
    x = Ap[ao + 2];
    c20 += x * b0; c21 += x * b1; c22 += x * b2; c23 += x * b3;
    x = Ap[ao + 3];
    c30 += x * b0; c31 += x * b1; c32 += x * b2; c33 += x * b3;
    ao += 4;
    bo += 4;
  }
  if (mr === MR && nr === NR) {
    c[co] += c00; c[co + 1] += c01; c[co + 2] += c02; c[co + 3] += c03; co += ldc;
    c[co] += c10; c[co + 1] += c11; c[co + 2] += c12; c[co + 3] += c13; co += ldc;
    c[co] += c20; c[co + 1] += c21; c[co + 2] += c22; c[co + 3] += c23; co += ldc;
    c[co] += c30; c[co + 1] += c31; c[co + 2] += c32; c[co + 3] += c33;
    return;
  }
  edge[0] = c00; edge[1] = c01; edge[2] = c02; edge[3] = c03;
  edge[4] = c10; edge[5] = c11; edge[6] = c12; edge[7] = c13;
  edge[8] = c20; edge[9] = c21; edge[10] = c22; edge[11] = c23;
  edge[12] = c30; edge[13] = c31; edge[14] = c32; edge[15] = c33;
  for (let r = 0; r < mr; r++) {
    for (let t = 0; t < nr; t++) c[co + r * ldc + t] += edge[r * NR + t];
  }
}
