import type { Pool2DInfo } from '@layerwise/api';
import type { Info, Runtime } from '../runtime.js';
import { sizeOf } from '../runtime.js';
import { poolTapIndex } from '../util/pool-index.js';

/**
 * Routes each dy element to the first maximum of its window, composed from wasm kernels
 * (tfjs's MaxPoolGrad selects nothing when a window's max is <= 0 and prefers the last tie):
 *   taps   = Gather(x padded with a -inf sentinel row, per-tap input positions)  [n, T, P, C]
 *   max    = Max over taps; eq = taps == max
 *   first  = eq && (exclusive Cumsum of eq over taps == 0)     (first tie in row-major order)
 *   dx     = ScatterNd(first * dy, the same positions)  (sums where windows overlap)
 */
export function maxPoolBackprop(rt: Runtime, dy: Info, x: Info, info: Pool2DInfo): Info {
  const { batch: n, inH, inW, channels: c, outH, outW, filterH, filterW } = info;
  const dxShape = [n, inH, inW, c];
  if (sizeOf(dxShape) === 0) return rt.empty(dxShape, 'float32');
  const positions = outH * outW;
  const taps = filterH * filterW;
  if (positions === 0 || taps === 0) return rt.fill(dxShape, 0, 'float32');
  const hw = inH * inW;
  const idx = poolTapIndex(info);
  return rt.scoped((keep) => {
    const indices = keep(rt.upload(idx, [taps * positions], 'int32'));
    const xs = keep(rt.run('PadV2', { x: rt.view(x, [n, hw, c]) }, { paddings: [[0, 0], [0, 1], [0, 0]], constantValue: -Infinity }));
    const gathered = keep(rt.run('GatherV2', { x: xs, indices }, { axis: 1, batchDims: 0 }));
    const g = rt.view(gathered, [n, taps, positions, c]);
    const max = keep(rt.run('Max', { x: g }, { reductionIndices: [1], axis: [1], keepDims: true }));
    const eq = keep(rt.run('Equal', { a: g, b: max }));
    const eqf = keep(rt.run('Cast', { x: eq }, { dtype: 'float32' }));
    const before = keep(rt.run('Cumsum', { x: eqf }, { axis: 1, exclusive: true, reverse: false }));
    const zero = keep(rt.scalar(0, 'float32'));
    const none = keep(rt.run('Equal', { a: before, b: zero }));
    const first = keep(rt.run('LogicalAnd', { a: eq, b: none }));
    const firstF = keep(rt.run('Cast', { x: first }, { dtype: 'float32' }));
    const routed = keep(rt.run('Multiply', { a: firstF, b: rt.view(dy, [n, 1, positions, c]) }));
    // Scatter needs the scattered axis first: [n, T, P, C] -> [T, P, n, C].
    const updates = keep(rt.run('Transpose', { x: routed }, { perm: [1, 2, 0, 3] }));
    return rt.view(scatterRows(rt, keep, indices, rt.view(updates, [taps * positions, n * c]), hw, n, c), dxShape);
  });
}

/**
 * Sums rows of `updates` [K, n * c] into rows `indices` of a [hw + 1, n * c] zero tensor with
 * ScatterNd, drops the sentinel row hw, and transposes to [n, hw, c] (returned as NHWC by view).
 */
export function scatterRows(rt: Runtime, keep: <I extends Info>(t: I) => I, indices: Info, updates: Info, hw: number, n: number, c: number): Info {
  const scattered = keep(rt.run('ScatterNd', { indices: rt.view(indices, [indices.shape[0], 1]), updates }, { shape: [hw + 1, n * c] }));
  const body = keep(rt.prefix(scattered, [hw, n, c]));
  const dx = rt.run('Transpose', { x: body }, { perm: [1, 0, 2] });
  return dx;
}
