import * as tf from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { DType, TypedArray } from '@layerwise/api';
import type { SimdKernels } from './simd/simd-kernels.js';
import type { XnnThreadSwitch } from './threads/xnn-switch.js';
import type { SimdName, SimdPool } from './threads/simd-pool.js';

/** What tfjs kernels take and return: a dataId plus the shape and dtype. */
export interface Info {
  readonly dataId: object;
  readonly shape: number[];
  readonly dtype: DType;
}

type KernelFunc = (args: { inputs: Record<string, unknown>; backend: BackendWasm; attrs: Record<string, unknown> }) => Info | Info[];

export const sizeOf = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/**
 * Direct calls into tfjs-backend-wasm's kernel functions with its backend instance: no
 * engine, no tape. Every result is a fresh dataId the caller owns (free it or adopt it).
 */
export class Runtime {
  private readonly kernels = new Map<string, KernelFunc>();

  private readonly stackSave: () => number;
  private readonly stackRestore: (sp: number) => void;

  /** Threads a threaded call or a split kernel runs on. */
  readonly threads: number;
  /** Calls run on XNNPACK's pool, and kernels.wat calls split across threads, so far (tests and benchmarks read these). */
  readonly threadUse = { xnn: 0, split: 0 };

  /**
   * `xnn` turns XNNPACK's pool on for a threaded call, `pool` runs the parts of a split
   * kernels.wat call (both null on one thread).
   */
  constructor(readonly backend: BackendWasm, readonly simd: SimdKernels,
    private readonly xnn: XnnThreadSwitch | null = null, private readonly pool: SimdPool | null = null) {
    this.threads = pool ? pool.threads : 1;
    const mod = backend.wasm as unknown as { stackSave: () => number; stackRestore: (sp: number) => void };
    this.stackSave = mod.stackSave;
    this.stackRestore = mod.stackRestore;
  }

  /**
   * Runs tfjs kernel `name`: on the calling thread, or with `threaded` on XNNPACK's thread
   * pool (only XNNPACK-backed kernels use it; see threads/plan.ts for when it pays).
   */
  run(name: string, inputs: Record<string, Info | Info[]>, attrs: Record<string, unknown> = {}, threaded = false): Info {
    if (threaded && this.xnn) {
      this.threadUse.xnn++;
      return this.xnn.threaded(() => this.call(name, inputs, attrs));
    }
    return this.call(name, inputs, attrs);
  }

  /**
   * Runs kernels.wat's `name` once per argument list at the same time (parts[0] here, the
   * rest on the pool's workers); the parts must write disjoint memory. One part runs here.
   */
  split(name: SimdName, parts: readonly (readonly number[])[]): void {
    if (parts.length > 1 && this.pool) {
      this.threadUse.split++;
      this.pool.run(this.simd, name, parts);
    } else for (const part of parts) (this.simd[name] as (...a: number[]) => void)(...part);
  }

  private call(name: string, inputs: Record<string, Info | Info[]>, attrs: Record<string, unknown>): Info {
    let fn = this.kernels.get(name);
    if (!fn) {
      const config = tf.getKernel(name, 'wasm');
      if (!config) throw new Error(`wasm backend: tfjs-backend-wasm has no kernel '${name}'`);
      fn = config.kernelFunc as unknown as KernelFunc;
      this.kernels.set(name, fn);
    }
    // A wasm trap skips the stack restore of Emscripten's ccall; undo it so the module stays usable.
    const sp = this.stackSave();
    let out: Info;
    try {
      out = fn({ inputs, backend: this.backend, attrs }) as Info;
    } catch (err) {
      this.stackRestore(sp);
      throw err;
    }
    // A kernel that hands back an input's dataId (refcount + 1) would alias storage: copy it.
    for (const input of Object.values(inputs)) {
      for (const i of Array.isArray(input) ? input : [input]) {
        if (i.dataId === out.dataId) {
          const copy = this.copy(out);
          this.backend.disposeData(out.dataId);
          return copy;
        }
      }
    }
    return { dataId: out.dataId, shape: [...out.shape], dtype: out.dtype };
  }

  /** A new uninitialised tensor on the heap. */
  empty(shape: readonly number[], dtype: DType): Info {
    const dataId = this.backend.write(null as unknown as TypedArray, [...shape], dtype);
    return { dataId, shape: [...shape], dtype };
  }

  upload(values: TypedArray, shape: readonly number[], dtype: DType): Info {
    const dataId = this.backend.write(values, [...shape], dtype);
    return { dataId, shape: [...shape], dtype };
  }

  scalar(value: number, dtype: DType): Info {
    const data = dtype === 'float32' ? Float32Array.of(value) : dtype === 'int32' ? Int32Array.of(value) : Uint8Array.of(value ? 1 : 0);
    return this.upload(data, [], dtype);
  }

  /** A tensor of `shape` filled with `value`. */
  fill(shape: readonly number[], value: number, dtype: DType): Info {
    const out = this.empty(shape, dtype);
    if (sizeOf(shape) > 0) this.heap(out).fill(dtype === 'bool' ? (value ? 1 : 0) : value);
    return out;
  }

  /**
   * A new `dtype` tensor of x's shape, written by one of layerwise's own element-wise
   * kernels: `run(xPtr, outPtr, n)` (not called for an empty tensor).
   */
  mapped(x: Info, dtype: DType, run: (x: number, out: number, n: number) => void): Info {
    const out = this.empty(x.shape, dtype);
    const n = sizeOf(x.shape);
    if (n > 0) run(this.ptr(x), this.ptr(out), n);
    return out;
  }

  /** A copy of the values (owned by the caller). */
  read(t: Info): TypedArray {
    return this.backend.readSync(t.dataId) as TypedArray;
  }

  /** The byte offset of the values on the wasm heap (for layerwise's own SIMD kernels). */
  ptr(t: Info): number {
    return (this.backend as unknown as { dataIdMap: { get(id: object): { memoryOffset: number } } }).dataIdMap.get(t.dataId).memoryOffset;
  }

  /** The shape tfjs registered for `t`'s buffer (a view's differs from its own). */
  registeredShape(t: Info): readonly number[] {
    return (this.backend as unknown as { dataIdMap: { get(id: object): { shape: number[] } } }).dataIdMap.get(t.dataId).shape;
  }

  /** A view of the values on the wasm heap; valid until the next allocation. */
  heap(t: Info): TypedArray {
    return this.backend.typedArrayFromHeap(t as unknown as tf.TensorInfo) as TypedArray;
  }

  copy(t: Info): Info {
    const out = this.empty(t.shape, t.dtype);
    if (sizeOf(t.shape) > 0) this.heap(out).set(this.heap(t));
    return out;
  }

  /** A new tensor of `shape` holding the first sizeOf(shape) elements of `t`. */
  prefix(t: Info, shape: readonly number[]): Info {
    const out = this.empty(shape, t.dtype);
    const n = sizeOf(shape);
    if (n > 0) this.heap(out).set(this.heap(t).subarray(0, n));
    return out;
  }

  /** A new tensor of `shape` holding elements [start, start + sizeOf(shape)) of `t`. */
  range(t: Info, start: number, shape: readonly number[]): Info {
    const out = this.empty(shape, t.dtype);
    const n = sizeOf(shape);
    if (n > 0) this.heap(out).set(this.heap(t).subarray(start, start + n));
    return out;
  }

  free(t: Info): void {
    this.backend.disposeData(t.dataId);
  }

  /** The same data under another shape (no kernel call, no copy): the caller must not free it. */
  view(t: Info, shape: readonly number[]): Info {
    return { dataId: t.dataId, shape: [...shape], dtype: t.dtype };
  }

  /** Runs `body` with a list to register temporaries in; frees them all afterwards. */
  scoped<T>(body: (keep: <I extends Info>(t: I) => I) => T): T {
    const temps: Info[] = [];
    try {
      return body((t) => {
        temps.push(t);
        return t;
      });
    } finally {
      for (const t of temps) this.free(t);
    }
  }
}
