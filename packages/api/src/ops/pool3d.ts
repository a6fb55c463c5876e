import { composite } from '../engine/scope.js';
import type { Tensor } from '../tensor/tensor.js';
import { toTensor, type TensorLike } from './create.js';
import { assertDType, assertRank } from './validate.js';
import { poolOptions } from './window-options.js';
import { reshape } from './reshape.js';
import { avgPool2d, maxPool2d, type Pool2DOptions } from './pool.js';
import type { Triple } from './conv3d.js';

/** Options of `maxPool3d` and `avgPool3d`, as Keras's MaxPooling3D / AveragePooling3D take them. */
export interface Pool3DOptions {
  /** Window [depth, height, width], or one number for all (Keras's pool_size); default 2. */
  poolSize?: Triple;
  /** Step [depth, height, width] between windows, or one number for all; defaults to `poolSize`. */
  strides?: Triple;
  /** 'valid' (default): windows inside the input only; 'same': output ceil(in / stride), padding not counted. */
  padding?: 'valid' | 'same';
}

/**
 * A 3-D window reduction as two 2-D ones: over (h, w) for every depth, then over depth.
 * Exact for max and for the mean of in-bounds elements, since both reduce a box one
 * axis group at a time (the in-bounds part of a box window is a box).
 */
function pool3d(op: string, pool2d: (x: Tensor, options: Pool2DOptions) => Tensor, xLike: TensorLike, options: Pool3DOptions): Tensor {
  const x = toTensor(xLike, op, 'x');
  assertDType(op, 'x', x, ['float32']);
  assertRank(op, 'x', x, [5]);
  const { poolSize, strides, padding } = poolOptions(op, 3, options);
  const [b, d, h, w, c] = x.shape;
  const planes = pool2d(reshape(x, [b * d, h, w, c]), { poolSize: [poolSize[1], poolSize[2]], strides: [strides[1], strides[2]], padding });
  const [, outH, outW] = planes.shape;
  const volume = pool2d(reshape(planes, [b, d, outH * outW, c]), { poolSize: [poolSize[0], 1], strides: [strides[0], 1], padding });
  return reshape(volume, [b, volume.shape[1], outH, outW, c]);
}

/** Max over 3-D windows of x [batch, d, h, w, c]; padding never wins. */
export const maxPool3d = composite((x: TensorLike, options: Pool3DOptions = {}): Tensor => pool3d('maxPool3d', maxPool2d, x, options));
/** Mean over the in-bounds elements of 3-D windows of x [batch, d, h, w, c]. */
export const avgPool3d = composite((x: TensorLike, options: Pool3DOptions = {}): Tensor => pool3d('avgPool3d', avgPool2d, x, options));
