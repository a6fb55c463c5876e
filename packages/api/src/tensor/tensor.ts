import type { DType, TypedArray } from '../kernel/dtypes.js';
import type { TensorRef } from '../kernel/kernel.js';
import type { Storage } from './storage.js';
import { sizeOf } from './shape.js';

export type NestedArray = number | boolean | NestedArray[];

let nextId = 0;

/** An n-dimensional array living in one backend's memory. */
export class Tensor {
  readonly id = nextId++;
  readonly shape: number[];
  readonly dtype: DType;
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

  get rank(): number {
    return this.shape.length;
  }

  get isDisposed(): boolean {
    return this.storage === null;
  }

  /** @internal What kernels receive. */
  ref(): TensorRef {
    if (!this.storage) throw new Error(`Tensor ${this.id} (shape [${this.shape}]) is disposed`);
    return { buffer: this.storage.buffer, shape: this.shape, dtype: this.dtype };
  }

  async data(): Promise<TypedArray> {
    const storage = this.liveStorage('data');
    return storage.kernel.download(this.ref());
  }

  dataSync(): TypedArray {
    const storage = this.liveStorage('dataSync');
    if (!storage.kernel.downloadSync) {
      throw new Error(`dataSync: backend '${storage.kernel.name}' reads back asynchronously only; use 'await tensor.data()'`);
    }
    return storage.kernel.downloadSync(this.ref());
  }

  async array(): Promise<NestedArray> {
    return toNested(await this.data(), this.shape, this.dtype);
  }

  arraySync(): NestedArray {
    return toNested(this.dataSync(), this.shape, this.dtype);
  }

  dispose(): void {
    if (!this.storage) return;
    this.storage.release();
    this.storage = null;
  }

  toString(): string {
    return `Tensor(shape=[${this.shape}], dtype=${this.dtype}${this.isDisposed ? ', disposed' : ''})`;
  }

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
