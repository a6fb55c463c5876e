import type { ReduceOp } from '@layerwise/api';
import type { Info, Runtime } from '../runtime.js';
import { sizeOf } from '../runtime.js';

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/** Reduces sorted `axes` away with tfjs's Sum / Max / Min; empty reductions give the identity. */
export function reduce(rt: Runtime, op: ReduceOp, x: Info, axes: readonly number[]): Info {
  const outShape = x.shape.filter((_, i) => !axes.includes(i));
  if (sizeOf(outShape) === 0) return rt.empty(outShape, x.dtype);
  if (sizeOf(x.shape) === 0) {
    const isInt = x.dtype === 'int32';
    const identity = op === 'sum' ? 0 : op === 'max' ? (isInt ? INT32_MIN : -Infinity) : (isInt ? INT32_MAX : Infinity);
    return rt.fill(outShape, identity, x.dtype);
  }
  const out = op === 'sum'
    ? rt.run('Sum', { x }, { axis: [...axes], keepDims: false })
    : rt.run(op === 'max' ? 'Max' : 'Min', { x }, { reductionIndices: [...axes], axis: [...axes], keepDims: false });
  return rt.view(out, outShape);
}
