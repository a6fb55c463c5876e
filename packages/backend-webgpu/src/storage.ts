import type { DType } from '@layerwise/api';
import type { TensorInfo, TfWebGPUBackend } from './tfjs.js';

/** Bytes per element on the GPU: tfjs-backend-webgpu stores bool as i32. */
const BYTES_PER_ELEMENT = 4;

/** A webgpu buffer: one reference to a tensor in tfjs-backend-webgpu's tensor map. */
export class WebGPUBuffer {
  disposed = false;
  constructor(readonly dataId: object, readonly dtype: DType, readonly size: number) {}

  get bytes(): number {
    return this.size * BYTES_PER_ELEMENT;
  }
}

/**
 * Owns the buffers handed to the api and counts them. Each buffer holds exactly one
 * reference on its tfjs data (`disposeData` drops it, and tfjs frees the GPUBuffer into
 * its pool once no queued command uses it), so the counts here are this package's live
 * tensors, whatever tfjs pools underneath.
 */
export class Storage {
  private liveBuffers = 0;
  private liveBytes = 0;

  constructor(private readonly backend: TfWebGPUBackend) {}

  /** Takes over one reference to a tfjs tensor (a kernel's output). */
  adopt(info: TensorInfo, dtype: DType = info.dtype): WebGPUBuffer {
    let size = 1;
    for (const d of info.shape) size *= d;
    const buf = new WebGPUBuffer(info.dataId, dtype, size);
    this.liveBuffers++;
    this.liveBytes += buf.bytes;
    return buf;
  }

  /** The buffer behind an api handle; throws on a disposed or foreign one. */
  read(buffer: object): WebGPUBuffer {
    if (!(buffer instanceof WebGPUBuffer)) throw new Error('webgpu backend: not a webgpu buffer');
    if (buffer.disposed) throw new Error('webgpu backend: buffer used after dispose');
    return buffer;
  }

  /** Frees a buffer; disposing twice is a no-op. */
  dispose(buffer: object): void {
    if (!(buffer instanceof WebGPUBuffer) || buffer.disposed) return;
    buffer.disposed = true;
    this.liveBuffers--;
    this.liveBytes -= buffer.bytes;
    this.backend.disposeData(buffer.dataId);
  }

  memory(): { buffers: number; bytes: number } {
    return { buffers: this.liveBuffers, bytes: this.liveBytes };
  }
}
