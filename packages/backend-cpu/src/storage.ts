import type { DType, TypedArray } from '@layerwise/api';
import { arrayOf, recycle } from './util/alloc.js';

/** A cpu buffer: one typed array, owned by the backend. */
export class CpuBuffer {
  disposed = false;
  constructor(readonly data: TypedArray, readonly dtype: DType) {}
}

/** Tracks live buffers and bytes so `memory()` can report leaks. */
export class Storage {
  private liveBuffers = 0;
  private liveBytes = 0;
  /** Arrays owned by live buffers: disposed arrays are reused, so two buffers must never share one. */
  private readonly owned = new WeakSet<TypedArray>();

  /** Wraps a typed array the backend just produced (no copy). */
  adopt(data: TypedArray, dtype: DType): CpuBuffer {
    if (this.owned.has(data)) throw new Error('cpu backend: a kernel returned an array another buffer owns');
    this.owned.add(data);
    this.liveBuffers++;
    this.liveBytes += data.byteLength;
    return new CpuBuffer(data, dtype);
  }

  /** Copies `values` into a fresh array of `dtype` with `size` elements. */
  upload(values: TypedArray, size: number, dtype: DType): CpuBuffer {
    const data = arrayOf(dtype, size);
    if (values.length === size) data.set(values);
    else data.set(values.subarray(0, Math.min(size, values.length)));
    return this.adopt(data, dtype);
  }

  /** The typed array behind a buffer; throws on a disposed or foreign buffer. */
  read(buffer: object): TypedArray {
    if (!(buffer instanceof CpuBuffer)) throw new Error('cpu backend: not a cpu buffer');
    if (buffer.disposed) throw new Error('cpu backend: buffer used after dispose');
    return buffer.data;
  }

  /** Frees a buffer; disposing twice is a no-op. */
  dispose(buffer: object): void {
    if (!(buffer instanceof CpuBuffer) || buffer.disposed) return;
    buffer.disposed = true;
    this.liveBuffers--;
    this.liveBytes -= buffer.data.byteLength;
    this.owned.delete(buffer.data);
    recycle(buffer.data);
  }

  memory(): { buffers: number; bytes: number } {
    return { buffers: this.liveBuffers, bytes: this.liveBytes };
  }
}
