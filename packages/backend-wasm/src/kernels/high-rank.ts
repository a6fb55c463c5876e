import type { Info, Runtime } from '../runtime.js';
import { sizeOf } from '../runtime.js';
import { alignRank } from '../util/shape.js';

/**
 * The most axes XNNPACK's n-d operators take (tfjs's broadcasting binary kernels, PadV2):
 * beyond it tfjs logs "xnn_setup_*_nd_f32 ... status 4" and returns zeros.
 */
export const XNN_MAX_RANK = 6;

/**
 * a and b aligned to the output's rank, with size-1 output axes dropped and adjacent axes
 * merged where each operand is either full on both or broadcast on both: the same
 * element-wise op over fewer axes (rank 8 [2,1,2,1,2,1,3,2] + [3,1] becomes [8,3,2] + [1,3,1]).
 */
export function mergeBroadcastAxes(aShape: readonly number[], bShape: readonly number[], outShape: readonly number[]): { a: number[]; b: number[]; out: number[] } {
  const rank = outShape.length;
  const [a, b] = [alignRank(aShape, rank), alignRank(bShape, rank)];
  const merged = { a: [] as number[], b: [] as number[], out: [] as number[] };
  let last = -1;
  for (let i = 0; i < rank; i++) {
    if (outShape[i] === 1) continue;
    const kind = (a[i] === outShape[i] ? 1 : 0) | (b[i] === outShape[i] ? 2 : 0);
    if (kind === last) {
      const k = merged.out.length - 1;
      merged.a[k] *= a[i];
      merged.b[k] *= b[i];
      merged.out[k] *= outShape[i];
    } else {
      merged.a.push(a[i]);
      merged.b.push(b[i]);
      merged.out.push(outShape[i]);
      last = kind;
    }
  }
  return merged;
}

type Binary = (rt: Runtime, a: Info, b: Info, outShape: readonly number[]) => Info;

/**
 * `op(a, b)` broadcast to an output of more than XNN_MAX_RANK axes: on merged axes where
 * that brings the rank down, else one output slab at a time along the first merged axis
 * (each a call of lower rank), copied into place.
 */
export function highRankBinary(rt: Runtime, a: Info, b: Info, outShape: readonly number[], op: Binary): Info {
  const m = mergeBroadcastAxes(a.shape, b.shape, outShape);
  if (m.out.length <= XNN_MAX_RANK) return rt.view(op(rt, rt.view(a, m.a), rt.view(b, m.b), m.out), outShape);
  const [rows, inner] = [m.out[0], m.out.slice(1)];
  const slab = (t: Info, shape: number[], i: number): Info => (shape[0] === 1 ? rt.view(t, shape.slice(1)) : rt.range(t, i * sizeOf(shape.slice(1)), shape.slice(1)));
  return rt.scoped((keep) => {
    let out: Info | null = null;
    for (let i = 0; i < rows; i++) {
      const ai = m.a[0] === 1 ? slab(a, m.a, i) : keep(slab(a, m.a, i));
      const bi = m.b[0] === 1 ? slab(b, m.b, i) : keep(slab(b, m.b, i));
      const yi = keep(op(rt, ai, bi, inner));
      out ??= rt.empty(outShape, yi.dtype);
      rt.heap(out).set(rt.heap(yi), i * sizeOf(inner));
    }
    return out!;
  });
}
