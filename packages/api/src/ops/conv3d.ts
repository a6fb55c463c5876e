import { composite } from '../engine/scope.js';
import { conv2dInfo } from '../kernel/conv-info.js';
import { fmtShape } from '../tensor/shape.js';
import type { Tensor } from '../tensor/tensor.js';
import { toTensor, type TensorLike } from './create.js';
import { assertDType, assertIntList, assertRank } from './validate.js';
import { reshape } from './reshape.js';
import { add } from './binary.js';
import { unstack } from './layout.js';
import { checkPadding, conv2dWithInfo } from './conv.js';
import { batched } from './batched.js';
import { windowGeometry, windowTaps } from './window-taps.js';

export type Triple = number | readonly [number, number, number];
/** A number or a triple, as a triple (Keras's 3-D kernel_size / strides / pool_size). */
export const triple = (v: Triple): [number, number, number] => (typeof v === 'number' ? [v, v, v] : [v[0], v[1], v[2]]);

export interface Conv3DOptions {
  strides?: Triple;
  padding?: 'valid' | 'same';
  dilations?: Triple;
}

/** strides, dilations and padding of a 3-D op, checked. */
export function conv3dOptions(op: string, options: Conv3DOptions): { strides: [number, number, number]; dilations: [number, number, number]; padding: 'valid' | 'same' } {
  const strides = triple(options.strides ?? 1);
  const dilations = triple(options.dilations ?? 1);
  const padding = options.padding ?? 'valid';
  checkPadding(op, padding, false);
  assertIntList(op, 'strides', strides, 3, 1);
  assertIntList(op, 'dilations', dilations, 3, 1);
  return { strides, dilations, padding };
}

/**
 * 3-D convolution: x [batch, d, h, w, inC] (or rank 4 without batch), filter
 * [fd, fh, fw, inC, outC] -> [batch, outD, outH, outW, outC]. Composed as a sum over the
 * filter's depth taps of conv2d on the depth slices each tap meets, so it runs (and
 * differentiates) on every backend's conv2d.
 */
export const conv3d = composite(function conv3d(xLike: TensorLike, filterLike: TensorLike, options: Conv3DOptions = {}): Tensor {
  const op = 'conv3d';
  const x0 = toTensor(xLike, op, 'x');
  const filter = toTensor(filterLike, op, 'filter');
  assertDType(op, 'x', x0, ['float32']);
  assertDType(op, 'filter', filter, ['float32']);
  assertRank(op, 'x', x0, [4, 5]);
  assertRank(op, 'filter', filter, [5]);
  const { strides, dilations, padding } = conv3dOptions(op, options);
  if (x0.shape[x0.rank - 1] !== filter.shape[3]) {
    throw new Error(`${op}: input channels of 'x' ${fmtShape(x0.shape)} (${x0.shape[x0.rank - 1]}) must equal filter in-channels of 'filter' ${fmtShape(filter.shape)} (${filter.shape[3]})`);
  }
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
