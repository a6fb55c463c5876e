import { composite } from '../engine/scope.js';
import { conv2dInfo } from '../kernel/conv-info.js';
import type { Tensor } from '../tensor/tensor.js';
import type { TensorLike } from './create.js';
import { reshape } from './reshape.js';
import { add } from './binary.js';
import { unstack } from './layout.js';
import { conv2dWithInfo } from './conv.js';
import { convOperands, windowOptions } from './window-options.js';
import { batched } from './batched.js';
import { windowGeometry, windowTaps } from './window-taps.js';

/** One number for all three spatial axes, or one per axis [depth, height, width]. */
export type Triple = number | readonly [number, number, number];

/** Options of `conv3d` (Keras's Conv3D arguments by their tfjs names). */
export interface Conv3DOptions {
  /** Step [depth, height, width] between outputs, or one number for all; default 1. */
  strides?: Triple;
  /** 'valid' (default): no padding; 'same': output ceil(in / stride) per axis, zeros padded as TensorFlow does (the odd one after). */
  padding?: 'valid' | 'same';
  /** Spacing [depth, height, width] between filter taps (Keras's dilation_rate), or one number; default 1. */
  dilations?: Triple;
}

/**
 * 3-D convolution: x [batch, d, h, w, inC] (or rank 4 without batch), filter
 * [fd, fh, fw, inC, outC] -> [batch, outD, outH, outW, outC]. Composed as a sum over the
 * filter's depth taps of conv2d on the depth slices each tap meets, so it runs (and
 * differentiates) on every backend's conv2d.
 */
export const conv3d = composite(function conv3d(xLike: TensorLike, filterLike: TensorLike, options: Conv3DOptions = {}): Tensor {
  const op = 'conv3d';
  const { x: x0, filter } = convOperands(op, 3, xLike, filterLike, 3);
  const { strides, dilations, padding } = windowOptions(op, 3, options);
  return batched(x0, 5, (x) => {
    const [b, d, h, w, c] = x.shape;
    const [fd, fh, fw, , f] = filter.shape;
    const depth = windowGeometry([d], [fd], [strides[0]], [dilations[0]], padding);
    const outD = depth.out[0];
    const info = conv2dInfo([b * outD, h, w, c], [fh, fw, c, f], [strides[1], strides[2]], padding, [dilations[1], dilations[2]]);
    const kernels = unstack(filter, 0);
    const slices = windowTaps(reshape(x, [b, d, h * w * c]), depth);
    const y = slices.map((s, i) => conv2dWithInfo(reshape(s, [b * outD, h, w, c]), kernels[i], info)).reduce((acc, t) => add(acc, t));
    return reshape(y, [b, outD, info.outH, info.outW, f]);
  });
});
