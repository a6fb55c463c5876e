import type { Info, Runtime } from '../runtime.js';
import { sizeOf } from '../runtime.js';
import { select } from './select.js';

/**
 * Slices of x along `axis` at `indices` with tfjs's GatherV2 (which rejects out-of-range
 * indices): those are gathered from index 0 and then zeroed with a Select.
 */
export function gather(rt: Runtime, x: Info, indices: Info, axis: number): Info {
  const outShape = [...x.shape.slice(0, axis), ...indices.shape, ...x.shape.slice(axis + 1)];
  if (sizeOf(outShape) === 0) return rt.empty(outShape, x.dtype);
  const dim = x.shape[axis];
  const idx = rt.read(indices) as Int32Array;
  let bad = 0;
  for (let i = 0; i < idx.length; i++) if (idx[i] < 0 || idx[i] >= dim) bad++;
  if (bad === 0) return rt.view(rt.run('GatherV2', { x, indices }, { axis, batchDims: 0 }), outShape);
  if (bad === idx.length) return rt.fill(outShape, 0, x.dtype);
  const clamped = new Int32Array(idx.length);
  const valid = new Uint8Array(idx.length);
  for (let i = 0; i < idx.length; i++) {
    const ok = idx[i] >= 0 && idx[i] < dim;
    clamped[i] = ok ? idx[i] : 0;
    valid[i] = ok ? 1 : 0;
  }
  return rt.scoped((keep) => {
    const safe = keep(rt.upload(clamped, indices.shape, 'int32'));
    const g = keep(rt.run('GatherV2', { x, indices: safe }, { axis, batchDims: 0 }));
    const maskShape = outShape.map((d, i) => (i >= axis && i < axis + indices.shape.length ? d : 1));
    const mask = keep(rt.upload(valid, maskShape, 'bool'));
    const zero = keep(rt.scalar(0, x.dtype));
    return select(rt, mask, rt.view(g, outShape), zero, outShape);
  });
}
