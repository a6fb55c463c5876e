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
  if (op === 'sum' && x.dtype === 'float32' && leadingAxes(axes, x.shape.length)) {
    // A sum over every axis but the last (a bias gradient): kernels.wat sum_rows, one pass in
    // row order, where tfjs's Sum would first transpose the reduced axes innermost.
    const cols = x.shape[x.shape.length - 1];
    const out = rt.empty(outShape, 'float32');
    rt.simd.sum_rows(rt.ptr(x), rt.ptr(out), sizeOf(x.shape) / cols, cols);
    return out;
  }
  const out = op === 'sum'
    ? rt.run('Sum', { x }, { axis: [...axes], keepDims: false })
    : rt.run(op === 'max' ? 'Max' : 'Min', { x }, { reductionIndices: [...axes], axis: [...axes], keepDims: false });
  return rt.view(out, outShape);
}

/** axes are exactly 0 .. rank - 2 (rank >= 2). */
function leadingAxes(axes: readonly number[], rank: number): boolean {
  return rank >= 2 && axes.length === rank - 1 && axes.every((a, i) => a === i);
}
