import { arrayFor, type Buffer, type DType, type TensorRef, type TypedArray } from '@layerwise/api';
import { sizeOf } from './shape.js';

/**
 * This backend's buffer: a typed array of the dtype's storage (Float32Array, Int32Array, or
 * Uint8Array for bool), elements contiguous in row-major order. The api keeps the shape and
 * dtype (a reshape reuses the buffer under a new shape), so the buffer holds only the values.
 */
export interface TemplateBuffer {
  readonly data: TypedArray;
}

/** What a primitive reads: the values with the shape and dtype the api passed along. */
export interface HostTensor {
  readonly data: TypedArray;
  readonly shape: readonly number[];
  readonly dtype: DType;
}

/** The live buffers. `memory()` counts them; the api's leak checks rely on `dispose` showing at once. */
export class Storage {
  private readonly live = new Set<TemplateBuffer>();

  /** Takes ownership of `data` (the caller must not keep writing to it). */
  store(data: TypedArray): Buffer {
    const buffer: TemplateBuffer = { data };
    this.live.add(buffer);
    return buffer;
  }

  /** A copy of `values` in a new buffer. */
  upload(values: TypedArray, shape: readonly number[], dtype: DType): Buffer {
    if (values.length !== sizeOf(shape)) throw new Error(`template.upload: ${values.length} values for shape [${shape.join(', ')}]`);
    const data = arrayFor(dtype, values.length);
    data.set(values);
    return this.store(data);
  }

  /** The values of a live buffer, checked against the shape the api says it has. */
  read(ref: TensorRef): HostTensor {
    const buffer = ref.buffer as TemplateBuffer;
    if (!this.live.has(buffer)) throw new Error('template: buffer is not live (disposed, or from another kernel)');
    if (buffer.data.length !== sizeOf(ref.shape)) {
      throw new Error(`template: buffer holds ${buffer.data.length} elements, shape [${ref.shape.join(', ')}] needs ${sizeOf(ref.shape)}`);
    }
    return { data: buffer.data, shape: ref.shape, dtype: ref.dtype };
  }

  dispose(buffer: Buffer): void {
    if (!this.live.delete(buffer as TemplateBuffer)) throw new Error('template.dispose: buffer is not live (disposed twice?)');
  }

  memory(): { buffers: number; bytes: number } {
    let bytes = 0;
    for (const buffer of this.live) bytes += buffer.data.byteLength;
    return { buffers: this.live.size, bytes };
  }
}

/** A new typed array of `dtype` filled from float64 values (float32 rounds, int32 wraps, like any store). */
export function toDType(values: Float64Array, dtype: DType): TypedArray {
  const out = arrayFor(dtype, values.length);
  out.set(values);
  return out;
}
