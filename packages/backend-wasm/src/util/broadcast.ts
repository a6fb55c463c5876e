import type { Info, Runtime } from '../runtime.js';
import { sizeOf } from '../runtime.js';
import { alignRank, sameShape } from './shape.js';

/**
 * `t` stretched to `outShape` (numpy rules): `t` itself when it already has that shape, a
 * fill (native TypedArray.fill) when it holds one element, else tfjs's Tile kernel.
 * `keep` registers the temporary.
 */
export function broadcastTo(rt: Runtime, t: Info, outShape: readonly number[], keep: <I extends Info>(t: I) => I): Info {
  if (sameShape(t.shape, outShape)) return t;
  if (sizeOf(t.shape) === 1) return keep(rt.fill(outShape, rt.heap(t)[0], t.dtype));
  const aligned = alignRank(t.shape, outShape.length);
  const reps = outShape.map((d, i) => (aligned[i] === d ? 1 : d));
  return keep(rt.run('Tile', { x: rt.view(t, aligned) }, { reps }));
}
