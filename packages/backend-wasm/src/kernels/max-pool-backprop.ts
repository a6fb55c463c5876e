import type { Pool2DInfo } from '@layerwise/api';
import type { Info, Runtime } from '../runtime.js';
import { sizeOf } from '../runtime.js';
import { poolTapIndex } from '../util/pool-index.js';
import { binary } from './binary.js';

/**
 * Routes each dy element to the first maximum of its window, composed from wasm kernels
 * (tfjs's MaxPoolGrad selects nothing when a window's max is <= 0 and prefers the last tie):
 *   taps   = Gather(x padded with a -inf sentinel row, per-tap input positions)  [n, T, P, C]
 *   max    = Max over taps; eq = taps == max
 *   first  = relu(eq - exclusive Cumsum of eq over taps)          (first tie in row-major order)
 *   dx     = ScatterNd(first * dy, the same positions)  (sums where windows overlap)
 */
export function maxPoolBackprop(rt: Runtime, dy: Info, x: Info, info: Pool2DInfo): Info {
  const { batch: n, inH, inW, channels: c, outH, outW, filterH, filterW } = info;
  const dxShape = [n, inH, inW, c];
  if (sizeOf(dxShape) === 0) return rt.empty(dxShape, 'float32');
  const positions = outH * outW;
  const taps = filterH * filterW;
  if (positions === 0 || taps === 0) return rt.fill(dxShape, 0, 'float32');
  if (tilesWithoutPadding(info)) return maxPoolBackpropTiled(rt, dy, x, info);
  const hw = inH * inW;
  const idx = poolTapIndex(info);
  return rt.scoped((keep) => {
    const indices = keep(rt.upload(idx, [taps * positions], 'int32'));
    const xs = keep(rt.run('PadV2', { x: rt.view(x, [n, hw, c]) }, { paddings: [[0, 0], [0, 1], [0, 0]], constantValue: -Infinity }));
    const gathered = keep(rt.run('GatherV2', { x: xs, indices }, { axis: 1, batchDims: 0 }));
    const g = rt.view(gathered, [n, taps, positions, c]);
    const max = keep(rt.run('Max', { x: g }, { reductionIndices: [1], axis: [1], keepDims: true }));
    const eq = keep(binary(rt, 'equal', g, max, g.shape));
    const eqf = keep(rt.run('Cast', { x: eq }, { dtype: 'float32' }));
    const before = keep(rt.run('Cumsum', { x: eqf }, { axis: 1, exclusive: true, reverse: false }));
    const firstF = keep(rt.run('Relu', { x: keep(rt.run('Sub', { a: eqf, b: before })) }));
    const routed = keep(rt.run('Multiply', { a: firstF, b: rt.view(dy, [n, 1, positions, c]) }));
    // Scatter needs the scattered axis first: [n, T, P, C] -> [T, P, n, C].
    const updates = keep(rt.run('Transpose', { x: routed }, { perm: [1, 2, 0, 3] }));
    return rt.view(scatterRows(rt, keep, indices, rt.view(updates, [taps * positions, n * c]), hw, n, c), dxShape);
  });
}

/** Windows that tile the input without overlap or padding (the usual MaxPooling2D(2)). */
function tilesWithoutPadding(info: Pool2DInfo): boolean {
  return info.strideH === info.filterH && info.strideW === info.filterW &&
    info.padTop === 0 && info.padBottom === 0 && info.padLeft === 0 && info.padRight === 0;
}

/**
 * The tiled case without Gather or ScatterNd: every input cell is in at most one window, so
 * the windows are a transpose away from rows of `taps` cells:
 *   x [n, oh*fh, ow*fw, c] -> [n*oh, fh, ow, fw, c] -> [n*oh, ow, c, fh, fw] = rows [R, taps]
 *   first max of each row (Max, Equal, exclusive Cumsum on the innermost axis), times dy,
 * then the inverse transpose, and zeros for the cells past the last window (padded back).
 */
function maxPoolBackpropTiled(rt: Runtime, dy: Info, x: Info, info: Pool2DInfo): Info {
  const { batch: n, inH, inW, channels: c, outH: oh, outW: ow, filterH: fh, filterW: fw } = info;
  const taps = fh * fw;
  const rows = n * oh * ow * c;
  return rt.scoped((keep) => {
    const cropped = oh * fh === inH && ow * fw === inW
      ? x
      : keep(rt.run('Slice', { x }, { begin: [0, 0, 0, 0], size: [n, oh * fh, ow * fw, c] }));
    const windows = keep(rt.run('Transpose', { x: rt.view(cropped, [n * oh, fh, ow, fw, c]) }, { perm: [0, 2, 4, 1, 3] }));
    const w = rt.view(windows, [rows, taps]);
    const max = keep(rt.run('Max', { x: w }, { reductionIndices: [1], axis: [1], keepDims: true }));
    const eq = keep(binary(rt, 'equal', w, rt.view(max, [rows, 1]), [rows, taps]));
    const eqf = keep(rt.run('Cast', { x: eq }, { dtype: 'float32' }));
    const before = keep(rt.run('Cumsum', { x: eqf }, { axis: 1, exclusive: true, reverse: false }));
    // First max of the row: eq - (maxima before it) is 1 exactly there, <= 0 elsewhere.
    const firstF = keep(rt.run('Relu', { x: keep(rt.run('Sub', { a: eqf, b: before })) }));
    const routed = keep(rt.run('Multiply', { a: firstF, b: rt.view(dy, [rows, 1]) }));
    const back = rt.run('Transpose', { x: rt.view(routed, [n * oh, ow, c, fh, fw]) }, { perm: [0, 3, 1, 4, 2] });
    if (oh * fh === inH && ow * fw === inW) return rt.view(back, [n, inH, inW, c]);
    keep(back);
    return rt.run('PadV2', { x: rt.view(back, [n, oh * fh, ow * fw, c]) },
      { paddings: [[0, 0], [0, inH - oh * fh], [0, inW - ow * fw], [0, 0]], constantValue: 0 });
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
