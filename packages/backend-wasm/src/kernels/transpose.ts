import type { Info, Runtime } from '../runtime.js';
import { sizeOf } from '../runtime.js';
import { PLAN, ranges } from '../threads/plan.js';

/**
 * `perm` over `shape` with size-1 axes dropped and axes that stay neighbours merged: the
 * smallest shape and permutation that move the same elements ([2, 3, 4] by [0, 2, 1] stays so;
 * [1, 2, 3, 4] by [0, 3, 1, 2] becomes [2, 3, 4] by [0, 2, 1]).
 */
export function collapsePerm(shape: readonly number[], perm: readonly number[]): { dims: number[]; perm: number[] } {
  // The axes that are not size 1, renumbered in input order.
  const rank = new Map(shape.map((d, i) => [i, d]).filter(([, d]) => d !== 1).map(([i], r) => [i, r]));
  const kept = perm.filter((p) => rank.has(p)).map((p) => rank.get(p)!);
  const dimsOf = shape.filter((d) => d !== 1);
  // Runs of consecutive input axes in output order.
  const runs: number[][] = [];
  for (const p of kept) {
    const last = runs[runs.length - 1];
    if (last && last[last.length - 1] + 1 === p) last.push(p);
    else runs.push([p]);
  }
  const byInput = [...runs].sort((a, b) => a[0] - b[0]);
  return {
    dims: byInput.map((run) => sizeOf(run.map((p) => dimsOf[p]))),
    perm: runs.map((run) => byInput.indexOf(run)),
  };
}

/**
 * [batch, rows, cols, inner] where `perm` swaps two groups of axes (what kernels.wat's
 * transpose4 moves), else null.
 */
function asSwap(dims: readonly number[], perm: readonly number[]): [number, number, number, number] | null {
  const key = perm.join(',');
  if (key === '1,0') return [1, dims[0], dims[1], 1];
  if (key === '0,2,1') return [dims[0], dims[1], dims[2], 1];
  if (key === '1,0,2') return [1, dims[0], dims[1], dims[2]];
  if (key === '0,2,1,3') return [dims[0], dims[1], dims[2], dims[3]];
  return null;
}

/**
 * x permuted: kernels.wat's transpose4 for swaps of 4-byte elements (every transpose that
 * matmul and the convolution gradients make), split by rows, or by batch, from
 * PLAN.transposeFloats a part; tfjs's Transpose (scalar, one thread) for the rest. Empty
 * tensors, and permutations that move only size-1 axes, are copies.
 */
export function transpose(rt: Runtime, x: Info, perm: readonly number[]): Info {
  const outShape = perm.map((p) => x.shape[p]);
  if (sizeOf(outShape) === 0) return rt.empty(outShape, x.dtype);
  const collapsed = collapsePerm(x.shape, perm);
  // Only size-1 axes move: the same values in the same order.
  if (collapsed.perm.every((p, i) => p === i)) return rt.prefix(x, outShape);
  const swap = x.dtype === 'bool' ? null : asSwap(collapsed.dims, collapsed.perm);
  if (!swap) return rt.run('Transpose', { x }, { perm: [...perm] });
  const out = rt.empty(outShape, x.dtype);
  const [batch, rows, cols, inner] = swap;
  const [src, dst] = [rt.ptr(x), rt.ptr(out)];
  const planeFloats = rows * cols * inner;
  const plane = 4 * planeFloats;
  const byRows = ranges(rows, rt.threads, Math.ceil(PLAN.transposeFloats / (batch * cols * inner)), 4);
  const byBatch = ranges(batch, rt.threads, Math.ceil(PLAN.transposeFloats / planeFloats));
  const parts = byRows.length >= byBatch.length
    ? byRows.map(([r0, r1]) => [src, dst, batch, rows, cols, inner, r0, r1])
    : byBatch.map(([b0, b1]) => [src + b0 * plane, dst + b0 * plane, b1 - b0, rows, cols, inner, 0, rows]);
  rt.split('transpose4', parts);
  return out;
}
