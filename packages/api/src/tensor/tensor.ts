import type { DType, TypedArray } from '../kernel/dtypes.js';
import type { TensorRef } from '../kernel/kernel.js';
import type { TensorBuffer } from '../ops/buffer.js';
import type { TensorMethods } from '../ops/tensor-methods.js';
import type { Storage } from './storage.js';
import { formatTensor } from './format.js';
import { sizeOf } from './shape.js';

/** Values as nested arrays: a number (or boolean, for bool tensors) at the leaves. */
export type NestedArray = number | boolean | NestedArray[];

/** Typed arrays the API converts on the way in: Float64Array to float32, the others to int32. */
export type ConvertedArray = Float64Array | Int8Array | Int16Array | Uint16Array | Uint8ClampedArray;
/** Host data with its shape: `{ data: Float32Array | number[] | ..., shape: [2, 3] }`. */
export type HostData = {
  /** The elements, row-major; their count must be the product of `shape`. The array's type picks the dtype. */
  data: TypedArray | ConvertedArray | number[];
  /** The tensor's shape. */
  shape: number[];
};
/**
 * Whatever the API takes as a tensor: a Tensor, a (nested) number array, a typed array
 * (Float32Array, Int32Array, Uint8Array as bool; Float64Array and the other integer arrays
 * are converted), or `{ data, shape }`.
 */
export type TensorLike = Tensor | NestedArray | TypedArray | ConvertedArray | HostData;

let nextId = 0;

/*
 * The ops behind the chainable methods (`x.add(y).relu()`), registered by ops/ when the api
 * loads: ops/ import this class, so it cannot import them (tfjs registers an op handler the
 * same way). Only their type is imported here.
 */
let methods: TensorMethods | null = null;

/** @internal Called once by ops/tensor-methods.ts. */
export function registerTensorMethods(table: TensorMethods): void {
  methods = table;
}

function op(): TensorMethods {
  if (!methods) throw new Error("Tensor methods need the api's ops: import '@layerwise/api'");
  return methods;
}

/** An n-dimensional array living in one backend's memory. */
export class Tensor {
  /** A number unique to this tensor in the process (for debugging). */
  readonly id = nextId++;
  /** The length of each axis (`[]` for a scalar). */
  readonly shape: number[];
  /** 'float32', 'int32' or 'bool'. */
  readonly dtype: DType;
  /** The number of elements (the product of the shape). */
  readonly size: number;
  /** @internal Held by the autodiff tape: a scope ending must not free it yet. */
  tapeHeld = false;
  /** @internal */
  storage: Storage | null;

  /** @internal Tensors are made by ops and `tensor()`, never directly. */
  constructor(storage: Storage, shape: readonly number[], dtype: DType) {
    this.storage = storage;
    this.shape = shape.slice();
    this.dtype = dtype;
    this.size = sizeOf(shape);
  }

  /** The number of axes. */
  get rank(): number {
    return this.shape.length;
  }

  /** Whether `dispose()` freed it (a disposed tensor cannot be read or used). */
  get isDisposed(): boolean {
    return this.storage === null;
  }

  /** @internal What kernels receive. */
  ref(): TensorRef {
    if (!this.storage) throw new Error(`Tensor ${this.id} (shape [${this.shape}]) is disposed`);
    return { buffer: this.storage.buffer, shape: this.shape, dtype: this.dtype };
  }

  /** A copy of the values, flat in row-major order (Float32Array, Int32Array, or Uint8Array for bool). */
  async data(): Promise<TypedArray> {
    const storage = this.liveStorage('data');
    return storage.kernel.download(this.ref());
  }

  /** `data()`, synchronously; throws on a backend that reads back asynchronously only (webgpu). */
  dataSync(): TypedArray {
    const storage = this.liveStorage('dataSync');
    if (!storage.kernel.downloadSync) {
      throw new Error(`dataSync: backend '${storage.kernel.name}' reads back asynchronously only; use 'await tensor.data()'`);
    }
    return storage.kernel.downloadSync(this.ref());
  }

  /** A copy of the values as nested arrays of the tensor's shape (a number for a scalar). */
  async array(): Promise<NestedArray> {
    return toNested(await this.data(), this.shape, this.dtype);
  }

  /** `array()`, synchronously; throws on a backend that reads back asynchronously only (webgpu). */
  arraySync(): NestedArray {
    return toNested(this.dataSync(), this.shape, this.dtype);
  }

  /** Free its backend memory now (a second call does nothing). */
  dispose(): void {
    if (!this.storage) return;
    this.storage.release();
    this.storage = null;
  }

  /** `Tensor(shape=[2,3], dtype=float32)`: its shape and dtype, not its values (see `print`). */
  toString(): string {
    return `Tensor(shape=[${this.shape}], dtype=${this.dtype}${this.isDisposed ? ', disposed' : ''})`;
  }

  /**
   * Logs the values as tfjs does (`Tensor\n    [[1, 2],\n     [3, 4]]`; `verbose` adds dtype,
   * rank and shape). On a backend that reads back asynchronously only (webgpu) the line is
   * logged once the values arrive.
   */
  print(verbose = false): void {
    const storage = this.liveStorage('print');
    const show = (values: TypedArray) => console.log(formatTensor(values, this.shape, this.dtype, verbose));
    if (storage.kernel.downloadSync) show(this.dataSync());
    else void this.data().then(show, (err: unknown) => console.error(`print: ${err instanceof Error ? err.message : String(err)}`));
  }

  /** A copy of the values on the host, to read and write by position (tfjs's `buffer()`). */
  async buffer(): Promise<TensorBuffer> {
    return op().buffer(this.shape, this.dtype, (await this.data()).slice());
  }

  /** `buffer()`, synchronously (throws on a backend that reads back asynchronously only). */
  bufferSync(): TensorBuffer {
    return op().buffer(this.shape, this.dtype, this.dataSync().slice());
  }

  // Chainable ops: `x.m(...)` is `ops.m(x, ...)`; each returns a new tensor.

  /** A new tensor viewing the same values (no copy; the gradient passes through). */
  clone(): Tensor { return op().reshape(this, this.shape); }
  /** `ops.cast(this, dtype)`. */
  cast(dtype: DType): Tensor { return op().cast(this, dtype); }
  /** `cast`, under tfjs's other name. */
  asType(dtype: DType): Tensor { return op().cast(this, dtype); }
  /** `cast(this, 'float32')` (tfjs 1.x's name, still used by its examples). */
  toFloat(): Tensor { return op().cast(this, 'float32'); }
  /** `cast(this, 'int32')`: truncates toward zero. */
  toInt(): Tensor { return op().cast(this, 'int32'); }
  /** `cast(this, 'bool')`: `this != 0`. */
  toBool(): Tensor { return op().cast(this, 'bool'); }
  /** `ops.reshape(this, shape)`: one dimension may be -1. */
  reshape(shape: readonly number[]): Tensor { return op().reshape(this, shape); }
  /** Reshaped to `x`'s shape. */
  reshapeAs(x: Tensor): Tensor { return op().reshape(this, x.shape); }
  /** Reshaped to rank 1. */
  flatten(): Tensor { return op().reshape(this, [this.size]); }
  /** Reshaped to a scalar (the tensor must hold one value). */
  asScalar(): Tensor { return op().reshape(this, []); }
  /** Reshaped to rank 1. */
  as1D(): Tensor { return op().reshape(this, [this.size]); }
  /** Reshaped to `[rows, columns]`. */
  as2D(rows: number, columns: number): Tensor { return op().reshape(this, [rows, columns]); }
  /** Reshaped to `[rows, columns, depth]`. */
  as3D(rows: number, columns: number, depth: number): Tensor { return op().reshape(this, [rows, columns, depth]); }
  /** Reshaped to `[rows, columns, depth, depth2]`. */
  as4D(rows: number, columns: number, depth: number, depth2: number): Tensor { return op().reshape(this, [rows, columns, depth, depth2]); }
  /** Reshaped to `[rows, columns, depth, depth2, depth3]`. */
  as5D(rows: number, columns: number, depth: number, depth2: number, depth3: number): Tensor {
    return op().reshape(this, [rows, columns, depth, depth2, depth3]);
  }
  /** `ops.expandDims(this, axis)`. */
  expandDims(axis = 0): Tensor { return op().expandDims(this, axis); }
  /** `ops.squeeze(this, axes)`: removes the size-1 axes (those listed, or all). */
  squeeze(axes?: readonly number[]): Tensor { return op().squeeze(this, axes); }
  /** `ops.transpose(this, perm)`: reverses the axes when `perm` is not given. */
  transpose(perm?: readonly number[]): Tensor { return op().transpose(this, perm); }
  /** `ops.slice(this, begin, size)`; a number is the begin (size) of the first axis, the rest whole. */
  slice(begin: number | readonly number[], size?: number | readonly number[]): Tensor { return op().slice(this, begin, size); }
  /** `ops.pad(this, paddings, value)`. */
  pad(paddings: readonly (readonly [number, number])[], value = 0): Tensor { return op().pad(this, paddings, value); }
  /** `ops.concat([this, ...others], axis)`. */
  concat(others: Tensor | readonly Tensor[], axis = 0): Tensor { return op().concat(this, others, axis); }
  /** `ops.stack([this, ...others], axis)`. */
  stack(others: Tensor | readonly Tensor[], axis = 0): Tensor { return op().stack(this, others, axis); }
  /** `ops.unstack(this, axis)`. */
  unstack(axis = 0): Tensor[] { return op().unstack(this, axis); }
  /** `ops.split(this, sizes, axis)`: equal parts (a number) or parts of the given sizes. */
  split(sizes: number | readonly number[], axis = 0): Tensor[] { return op().split(this, sizes, axis); }
  /** `ops.tile(this, reps)`. */
  tile(reps: readonly number[]): Tensor { return op().tile(this, reps); }
  /** Reversed along `axis` (an axis or a list; all axes when not given). */
  reverse(axis?: number | readonly number[]): Tensor { return op().reverse(this, axis); }
  /** `ops.gather(this, indices, axis)`. */
  gather(indices: TensorLike, axis = 0): Tensor { return op().gather(this, indices, axis); }
  /** `ops.oneHot(this, depth, dtype)` of int32 indices. */
  oneHot(depth: number, dtype: 'float32' | 'int32' = 'float32'): Tensor { return op().oneHot(this, depth, dtype); }
  /** `ops.broadcastTo(this, shape)`. */
  broadcastTo(shape: readonly number[]): Tensor { return op().broadcastTo(this, shape); }

  /** `ops.add(this, b)`, broadcasting. */
  add(b: TensorLike): Tensor { return op().add(this, b); }
  /** `ops.sub(this, b)`, broadcasting. */
  sub(b: TensorLike): Tensor { return op().sub(this, b); }
  /** `ops.mul(this, b)`, broadcasting. */
  mul(b: TensorLike): Tensor { return op().mul(this, b); }
  /** `ops.div(this, b)`, broadcasting. */
  div(b: TensorLike): Tensor { return op().div(this, b); }
  /** `ops.pow(this, b)`, broadcasting. */
  pow(b: TensorLike): Tensor { return op().pow(this, b); }
  /** `ops.maximum(this, b)`, broadcasting. */
  maximum(b: TensorLike): Tensor { return op().maximum(this, b); }
  /** `ops.minimum(this, b)`, broadcasting. */
  minimum(b: TensorLike): Tensor { return op().minimum(this, b); }
  /** `ops.floorDiv(this, b)`, broadcasting. */
  floorDiv(b: TensorLike): Tensor { return op().floorDiv(this, b); }
  /** `ops.mod(this, b)`, broadcasting. */
  mod(b: TensorLike): Tensor { return op().mod(this, b); }
  /** `ops.squaredDifference(this, b)`, broadcasting. */
  squaredDifference(b: TensorLike): Tensor { return op().squaredDifference(this, b); }
  /** `ops.equal(this, b)`: bool. */
  equal(b: TensorLike): Tensor { return op().equal(this, b); }
  /** `ops.notEqual(this, b)`: bool. */
  notEqual(b: TensorLike): Tensor { return op().notEqual(this, b); }
  /** `ops.less(this, b)`: bool. */
  less(b: TensorLike): Tensor { return op().less(this, b); }
  /** `ops.lessEqual(this, b)`: bool. */
  lessEqual(b: TensorLike): Tensor { return op().lessEqual(this, b); }
  /** `ops.greater(this, b)`: bool. */
  greater(b: TensorLike): Tensor { return op().greater(this, b); }
  /** `ops.greaterEqual(this, b)`: bool. */
  greaterEqual(b: TensorLike): Tensor { return op().greaterEqual(this, b); }
  /** `ops.logicalAnd(this, b)` of bools. */
  logicalAnd(b: TensorLike): Tensor { return op().logicalAnd(this, b); }
  /** `ops.logicalOr(this, b)` of bools. */
  logicalOr(b: TensorLike): Tensor { return op().logicalOr(this, b); }
  /** `ops.where(condition, this, b)`: this where `condition` holds, else `b` (tfjs's order). */
  where(condition: TensorLike, b: TensorLike): Tensor { return op().where(condition, this, b); }
  /** `ops.matMul(this, b, transposeA, transposeB)`. */
  matMul(b: TensorLike, transposeA = false, transposeB = false): Tensor { return op().matMul(this, b, transposeA, transposeB); }

  /** `ops.sum(this, axis, keepDims)`: over every axis when `axis` is not given. */
  sum(axis?: number | readonly number[], keepDims = false): Tensor { return op().sum(this, axis, keepDims); }
  /** `ops.mean(this, axis, keepDims)`. */
  mean(axis?: number | readonly number[], keepDims = false): Tensor { return op().mean(this, axis, keepDims); }
  /** `ops.max(this, axis, keepDims)`. */
  max(axis?: number | readonly number[], keepDims = false): Tensor { return op().max(this, axis, keepDims); }
  /** `ops.min(this, axis, keepDims)`. */
  min(axis?: number | readonly number[], keepDims = false): Tensor { return op().min(this, axis, keepDims); }
  /** `ops.logSumExp(this, axis, keepDims)`. */
  logSumExp(axis?: number | readonly number[], keepDims = false): Tensor { return op().logSumExp(this, axis, keepDims); }
  /** `ops.argMax(this, axis)`: int32 indices. The axis defaults to the last (Keras's `K.argmax`; tfjs's to 0). */
  argMax(axis = -1): Tensor { return op().argMax(this, axis); }
  /** `ops.argMin(this, axis)`: int32 indices. The axis defaults to the last (tfjs's to 0). */
  argMin(axis = -1): Tensor { return op().argMin(this, axis); }

  /** `ops.softmax(this)` along the last axis. */
  softmax(): Tensor { return op().softmax(this); }
  /** `ops.logSoftmax(this)` along the last axis. */
  logSoftmax(): Tensor { return op().logSoftmax(this); }
  /** `ops.clipByValue(this, min, max)`. */
  clipByValue(min: number, max: number): Tensor { return op().clipByValue(this, min, max); }
  /** `ops.neg(this)`. */
  neg(): Tensor { return op().neg(this); }
  /** `ops.abs(this)`. */
  abs(): Tensor { return op().abs(this); }
  /** `ops.sign(this)`. */
  sign(): Tensor { return op().sign(this); }
  /** `ops.square(this)`. */
  square(): Tensor { return op().square(this); }
  /** `ops.relu(this)`. */
  relu(): Tensor { return op().relu(this); }
  /** `ops.exp(this)`. */
  exp(): Tensor { return op().exp(this); }
  /** `ops.expm1(this)`. */
  expm1(): Tensor { return op().expm1(this); }
  /** `ops.log(this)`. */
  log(): Tensor { return op().log(this); }
  /** `ops.log1p(this)`. */
  log1p(): Tensor { return op().log1p(this); }
  /** `ops.sqrt(this)`. */
  sqrt(): Tensor { return op().sqrt(this); }
  /** `ops.rsqrt(this)`. */
  rsqrt(): Tensor { return op().rsqrt(this); }
  /** `ops.reciprocal(this)`. */
  reciprocal(): Tensor { return op().reciprocal(this); }
  /** `ops.tanh(this)`. */
  tanh(): Tensor { return op().tanh(this); }
  /** `ops.sigmoid(this)`. */
  sigmoid(): Tensor { return op().sigmoid(this); }
  /** `ops.softplus(this)`. */
  softplus(): Tensor { return op().softplus(this); }
  /** `ops.erf(this)`. */
  erf(): Tensor { return op().erf(this); }
  /** `ops.sin(this)`. */
  sin(): Tensor { return op().sin(this); }
  /** `ops.cos(this)`. */
  cos(): Tensor { return op().cos(this); }
  /** `ops.floor(this)`. */
  floor(): Tensor { return op().floor(this); }
  /** `ops.ceil(this)`. */
  ceil(): Tensor { return op().ceil(this); }
  /** `ops.round(this)`. */
  round(): Tensor { return op().round(this); }
  /** `ops.logicalNot(this)` of bools. */
  logicalNot(): Tensor { return op().logicalNot(this); }

  private liveStorage(method: string): Storage {
    if (!this.storage) throw new Error(`${method}: tensor ${this.id} (shape [${this.shape}]) is disposed`);
    return this.storage;
  }
}

function toNested(values: TypedArray, shape: readonly number[], dtype: DType): NestedArray {
  const read = (i: number): number | boolean => (dtype === 'bool' ? values[i] !== 0 : values[i]);
  if (shape.length === 0) return read(0);
  const build = (dim: number, offset: number): NestedArray[] => {
    const n = shape[dim];
    const stride = sizeOf(shape.slice(dim + 1));
    const out: NestedArray[] = new Array(n);
    for (let i = 0; i < n; i++) out[i] = dim === shape.length - 1 ? read(offset + i) : build(dim + 1, offset + i * stride);
    return out;
  };
  return build(0, 0);
}
