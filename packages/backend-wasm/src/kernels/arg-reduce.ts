import type { ArgReduceOp } from '@layerwise/api';
import type { Info, Runtime } from '../runtime.js';
import { sizeOf } from '../runtime.js';

/**
 * Index (int32) of the first max/min along `axis`, or of the first NaN: float32 in
 * kernels.wat arg_reduce (tfjs's ArgMax / ArgMin skip NaNs), int32 with tfjs's kernels.
 */
export function argReduce(rt: Runtime, op: ArgReduceOp, x: Info, axis: number): Info {
  const outShape = x.shape.filter((_, i) => i !== axis);
  if (sizeOf(outShape) === 0) return rt.empty(outShape, 'int32');
  if (x.shape[axis] === 0) return rt.fill(outShape, 0, 'int32');
  if (x.dtype === 'float32') {
    const out = rt.empty(outShape, 'int32');
    const inner = sizeOf(x.shape.slice(axis + 1));
    rt.simd.arg_reduce(rt.ptr(x), rt.ptr(out), sizeOf(x.shape.slice(0, axis)), x.shape[axis], inner, op === 'argMin' ? 1 : 0);
    return out;
  }
  const out = rt.run(op === 'argMax' ? 'ArgMax' : 'ArgMin', { x }, { axis });
  return rt.view(out, outShape);
}
