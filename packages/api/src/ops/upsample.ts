import { composite } from '../engine/scope.js';
import { fmtShape } from '../tensor/shape.js';
import type { Tensor } from '../tensor/tensor.js';
import { tensor } from './create.js';
import { add, mul, sub } from './binary.js';
import { reshape } from './reshape.js';
import { broadcastTo } from './broadcast-to.js';
import { concat, slice } from './layout.js';
import { normAxis } from './validate.js';

/** Pairs each axis (resolved, distinct) with its integer factor >= 1. */
function checkFactors(op: string, x: Tensor, factors: number | readonly number[], axes: number | readonly number[]): { factors: number[]; axes: number[] } {
  const axisList = (typeof axes === 'number' ? [axes] : axes.slice()).map((a) => normAxis(op, a, x.rank));
  const factorList = typeof factors === 'number' ? axisList.map(() => factors) : factors.slice();
  if (new Set(axisList).size !== axisList.length || factorList.length !== axisList.length || factorList.some((f) => !Number.isInteger(f) || f < 1)) {
    throw new Error(`${op}: factors ${JSON.stringify(factors)} must give one integer >= 1 per distinct axis of ${JSON.stringify(axes)} ('x' ${fmtShape(x.shape)})`);
  }
  return { factors: factorList, axes: axisList };
}

// XNNPACK (the wasm backend's kernels) broadcasts at most 6 axes; the views below merge the
// untouched axes so that they stay within that.
const MAX_VIEW_RANK = 6;

/**
 * Keras's `K.repeat_elements` along one or more axes at once: each element is repeated
 * `factors[i]` times in a row along `axes[i]` (nearest-neighbour upsampling at an integer
 * factor). One broadcast where the view fits: x is viewed as [.., n, 1, ..] per axis (runs of
 * other axes merged) and stretched to [.., n, f, ..], so the gradient is a sum over the repeats.
 */
export const repeatElements = composite(function repeatElements(x: Tensor, factors: number | readonly number[], axes: number | readonly number[]): Tensor {
  const { factors: fs, axes: as } = checkFactors('repeatElements', x, factors, axes);
  const viewed: number[] = [];
  const stretched: number[] = [];
  let run: number | null = null;
  const closeRun = (): void => {
    if (run !== null) { viewed.push(run); stretched.push(run); }
    run = null;
  };
  x.shape.forEach((d, i) => {
    const k = as.indexOf(i);
    if (k < 0) {
      run = (run ?? 1) * d;
      return;
    }
    closeRun();
    viewed.push(d, 1);
    stretched.push(d, fs[k]);
  });
  closeRun();
  if (viewed.length > MAX_VIEW_RANK && as.length > 1) return repeatElements(repeatElements(x, fs.slice(0, 1), as.slice(0, 1)), fs.slice(1), as.slice(1));
  const out = x.shape.map((d, i) => (as.includes(i) ? d * fs[as.indexOf(i)] : d));
  return reshape(broadcastTo(reshape(x, viewed), stretched), out);
});

/**
 * Linear interpolation to `factor` times the length of one axis, as TensorFlow 1.x's
 * resize_bilinear computes it (align_corners false, no half-pixel centres): output o reads
 * the input at o / factor, between x[floor] and x[min(floor + 1, n - 1)], so the last input
 * element is repeated, not extrapolated. Output i * factor + k = x[i] + (x[i + 1] - x[i]) * k / factor.
 */
function upsampleLinearAxis(x: Tensor, factor: number, axis: number): Tensor {
  if (factor === 1) return x;
  const n = x.shape[axis];
  const before = x.shape.slice(0, axis).reduce((a, b) => a * b, 1);
  const after = x.shape.slice(axis + 1).reduce((a, b) => a * b, 1);
  const here = reshape(x, [before, n, 1, after]);
  // The next element along the axis, the last one standing in for its own successor.
  const next = n === 1 ? here : concat([slice(here, [0, 1, 0, 0], [before, n - 1, 1, after]), slice(here, [0, n - 1, 0, 0], [before, 1, 1, after])], 1);
  const weights = tensor(Float32Array.from({ length: factor }, (_, k) => k / factor), [factor, 1]);
  const y = add(here, mul(sub(next, here), weights));
  return reshape(y, x.shape.map((d, i) => (i === axis ? d * factor : d)));
}

/**
 * Keras 2.2.4's bilinear `K.resize_images` (TensorFlow 1.x resize_bilinear, align_corners
 * false, no half-pixel centres) at integer factors along `axes`; the last axis is
 * interpolated first, as TensorFlow interpolates along the width before the height.
 */
export const upsampleBilinear = composite(function upsampleBilinear(x: Tensor, factors: number | readonly number[], axes: number | readonly number[]): Tensor {
  const { factors: fs, axes: as } = checkFactors('upsampleBilinear', x, factors, axes);
  const order = as.map((a, i) => [a, fs[i]] as const).sort((p, q) => q[0] - p[0]);
  return order.reduce((y, [a, f]) => upsampleLinearAxis(y, f, a), x);
});
