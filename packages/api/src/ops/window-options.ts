import type { PaddingMode } from '../kernel/conv-info.js';
import { fmtShape } from '../tensor/shape.js';
import type { Tensor } from '../tensor/tensor.js';
import { toTensor, type TensorLike } from './create.js';
import { assertDType, assertIntList, assertRank } from './validate.js';

/** One integer for every spatial axis, or one per axis. */
export type PerAxis = number | readonly number[];

/** A PerAxis value as a list of `n`. */
export const perAxis = (v: PerAxis, n: number): number[] => (typeof v === 'number' ? new Array<number>(n).fill(v) : v.slice());

/** Throws unless `padding` is a Keras mode the op takes. */
export function checkPadding(op: string, padding: string, allowCausal: boolean): void {
  const ok = padding === 'valid' || padding === 'same' || (allowCausal && padding === 'causal');
  if (!ok) throw new Error(`${op}: padding must be 'valid'${allowCausal ? ", 'same' or 'causal'" : " or 'same'"}, got ${JSON.stringify(padding)}`);
}

/** strides, dilations (each >= 1, default 1) and padding (default 'valid') of a window op over `n` axes, checked. */
export function windowOptions<P extends PaddingMode = 'valid' | 'same'>(op: string, n: number,
  options: { strides?: PerAxis; dilations?: PerAxis; padding?: P }, allowCausal = false): { strides: number[]; dilations: number[]; padding: P } {
  const strides = perAxis(options.strides ?? 1, n);
  const dilations = perAxis(options.dilations ?? 1, n);
  const padding = options.padding ?? ('valid' as P);
  checkPadding(op, padding, allowCausal);
  assertIntList(op, 'strides', strides, n, 1);
  assertIntList(op, 'dilations', dilations, n, 1);
  return { strides, dilations, padding };
}

/** poolSize (default 2), strides (default poolSize) and padding of a pooling op over `n` axes, checked. */
export function poolOptions(op: string, n: number, options: { poolSize?: PerAxis; strides?: PerAxis; padding?: 'valid' | 'same' }): { poolSize: number[]; strides: number[]; padding: 'valid' | 'same' } {
  const poolSize = perAxis(options.poolSize ?? 2, n);
  const strides = perAxis(options.strides ?? poolSize, n);
  const padding = options.padding ?? 'valid';
  checkPadding(op, padding, false);
  assertIntList(op, 'poolSize', poolSize, n, 1);
  assertIntList(op, 'strides', strides, n, 1);
  return { poolSize, strides, padding };
}

/**
 * The float32 input (rank `spatial` + 2, or + 1 without a batch) and filter (rank
 * `spatial` + 2) of a convolution, with the input's channels equal to filter axis `filterIn`.
 */
export function convOperands(op: string, spatial: number, xLike: TensorLike, filterLike: TensorLike, filterIn: number): { x: Tensor; filter: Tensor } {
  const x = toTensor(xLike, op, 'x');
  const filter = toTensor(filterLike, op, 'filter');
  assertDType(op, 'x', x, ['float32']);
  assertDType(op, 'filter', filter, ['float32']);
  assertRank(op, 'x', x, [spatial + 1, spatial + 2]);
  assertRank(op, 'filter', filter, [spatial + 2]);
  const inC = x.shape[x.rank - 1];
  if (inC !== filter.shape[filterIn]) {
    throw new Error(`${op}: input channels of 'x' ${fmtShape(x.shape)} (${inC}) must equal filter in-channels of 'filter' ${fmtShape(filter.shape)} (${filter.shape[filterIn]})`);
  }
  return { x, filter };
}
