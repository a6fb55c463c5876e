import type { Info, Runtime } from '../runtime.js';
import { sizeOf } from '../runtime.js';
import { broadcastTo } from '../util/broadcast.js';

/**
 * `cond ? a : b` broadcast to `outShape`: tfjs's SelectV2 wants equal shapes, so Tile first.
 * Its C++ moves 4-byte elements, so bool operands go through int32 (0/1) and back.
 */
export function select(rt: Runtime, cond: Info, a: Info, b: Info, outShape: readonly number[]): Info {
  if (sizeOf(outShape) === 0) return rt.empty(outShape, a.dtype);
  const n = sizeOf(outShape);
  const fullOrOne = (t: Info) => sizeOf(t.shape) === n || sizeOf(t.shape) === 1;
  if (a.dtype !== 'bool' && sizeOf(cond.shape) === n && fullOrOne(a) && fullOrOne(b)) {
    // kernels.wat select4: a one-element branch is read as is, not filled out to full size.
    const out = rt.empty(outShape, a.dtype);
    const one = (t: Info) => (sizeOf(t.shape) === 1 && n > 1 ? 1 : 0);
    rt.simd.select4(rt.ptr(cond), rt.ptr(a), one(a), rt.ptr(b), one(b), rt.ptr(out), n);
    return out;
  }
  return rt.scoped((keep) => {
    const widen = (t: Info) => (t.dtype === 'bool' ? keep(rt.run('Cast', { x: t }, { dtype: 'int32' })) : t);
    const out = rt.run('Select', {
      condition: broadcastTo(rt, cond, outShape, keep),
      t: broadcastTo(rt, widen(a), outShape, keep),
      e: broadcastTo(rt, widen(b), outShape, keep),
    });
    if (a.dtype !== 'bool') return out;
    // 0/1 int32 -> bool: tfjs's Cast copies values, exact for 0 and 1.
    keep(out);
    return rt.run('Cast', { x: out }, { dtype: 'bool' });
  });
}
