import type { Info, Runtime } from '../runtime.js';
import { sizeOf } from '../runtime.js';

/**
 * out[segmentIds[i]] += x[i] with tfjs's ScatterNd (which sums duplicates). Ids outside
 * [0, numSegments) go to a sentinel row that is dropped. tfjs-backend-wasm has no
 * UnsortedSegmentSum.
 */
export function unsortedSegmentSum(rt: Runtime, x: Info, segmentIds: Info, numSegments: number): Info {
  const inner = sizeOf(x.shape.slice(1));
  const outShape = [numSegments, ...x.shape.slice(1)];
  if (sizeOf(outShape) === 0) return rt.empty(outShape, x.dtype);
  const rows = x.shape[0];
  if (rows === 0) return rt.fill(outShape, 0, x.dtype);
  const ids = rt.read(segmentIds) as Int32Array;
  let bad = false;
  for (let i = 0; i < ids.length; i++) if (ids[i] < 0 || ids[i] >= numSegments) { bad = true; break; }
  const updates = rt.view(x, [rows, inner]);
  if (!bad) {
    return rt.view(rt.run('ScatterNd', { indices: rt.view(segmentIds, [rows, 1]), updates }, { shape: [numSegments, inner] }), outShape);
  }
  const fixed = new Int32Array(rows);
  for (let i = 0; i < rows; i++) fixed[i] = ids[i] >= 0 && ids[i] < numSegments ? ids[i] : numSegments;
  return rt.scoped((keep) => {
    const indices = keep(rt.upload(fixed, [rows, 1], 'int32'));
    const scattered = keep(rt.run('ScatterNd', { indices, updates }, { shape: [numSegments + 1, inner] }));
    return rt.prefix(scattered, outShape);
  });
}
