import type { ArgReduceOp } from '@layerwise/api';
import type { Info, Runtime } from '../runtime.js';
import { sizeOf } from '../runtime.js';

/** Index (int32) of the first max/min along `axis`. */
export function argReduce(rt: Runtime, op: ArgReduceOp, x: Info, axis: number): Info {
  const outShape = x.shape.filter((_, i) => i !== axis);
  if (sizeOf(outShape) === 0) return rt.empty(outShape, 'int32');
  if (x.shape[axis] === 0) return rt.fill(outShape, 0, 'int32');
  const out = rt.run(op === 'argMax' ? 'ArgMax' : 'ArgMin', { x }, { axis });
  return rt.view(out, outShape);
}
