import type { ReduceOp } from '@layerwise/api';
import type { Ctx } from '../context.js';
import { filled, fromValues } from '../context.js';
import { decompose, runFlat, sizeOf, stridesOf } from '../program.js';
import type { TensorInfo } from '../tfjs.js';
import { IEEE_HELPERS } from './ieee.js';

/**
 * Reduces `axes` away. float32 `sum` over the trailing axes uses tfjs's Sum (a parallel
 * tree reduction); everything else is an own WGSL loop per output element, exact for
 * int32 (tfjs accumulates int32 in f32).
 */
export function reduce(ctx: Ctx, op: ReduceOp, x: TensorInfo, axes: readonly number[]): TensorInfo {
  const rank = x.shape.length;
  const kept = x.shape.map((_, i) => i).filter((i) => !axes.includes(i));
  const outShape = kept.map((i) => x.shape[i]);
  const outSize = sizeOf(outShape);
  const redShape = axes.map((i) => x.shape[i]);
  const redSize = sizeOf(redShape);
  if (outSize === 0) return fromValues(ctx, outShape, x.dtype);
  if (redSize === 0) {
    const identity = op === 'sum' ? 0 : op === 'max' ? -Infinity : Infinity;
    return filled(ctx, outShape, x.dtype, x.dtype === 'float32' ? identity : 0);
  }
  const trailing = axes.every((a, i) => a === rank - axes.length + i);
  if (op === 'sum' && x.dtype === 'float32' && trailing && redSize >= 256) {
    const out = ctx.tfk.run('Sum', { x }, { axis: [...axes], keepDims: false });
    return { ...out, shape: outShape };
  }
  const inStrides = stridesOf(x.shape);
  const ints: number[] = [redSize];
  const base = decompose('index', 'base', outShape, kept.map((i) => inStrides[i]), ints, 'lwo');
  const offset = decompose('t', 'off', redShape, axes.map((i) => inStrides[i]), ints, 'lwq');
  // A NaN wins and stays (int32 has none: lw_isnan is for f32 only).
  const nan = x.dtype === 'float32' ? ' || lw_isnan(v)' : '';
  const combine = op === 'sum' ? 'acc = acc + v;' : `acc = select(acc, v, v ${op === 'max' ? '>' : '<'} acc${nan});`;
  const out = runFlat(ctx.backend, {
    inputs: [x], names: ['x'], size: outSize, outDtype: x.dtype, ints,
    helpers: x.dtype === 'float32' ? IEEE_HELPERS : '',
    body: `var base = 0;
    ${base}
    var acc = x[base];
    for (var t = 1; t < uniforms.i0; t = t + 1) {
      var off = base;
      ${offset}
      let v = x[off];
      ${combine}
    }
    result[index] = acc;`,
  });
  return { ...out, shape: outShape };
}
