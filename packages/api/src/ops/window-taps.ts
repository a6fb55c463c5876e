import { outAndPad, type PaddingMode } from '../kernel/conv-info.js';
import type { Tensor } from '../tensor/tensor.js';
import { add } from './binary.js';
import { pad, slice } from './layout.js';
import { reshape } from './reshape.js';

/** Where a window op's kernel meets its input along each spatial axis. */
export interface WindowGeometry {
  readonly kernel: readonly number[];
  readonly strides: readonly number[];
  readonly dilations: readonly number[];
  /** Input length of each spatial axis (unpadded). */
  readonly input: readonly number[];
  /** Output length of each spatial axis. */
  readonly out: readonly number[];
  /** Zeros before each spatial axis. */
  readonly padBefore: readonly number[];
}

/** The geometry of a window op with a Keras padding mode on every axis (TensorFlow's split of 'same'). */
export function windowGeometry(input: readonly number[], kernel: readonly number[], strides: readonly number[],
  dilations: readonly number[], padding: PaddingMode): WindowGeometry {
  const axes = input.map((n, a) => outAndPad(padding, n, kernel[a], strides[a], dilations[a]));
  return { kernel, strides, dilations, input, out: axes.map((g) => g.out), padBefore: axes.map((g) => g.before) };
}

/** Every tap of the kernel, row-major (the last spatial axis fastest). */
export function kernelTaps(kernel: readonly number[]): number[][] {
  let taps: number[][] = [[]];
  for (const k of kernel) taps = taps.flatMap((t) => Array.from({ length: k }, (_, i) => [...t, i]));
  return taps;
}

/**
 * Length of each padded spatial axis: the zeros before, the input, then enough zeros after
 * that every tap's block of out * stride elements lies inside.
 */
function paddedLengths(g: WindowGeometry): number[] {
  return g.input.map((n, a) => Math.max(g.padBefore[a] + n, (g.kernel[a] - 1) * g.dilations[a] + g.out[a] * g.strides[a]));
}

const channelsLast = (x: Tensor, spatial: readonly number[]): [number, ...number[]] => [x.shape[0], ...spatial, x.shape[x.rank - 1]];

/** [b, o1, s1, o2, s2, ..., c]: each stride group of an axis on an axis of its own. */
const strideGroups = (b: number, g: WindowGeometry, sizes: (a: number) => number, c: number): number[] =>
  [b, ...g.out.flatMap((o, a) => [o, sizes(a)]), c];

/**
 * For each kernel tap (in `kernelTaps` order), the input elements that tap meets at every
 * output position: x is channels-last [batch, ...spatial, channels], each result is
 * [batch, ...out, channels], padding counts as zero. A strided slice is a slice of
 * out * stride elements, regrouped so the stride is an axis of its own, then its first
 * element: pad, slice and reshape only, so it is differentiable and runs on any backend.
 */
export function windowTaps(x: Tensor, g: WindowGeometry): Tensor[] {
  const r = g.kernel.length;
  const [b, c] = [x.shape[0], x.shape[r + 1]];
  const padded = paddedLengths(g);
  const xp = pad(x, [[0, 0], ...g.input.map((n, a): [number, number] => [g.padBefore[a], padded[a] - g.padBefore[a] - n]), [0, 0]]);
  const strided = g.strides.some((s) => s > 1);
  return kernelTaps(g.kernel).map((tap) => {
    const block = slice(xp, [0, ...tap.map((t, a) => t * g.dilations[a]), 0], channelsLast(x, g.out.map((o, a) => o * g.strides[a])));
    if (!strided) return block;
    const grouped = reshape(block, strideGroups(b, g, (a) => g.strides[a], c));
    const first = slice(grouped, grouped.shape.map(() => 0), strideGroups(b, g, () => 1, c));
    return reshape(first, channelsLast(x, g.out));
  });
}

/**
 * The adjoint of `windowTaps`: sums each tap's [batch, ...out, channels] values back onto
 * the input positions it met, giving [batch, ...input, channels] (what lands on padding is
 * dropped). A transposed convolution is built from it.
 */
export function windowTapsAdjoint(taps: readonly Tensor[], g: WindowGeometry): Tensor {
  const r = g.kernel.length;
  const [b, c] = [taps[0].shape[0], taps[0].shape[r + 1]];
  const padded = paddedLengths(g);
  const strided = g.strides.some((s) => s > 1);
  const placed = kernelTaps(g.kernel).map((tap, k) => {
    let block = taps[k];
    if (strided) {
      const grouped = reshape(block, strideGroups(b, g, () => 1, c));
      const spread = pad(grouped, grouped.shape.map((_, i): [number, number] => [0, i > 0 && i <= 2 * r && i % 2 === 0 ? g.strides[i / 2 - 1] - 1 : 0]));
      block = reshape(spread, [b, ...g.out.map((o, a) => o * g.strides[a]), c]);
    }
    return pad(block, [[0, 0], ...tap.map((t, a): [number, number] => {
      const before = t * g.dilations[a];
      return [before, padded[a] - before - g.out[a] * g.strides[a]];
    }), [0, 0]]);
  });
  const sum = placed.reduce((acc, t) => add(acc, t));
  return slice(sum, [0, ...g.padBefore, 0], [b, ...g.input, c]);
}
