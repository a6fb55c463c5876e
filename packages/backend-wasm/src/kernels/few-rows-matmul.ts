import type { Info, Runtime } from '../runtime.js';
import { PLAN, ranges } from '../threads/plan.js';

/**
 * Up to this many output rows, a product with weights XNNPACK has not packed yet runs in
 * kernels.wat (mm_rows / mm_dots), which streams B once per output row and packs nothing.
 * XNNPACK packs all of B first (~400 us for 784x128) and caches the packing by B's dataId,
 * which is new at every training step. Measured on 784x128 weights, fresh each call:
 * m = 1: 24 us here vs 508 us; m = 32: 311 vs 522; m = 64: 825 vs 770 (XNNPACK wins there).
 */
export const FEW_ROWS = 32;

/** Weights dataIds this path has already multiplied by once. */
const seen = new WeakSet<object>();

/**
 * `op(a) @ op(b) (+ bias) (relu)` for unbatched a [1, m, k] (or [1, k, m] transposed) and b
 * [1, k, n] (or [1, n, k]) where the few-rows kernels beat XNNPACK, else null (the caller
 * takes the XNNPACK path). With b transposed XNNPACK would transpose it into a new buffer
 * and pack that every call, so this path always wins for few rows. Otherwise only the
 * first product with a given b runs here: a second one goes to XNNPACK, which then packs b
 * once and is faster from there on (the timesteps of an RNN, the batches of a predict),
 * except at one row, where streaming B here is as fast as XNNPACK's packed product.
 */
export function fewRowsMatmul(rt: Runtime, a: Info, b: Info, bias: Info | null, relu: boolean,
  transposeA: boolean, transposeB: boolean): Info | null {
  if (a.shape[0] !== 1 || b.shape[0] !== 1 || (transposeA && transposeB)) return null;
  const m = transposeA ? a.shape[2] : a.shape[1];
  const k = transposeA ? a.shape[1] : a.shape[2];
  const n = transposeB ? b.shape[1] : b.shape[2];
  if (m > FEW_ROWS || m === 0 || k === 0 || n === 0) return null;
  if (!transposeB && m > 1) {
    if (seen.has(b.dataId)) return null;
    seen.add(b.dataId);
  }
  const out = rt.empty([1, m, n], 'float32');
  const [pa, pb, pc, biasPtr, r] = [rt.ptr(a), rt.ptr(b), rt.ptr(out), bias ? rt.ptr(bias) : 0, relu ? 1 : 0];
  // Rows split across threads: each thread streams all of B for its rows.
  const rows = ranges(m, rt.threads, Math.ceil(PLAN.fewRowsMacs / (k * n)));
  if (transposeB) {
    rt.split('mm_dots', rows.map(([i0, i1]) => [pa + 4 * i0 * k, pb, pc + 4 * i0 * n, biasPtr, i1 - i0, k, n, r]));
  } else {
    // A(i, p) sits at i * k + p, or at p * m + i when a is stored transposed ([k, m]).
    const [rowStride, colStride] = transposeA ? [1, m] : [k, 1];
    rt.split('mm_rows', rows.map(([i0, i1]) => [pa + 4 * i0 * rowStride, rowStride, colStride, pb, pc + 4 * i0 * n, biasPtr, i1 - i0, k, n, r]));
  }
  return out;
}
