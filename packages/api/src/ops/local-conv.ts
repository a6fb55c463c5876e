import { composite } from '../engine/scope.js';
import { fmtShape, sizeOf } from '../tensor/shape.js';
import type { Tensor } from '../tensor/tensor.js';
import { toTensor, type TensorLike } from './create.js';
import { assertDType, assertIntList, assertRank } from './validate.js';
import { reshape } from './reshape.js';
import { stack, transpose } from './layout.js';
import { batchMatMul } from './matmul.js';
import { windowGeometry, windowTaps } from './window-taps.js';

/** Options of `localConv`; the number of spatial axes is `kernelSize.length`. */
export interface LocalConvOptions {
  /** Window extent per spatial axis (Keras's kernel_size); required. */
  kernelSize: readonly number[];
  /** Step per spatial axis between output positions; default 1 on every axis. */
  strides?: readonly number[];
  /**
   * The order of each patch's features in the kernel: false (default) takes them tap by
   * tap with the channels fastest, as Keras's local_conv1d/2d do for channels-last input;
   * true takes them channel by channel with the taps fastest, Keras's order for
   * channels-first input.
   */
  channelsMajor?: boolean;
}

/**
 * Convolution with unshared weights ('valid' padding), Keras's local_conv1d / local_conv2d:
 * x [batch, ...spatial, c] channels-last, kernel [outPositions, taps * c, filters] (one
 * weight matrix per output position, row-major) -> [batch, ...out, filters].
 */
export const localConv = composite(function localConv(xLike: TensorLike, kernelLike: TensorLike, options: LocalConvOptions): Tensor {
  const op = 'localConv';
  const x = toTensor(xLike, op, 'x');
  const kernel = toTensor(kernelLike, op, 'kernel');
  const rank = options.kernelSize.length;
  const strides = options.strides ?? options.kernelSize.map(() => 1);
  assertDType(op, 'x', x, ['float32']);
  assertDType(op, 'kernel', kernel, ['float32']);
  assertIntList(op, 'kernelSize', options.kernelSize, rank, 1);
  assertIntList(op, 'strides', strides, rank, 1);
  assertRank(op, 'x', x, [rank + 2]);
  assertRank(op, 'kernel', kernel, [3]);
  const [b, c] = [x.shape[0], x.shape[rank + 1]];
  const g = windowGeometry(x.shape.slice(1, rank + 1), options.kernelSize, strides, strides.map(() => 1), 'valid');
  const positions = sizeOf(g.out);
  const features = sizeOf(options.kernelSize) * c;
  if (kernel.shape[0] !== positions || kernel.shape[1] !== features) {
    throw new Error(`${op}: 'kernel' ${fmtShape(kernel.shape)} must be [${positions}, ${features}, filters] for 'x' ${fmtShape(x.shape)} (${positions} output positions, ${features} features per patch)`);
  }
  const patches = stack(windowTaps(x, g), options.channelsMajor ? rank + 2 : rank + 1);
  const rows = transpose(reshape(patches, [b, positions, features]), [1, 0, 2]);
  const y = batchMatMul(rows, kernel, false, false);
  return reshape(transpose(y, [1, 0, 2]), [b, ...g.out, kernel.shape[2]]);
});
