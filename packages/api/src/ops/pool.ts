import { composite } from '../engine/scope.js';
import { pool2dInfo, type Pool2DInfo } from '../kernel/conv-info.js';
import { emit, kernelFor } from '../engine/emit.js';
import { record } from '../autodiff/tape.js';
import type { Tensor } from '../tensor/tensor.js';
import { toTensor, type TensorLike } from './create.js';
import { assertDType, assertRank } from './validate.js';
import { poolOptions } from './window-options.js';
import { reshape } from './reshape.js';
import type { Pair } from './conv.js';

/** Options of `maxPool2d` and `avgPool2d`, as Keras's MaxPooling2D / AveragePooling2D take them. */
export interface Pool2DOptions {
  /** Window [height, width], or one number for both (Keras's pool_size); default 2. */
  poolSize?: Pair;
  /** Step [height, width] between windows, or one number for both; defaults to `poolSize`. */
  strides?: Pair;
  /** 'valid' (default): windows inside the input only; 'same': output ceil(in / stride), padding not counted. */
  padding?: 'valid' | 'same';
}

function resolve(op: string, x: Tensor, options: Pool2DOptions): Pool2DInfo {
  assertDType(op, 'x', x, ['float32']);
  assertRank(op, 'x', x, [4]);
  const { poolSize, strides, padding } = poolOptions(op, 2, options);
  return pool2dInfo(x.shape, [poolSize[0], poolSize[1]], [strides[0], strides[1]], padding);
}

const outShape = (info: Pool2DInfo): number[] => [info.batch, info.outH, info.outW, info.channels];
const inShape = (info: Pool2DInfo): number[] => [info.batch, info.inH, info.inW, info.channels];

/** dx of avgPool; differentiable (its adjoint is avgPool). */
export function avgPoolBackprop(dy: Tensor, info: Pool2DInfo): Tensor {
  const kernel = kernelFor('avgPoolBackprop', { dy });
  const dx = emit(kernel, kernel.avgPoolBackprop(dy.ref(), info), inShape(info), 'float32');
  record('avgPoolBackprop', [dy], [dx], ([ddx]) => [avgPoolWithInfo(ddx, info)]);
  return dx;
}

/** avgPool with a resolved Pool2DInfo, as the Kernel defines it. */
export function avgPoolWithInfo(x: Tensor, info: Pool2DInfo): Tensor {
  const kernel = kernelFor('avgPool', { x });
  const y = emit(kernel, kernel.avgPool(x.ref(), info), outShape(info), 'float32');
  record('avgPool', [x], [y], ([dy]) => [avgPoolBackprop(dy, info)]);
  return y;
}

/** dx of maxPool (each dy routed to its window's first maximum). */
export function maxPoolBackprop(dy: Tensor, x: Tensor, info: Pool2DInfo): Tensor {
  const kernel = kernelFor('maxPoolBackprop', { dy, x });
  return emit(kernel, kernel.maxPoolBackprop(dy.ref(), x.ref(), info), inShape(info), 'float32');
}

/** Max over each window of `x` [batch, height, width, channels] (float32); padding never wins. */
export function maxPool2d(xLike: TensorLike, options: Pool2DOptions = {}): Tensor {
  const x = toTensor(xLike, 'maxPool2d', 'x');
  return maxPoolWithInfo(x, resolve('maxPool2d', x, options));
}

/** maxPool with a resolved Pool2DInfo, as the Kernel defines it. */
export function maxPoolWithInfo(x: Tensor, info: Pool2DInfo): Tensor {
  const kernel = kernelFor('maxPool2d', { x });
  const y = emit(kernel, kernel.maxPool(x.ref(), info), outShape(info), 'float32');
  record('maxPool', [x], [y], ([dy]) => [maxPoolBackprop(dy, x, info)]);
  return y;
}

/** Mean over each window of `x` [batch, height, width, channels] (float32), in-bounds elements only. */
export function avgPool2d(xLike: TensorLike, options: Pool2DOptions = {}): Tensor {
  const x = toTensor(xLike, 'avgPool2d', 'x');
  return avgPoolWithInfo(x, resolve('avgPool2d', x, options));
}

/** Options of `maxPool1d` and `avgPool1d`, as Keras's MaxPooling1D / AveragePooling1D take them. */
export interface Pool1DOptions {
  /** Window length in steps (Keras's pool_size); default 2. */
  poolSize?: number;
  /** Step between windows; defaults to `poolSize`. */
  strides?: number;
  /** 'valid' (default) or 'same', as in `Pool2DOptions`. */
  padding?: 'valid' | 'same';
}

function pool1d(pool: (x: Tensor, o: Pool2DOptions) => Tensor, op: string, xLike: TensorLike, options: Pool1DOptions): Tensor {
  const x = toTensor(xLike, op, 'x');
  assertRank(op, 'x', x, [3]);
  const [batch, steps, channels] = x.shape;
  const poolSize = options.poolSize ?? 2;
  const y = pool(reshape(x, [batch, 1, steps, channels]), {
    poolSize: [1, poolSize], strides: [1, options.strides ?? poolSize], padding: options.padding,
  });
  return reshape(y, [batch, y.shape[2], channels]);
}

/** Max over each window of `x` [batch, steps, channels] along the steps (float32). */
export const maxPool1d = composite((x: TensorLike, options: Pool1DOptions = {}): Tensor => pool1d(maxPool2d, 'maxPool1d', x, options));
/** Mean over each window of `x` [batch, steps, channels] along the steps (float32). */
export const avgPool1d = composite((x: TensorLike, options: Pool1DOptions = {}): Tensor => pool1d(avgPool2d, 'avgPool1d', x, options));
