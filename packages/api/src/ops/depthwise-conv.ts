import { composite } from '../engine/scope.js';
import { fmtShape } from '../tensor/shape.js';
import type { Tensor } from '../tensor/tensor.js';
import { toTensor, type TensorLike } from './create.js';
import { assertRank } from './validate.js';
import { convOperands, windowOptions } from './window-options.js';
import { reshape } from './reshape.js';
import { add, mul } from './binary.js';
import { unstack } from './layout.js';
import { conv2d, type Pair } from './conv.js';
import { batched } from './batched.js';
import { windowGeometry, windowTaps } from './window-taps.js';

/** Options of `depthwiseConv2d` (Keras's DepthwiseConv2D arguments by their tfjs names). */
export interface DepthwiseConv2DOptions {
  /** Step [height, width] between output pixels, or one number for both; default 1. */
  strides?: Pair;
  /** 'valid' (default): no padding; 'same': output ceil(in / stride) per axis, zeros padded as TensorFlow does (the odd one after). */
  padding?: 'valid' | 'same';
  /** Spacing [height, width] between filter taps (Keras's dilation_rate), or one number; default 1. */
  dilations?: Pair;
}

/**
 * Depthwise 2-D convolution: x [batch, h, w, c] (or rank 3), filter [fh, fw, c, m] ->
 * [batch, outH, outW, c * m], output channel c * m + j being input channel c convolved
 * with filter[:, :, c, j] (TensorFlow's order). Composed: the input each filter tap meets
 * (a strided slice) times that tap's per-channel weights, summed over the taps.
 */
export const depthwiseConv2d = composite(function depthwiseConv2d(xLike: TensorLike, filterLike: TensorLike, options: DepthwiseConv2DOptions = {}): Tensor {
  const op = 'depthwiseConv2d';
  const { x: x0, filter } = convOperands(op, 2, xLike, filterLike, 2);
  const { strides, dilations, padding } = windowOptions(op, 2, options);
  const [fh, fw, c, m] = filter.shape;
  return batched(x0, 4, (x) => {
    const g = windowGeometry([x.shape[1], x.shape[2]], [fh, fw], strides, dilations, padding);
    const [b, outH, outW] = [x.shape[0], g.out[0], g.out[1]];
    // Tap by tap: the input it meets times its [c, m] weights, summed. (Stacking the taps for
    // one broadcast product was slower: a concat along an inner axis and a rank-6 broadcast.)
    const weights = unstack(reshape(filter, [fh * fw, m === 1 ? c : c * m]), 0).map((w) => (m === 1 ? w : reshape(w, [c, m])));
    const y = windowTaps(x, g).map((tap, i) => mul(m === 1 ? tap : reshape(tap, [b, outH, outW, c, 1]), weights[i])).reduce((acc, t) => add(acc, t));
    return reshape(y, [b, outH, outW, c * m]);
  });
});

/**
 * Depthwise separable 2-D convolution: depthwiseConv2d with `depthwiseFilter`
 * [fh, fw, c, m], then a 1x1 conv2d with `pointwiseFilter` [1, 1, c * m, outC].
 */
export const separableConv2d = composite(function separableConv2d(xLike: TensorLike, depthwiseFilter: TensorLike, pointwiseFilter: TensorLike,
  options: DepthwiseConv2DOptions = {}): Tensor {
  const pointwise = toTensor(pointwiseFilter, 'separableConv2d', 'pointwiseFilter');
  assertRank('separableConv2d', 'pointwiseFilter', pointwise, [4]);
  if (pointwise.shape[0] !== 1 || pointwise.shape[1] !== 1) {
    throw new Error(`separableConv2d: 'pointwiseFilter' must be [1, 1, inC * multiplier, outC], got ${fmtShape(pointwise.shape)}`);
  }
  return conv2d(depthwiseConv2d(xLike, depthwiseFilter, options), pointwise);
});
