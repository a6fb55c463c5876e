import { composite } from '../engine/scope.js';
import { conv2dInfo, type Conv2DInfo } from '../kernel/conv-info.js';
import { fmtShape } from '../tensor/shape.js';
import type { Tensor } from '../tensor/tensor.js';
import type { TensorLike } from './create.js';
import { assertIntList } from './validate.js';
import { reshape } from './reshape.js';
import { unstack } from './layout.js';
import { conv2dBackpropInput, type Pair } from './conv.js';
import type { Triple } from './conv3d.js';
import { convOperands, windowOptions } from './window-options.js';
import { batched } from './batched.js';
import { windowGeometry, windowTapsAdjoint } from './window-taps.js';

/** x and filter of a transposed convolution of `rank` spatial axes, checked; outputShape with a batch axis. */
function transposeOperands(op: string, rank: number, xLike: TensorLike, filterLike: TensorLike, outputShape: readonly number[]): { x: Tensor; filter: Tensor; out: number[] } {
  const { x, filter } = convOperands(op, rank, xLike, filterLike, rank + 1);
  assertIntList(op, 'outputShape', outputShape, x.rank, 0);
  const out = x.rank === rank + 2 ? outputShape.slice() : [1, ...outputShape];
  if (out[rank + 1] !== filter.shape[rank] || (x.rank === rank + 2 && out[0] !== x.shape[0])) {
    throw new Error(`${op}: outputShape ${fmtShape(outputShape)} must have the batch of 'x' ${fmtShape(x.shape)} and the out-channels of 'filter' ${fmtShape(filter.shape)} (${filter.shape[rank]})`);
  }
  return { x, filter, out };
}

function mismatch(op: string, outputShape: readonly number[], x: Tensor, expected: readonly number[]): Error {
  return new Error(`${op}: a convolution of outputShape ${fmtShape(outputShape)} with these strides and padding gives spatial shape ${fmtShape(expected)}, not that of 'x' ${fmtShape(x.shape)}`);
}

/** Options of `conv2dTranspose`: those of the conv2d it is the adjoint of. */
export interface Conv2DTransposeOptions {
  /** Step [height, width] of the forward conv2d, or one number for both; default 1. The output grows by it. */
  strides?: Pair;
  /** 'valid' (default): no padding; 'same': output ceil(in / stride) per axis, zeros padded as TensorFlow does (the odd one after). */
  padding?: 'valid' | 'same';
  /** Spacing [height, width] between filter taps, or one number for both; default 1. */
  dilations?: Pair;
}

/**
 * Transposed 2-D convolution (the gradient of conv2d with respect to its input): x
 * [batch, h, w, inC] (or rank 3), filter [fh, fw, outC, inC], outputShape [batch, outH,
 * outW, outC] (or rank 3). A conv2d of outputShape with the same filter, strides, padding
 * and dilations must give x's spatial shape, as in TensorFlow.
 */
export const conv2dTranspose = composite(function conv2dTranspose(xLike: TensorLike, filterLike: TensorLike, outputShape: readonly number[],
  options: Conv2DTransposeOptions = {}): Tensor {
  const op = 'conv2dTranspose';
  const { x, filter, out } = transposeOperands(op, 2, xLike, filterLike, outputShape);
  const { strides, dilations, padding } = windowOptions(op, 2, options);
  return batched(x, 4, (x4) => {
    const info = conv2dInfo(out, filter.shape, [strides[0], strides[1]], padding, [dilations[0], dilations[1]]);
    if (info.outH !== x4.shape[1] || info.outW !== x4.shape[2]) throw mismatch(op, outputShape, x, [info.outH, info.outW]);
    return conv2dBackpropInput(x4, filter, info);
  });
});

/** Options of `conv3dTranspose`: those of the conv3d it is the adjoint of (no dilation). */
export interface Conv3DTransposeOptions {
  /** Step [depth, height, width] of the forward conv3d, or one number for all; default 1. */
  strides?: Triple;
  /** 'valid' (default): no padding; 'same': output ceil(in / stride) per axis, zeros padded as TensorFlow does (the odd one after). */
  padding?: 'valid' | 'same';
}

/**
 * Transposed 3-D convolution: x [batch, d, h, w, inC] (or rank 4), filter
 * [fd, fh, fw, outC, inC], outputShape [batch, outD, outH, outW, outC] (or rank 4). The
 * adjoint of conv3d's composition: conv2dBackpropInput per depth tap, each summed back
 * onto the output depths that tap came from.
 */
export const conv3dTranspose = composite(function conv3dTranspose(xLike: TensorLike, filterLike: TensorLike, outputShape: readonly number[],
  options: Conv3DTransposeOptions = {}): Tensor {
  const op = 'conv3dTranspose';
  const { x, filter, out } = transposeOperands(op, 3, xLike, filterLike, outputShape);
  const { strides, padding } = windowOptions(op, 3, options);
  return batched(x, 5, (x5) => {
    const [b, d, h, w, c] = x5.shape;
    const [, outD, outH, outW, f] = out;
    const [fd, fh, fw] = filter.shape;
    const depth = windowGeometry([outD], [fd], [strides[0]], [1], padding);
    const info: Conv2DInfo = conv2dInfo([b * d, outH, outW, f], [fh, fw, f, c], [strides[1], strides[2]], padding);
    if (depth.out[0] !== d || info.outH !== h || info.outW !== w) throw mismatch(op, outputShape, x, [depth.out[0], info.outH, info.outW]);
    const planes = reshape(x5, [b * d, h, w, c]);
    const taps = unstack(filter, 0).map((k) => reshape(conv2dBackpropInput(planes, k, info), [b, d, outH * outW * f]));
    return reshape(windowTapsAdjoint(taps, depth), out);
  });
});
