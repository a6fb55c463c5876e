import type { DType } from '@layerwise/api';
import { bytesPerElement } from '@layerwise/api';
import type { Info } from './runtime.js';
import { sizeOf } from './runtime.js';

/** A wasm buffer: one tfjs dataId on the wasm heap, owned by the layerwise kernel. */
export class WasmBuffer {
  disposed = false;
  constructor(readonly dataId: object, readonly dtype: DType, readonly bytes: number) {}
}

/** Tracks live buffers and bytes so `memory()` can report leaks. */
export class Storage {
  private liveBuffers = 0;
  private liveBytes = 0;

  constructor(private readonly release: (dataId: object) => void) {}

  /** Takes ownership of a dataId a kernel produced. */
  adopt(t: Info): WasmBuffer {
    const bytes = sizeOf(t.shape) * bytesPerElement(t.dtype);
    this.liveBuffers++;
    this.liveBytes += bytes;
    return new WasmBuffer(t.dataId, t.dtype, bytes);
  }

  /** The dataId behind a buffer; throws on a disposed or foreign buffer. */
  read(buffer: object): WasmBuffer {
    if (!(buffer instanceof WasmBuffer)) throw new Error('wasm backend: not a wasm buffer');
    if (buffer.disposed) throw new Error('wasm backend: buffer used after dispose');
    return buffer;
  }

  /** Frees a buffer; disposing twice is a no-op. */
  dispose(buffer: object): void {
    if (!(buffer instanceof WasmBuffer) || buffer.disposed) return;
    buffer.disposed = true;
    this.liveBuffers--;
    this.liveBytes -= buffer.bytes;
    this.release(buffer.dataId);
  }

  memory(): { buffers: number; bytes: number } {
    return { buffers: this.liveBuffers, bytes: this.liveBytes };
  }
}
