import { composite } from '../engine/scope.js';
import { conv2dInfo, type Conv2DInfo, type PaddingMode } from '../kernel/conv-info.js';
import { emit, kernelFor } from '../engine/emit.js';
import { record } from '../autodiff/tape.js';
import type { Tensor } from '../tensor/tensor.js';
import { toTensor, type TensorLike } from './create.js';
import { assertRank } from './validate.js';
import { convOperands, windowOptions } from './window-options.js';
import { reshape } from './reshape.js';

/** One number for both spatial axes, or one per axis (Keras's kernel_size / strides / pool_size). */
export type Pair = number | readonly [number, number];

/** dx of a conv2d; differentiable itself (its adjoint is conv2d). */
export function conv2dBackpropInput(dy: Tensor, filter: Tensor, info: Conv2DInfo): Tensor {
  const kernel = kernelFor('conv2dBackpropInput', { dy, filter });
  const dx = emit(kernel, kernel.conv2dBackpropInput(dy.ref(), filter.ref(), info), [info.batch, info.inH, info.inW, info.inC], 'float32');
  record('conv2dBackpropInput', [dy, filter], [dx], ([ddx]) => [conv2dWithInfo(ddx, filter, info), conv2dBackpropFilter(ddx, dy, info)]);
  return dx;
}

/** dFilter of a conv2d; differentiable itself. */
export function conv2dBackpropFilter(x: Tensor, dy: Tensor, info: Conv2DInfo): Tensor {
  const kernel = kernelFor('conv2dBackpropFilter', { x, dy });
  const df = emit(kernel, kernel.conv2dBackpropFilter(x.ref(), dy.ref(), info), [info.filterH, info.filterW, info.inC, info.outC], 'float32');
  record('conv2dBackpropFilter', [x, dy], [df], ([ddf]) => [conv2dBackpropInput(dy, ddf, info), conv2dWithInfo(x, ddf, info)]);
  return df;
}

/** conv2d with a resolved Conv2DInfo (any explicit padding), as the Kernel defines it. */
export function conv2dWithInfo(x: Tensor, filter: Tensor, info: Conv2DInfo): Tensor {
  const kernel = kernelFor('conv2d', { x, filter });
  const y = emit(kernel, kernel.conv2d(x.ref(), filter.ref(), info), [info.batch, info.outH, info.outW, info.outC], 'float32');
  record('conv2d', [x, filter], [y], ([dy], needs) => [
    needs[0] ? conv2dBackpropInput(dy, filter, info) : null,
    needs[1] ? conv2dBackpropFilter(x, dy, info) : null,
  ]);
  return y;
}

/** Options of `conv2d` (Keras's Conv2D arguments by their tfjs names). */
export interface Conv2DOptions {
  /** Step [height, width] between output pixels, or one number for both; default 1. */
  strides?: Pair;
  /**
   * 'valid' (default): no padding; 'same': output ceil(in / stride) per axis, zeros padded as
   * TensorFlow does (the odd one after); 'causal': zeros before the width axis only (conv1d's time).
   */
  padding?: PaddingMode;
  /** Spacing [height, width] between filter taps (Keras's dilation_rate), or one number; default 1. */
  dilations?: Pair;
}

/** 2-D convolution, NHWC input [batch, h, w, inC] (or rank 3 without batch), filter [fh, fw, inC, outC]. */
export const conv2d = composite(function conv2d(xLike: TensorLike, filterLike: TensorLike, options: Conv2DOptions = {}): Tensor {
  return conv2dThen(xLike, filterLike, options, conv2dWithInfo);
});

/**
 * conv2d's validation and shape handling around `run` (given x as rank 4 and the resolved
 * info): the plain product, or the fused product with bias and activation.
 */
export function conv2dThen(xLike: TensorLike, filterLike: TensorLike, options: Conv2DOptions,
  run: (x: Tensor, filter: Tensor, info: Conv2DInfo) => Tensor): Tensor {
  const op = 'conv2d';
  const { x: x0, filter } = convOperands(op, 2, xLike, filterLike, 2);
  const x = x0.rank === 3 ? reshape(x0, [1, ...x0.shape]) : x0;
  const { strides, dilations, padding } = windowOptions<PaddingMode>(op, 2, options, true);
  const info = conv2dInfo(x.shape, filter.shape, [strides[0], strides[1]], padding, [dilations[0], dilations[1]]);
  const y = run(x, filter, info);
  return x0.rank === 3 ? reshape(y, y.shape.slice(1)) : y;
}

/** Options of `conv1d` (Keras's Conv1D arguments by their tfjs names). */
export interface Conv1DOptions {
  /** Step between output steps, in input steps (Keras's strides); default 1. */
  stride?: number;
  /** 'valid' (default), 'same', or 'causal' (zeros before the sequence only, so no output sees a later step). */
  padding?: PaddingMode;
  /** Spacing between filter taps (Keras's dilation_rate); default 1. */
  dilation?: number;
}

/** 1-D convolution: x [batch, steps, inC], filter [width, inC, outC]; runs as a conv2d of height 1. */
export const conv1d = composite(function conv1d(xLike: TensorLike, filterLike: TensorLike, options: Conv1DOptions = {}): Tensor {
  const x = toTensor(xLike, 'conv1d', 'x');
  const filter = toTensor(filterLike, 'conv1d', 'filter');
  assertRank('conv1d', 'x', x, [3]);
  assertRank('conv1d', 'filter', filter, [3]);
  const [batch, steps, inC] = x.shape;
  const y = conv2d(reshape(x, [batch, 1, steps, inC]), reshape(filter, [1, ...filter.shape]), {
    strides: [1, options.stride ?? 1], padding: options.padding ?? 'valid', dilations: [1, options.dilation ?? 1],
  });
  return reshape(y, [batch, y.shape[2], y.shape[3]]);
});
