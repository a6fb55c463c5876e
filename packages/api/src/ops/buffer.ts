import { arrayFor, isDType, type DType, type TypedArray } from '../kernel/dtypes.js';
import { fmtShape, sizeOf } from '../tensor/shape.js';
import type { Tensor } from '../tensor/tensor.js';
import { fromHost } from './create.js';

/**
 * Values on the host with a shape, read and written by position, then made into a tensor
 * (tfjs's `TensorBuffer`): `const b = buffer([2, 2]); b.set(5, 0, 1); b.toTensor()`.
 */
export class TensorBuffer {
  /** The shape the values are read and written by. */
  readonly shape: number[];
  /** Number of elements: the product of `shape` (1 for a scalar). */
  readonly size: number;
  /** Row-major strides of every axis but the last (tfjs's `strides`): `[12, 4]` for shape `[2, 3, 4]`. */
  readonly strides: number[];
  /** The values, row-major; writing here is writing the buffer. */
  readonly values: TypedArray;

  constructor(shape: readonly number[],
    /** The element type (default float32); `values` is its typed array. */
    readonly dtype: DType = 'float32', values?: ArrayLike<number>) {
    if (!isDType(dtype)) throw new Error(`buffer: dtype must be 'float32', 'int32' or 'bool', got ${JSON.stringify(dtype)}`);
    if (shape.some((d) => !Number.isInteger(d) || d < 0)) throw new Error(`buffer: shape ${fmtShape(shape)} must hold non-negative integers`);
    this.shape = shape.slice();
    this.size = sizeOf(shape);
    this.strides = shape.slice(1).map((_, i) => sizeOf(shape.slice(i + 1)));
    if (values === undefined) {
      this.values = arrayFor(dtype, this.size);
    } else if (values.length !== this.size) {
      throw new Error(`buffer: ${values.length} values given but shape ${fmtShape(shape)} holds ${this.size}`);
    } else if (values.constructor === arrayFor(dtype, 0).constructor) {
      this.values = values as TypedArray;
    } else {
      this.values = arrayFor(dtype, this.size);
      for (let i = 0; i < this.size; i++) this.values[i] = dtype === 'bool' ? (values[i] ? 1 : 0) : values[i];
    }
  }

  /** Number of axes: the length of `shape`. */
  get rank(): number {
    return this.shape.length;
  }

  /** The value at `locs` (one index per axis); bools read as 0 or 1. */
  get(...locs: number[]): number {
    return this.values[this.locToIndex(locs, 'get')];
  }

  /** Writes `value` at `locs` (one index per axis). */
  set(value: number | boolean, ...locs: number[]): void {
    this.values[this.locToIndex(locs, 'set')] = typeof value === 'boolean' ? Number(value) : value;
  }

  /** The flat (row-major) index of `locs`. */
  locToIndex(locs: readonly number[], method = 'locToIndex'): number {
    if (locs.length !== this.rank || locs.some((l, i) => !Number.isInteger(l) || l < 0 || l >= this.shape[i])) {
      throw new Error(`TensorBuffer.${method}: location [${locs}] is out of range for shape ${fmtShape(this.shape)}`);
    }
    let index = this.rank === 0 ? 0 : locs[this.rank - 1];
    for (let i = 0; i < this.rank - 1; i++) index += locs[i] * this.strides[i];
    return index;
  }

  /** The location (one index per axis) of flat index `index`. */
  indexToLoc(index: number): number[] {
    if (!Number.isInteger(index) || index < 0 || index >= Math.max(this.size, 1)) {
      throw new Error(`TensorBuffer.indexToLoc: index ${index} is out of range for shape ${fmtShape(this.shape)}`);
    }
    const locs: number[] = [];
    let rest = index;
    for (const stride of this.strides) {
      locs.push(Math.floor(rest / stride));
      rest %= stride;
    }
    if (this.rank > 0) locs.push(rest);
    return locs;
  }

  /** A new tensor on the active backend holding a copy of the values. */
  toTensor(): Tensor {
    return fromHost(this.values.slice(), this.shape, this.dtype);
  }
}

/**
 * A TensorBuffer of `shape` (tfjs's `tf.buffer`): zeros, or `values` (used as is when they
 * already are the dtype's typed array, so writes to the buffer show in them).
 */
export function buffer(shape: readonly number[], dtype: DType = 'float32', values?: ArrayLike<number>): TensorBuffer {
  return new TensorBuffer(shape, dtype, values);
}
