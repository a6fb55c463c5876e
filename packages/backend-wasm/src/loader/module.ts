import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { SimdKernels } from '../simd/simd-kernels.js';
import type { XnnThreadSwitch } from '../threads/xnn-switch.js';
import type { SimdPool } from '../threads/simd-pool.js';

/** The Emscripten module object as tfjs's BackendWasm expects it. */
export interface EmscriptenModule {
  cwrap(name: string, ret: string | null, args: string[]): (...args: unknown[]) => unknown;
  HEAPU8: Uint8Array;
  /** The heap: the threaded build's shared memory is here, the single-threaded build exports it in asm. */
  wasmMemory?: WebAssembly.Memory;
  asm?: { memory?: WebAssembly.Memory };
  PThread?: { runningWorkers: WorkerLike[]; unusedWorkers: WorkerLike[] };
  tfjs?: Record<string, (...args: unknown[]) => unknown>;
}

export interface WorkerLike {
  unref?(): void;
  terminate?(): unknown;
}

export type ModuleFactory = (config: Record<string, unknown>) => Promise<EmscriptenModule>;

/** A loaded tfjs wasm module wrapped by tfjs's BackendWasm, with its kernels bound to it. */
export interface LoadedWasm {
  readonly backend: BackendWasm;
  /** Threads XNNPACK actually got. */
  readonly threads: number;
  readonly build: 'threaded-simd' | 'simd';
  /** Why fewer threads than requested run, if so. */
  readonly fallbackReason?: string;
  /** layerwise's own kernels (src/simd/kernels.wat), on the same memory. */
  readonly simd: SimdKernels;
  /** Turns XNNPACK's thread pool on for one call (null: one thread). */
  readonly xnn: XnnThreadSwitch | null;
  /** Workers running kernels.wat on the same memory, to split a kernel (null: one thread). */
  readonly pool: SimdPool | null;
}

/** The threaded build, with where its thread pool pointer lives (null if not found). */
export interface ThreadedModule {
  readonly mod: EmscriptenModule;
  readonly threadpoolAddress: number | null;
}

/** The module's WebAssembly.Memory, for kernels that share its heap. */
export function memoryOf(mod: EmscriptenModule): WebAssembly.Memory {
  const memory = mod.wasmMemory ?? mod.asm?.memory;
  if (!memory) throw new Error('@layerwise/backend-wasm: the tfjs wasm module exposes no memory');
  return memory;
}

/** The cwraps tfjs's own init() attaches to the module (BackendWasm calls them). */
export function attachTfjsApi(mod: EmscriptenModule): void {
  mod.tfjs = {
    init: mod.cwrap('init', null, []),
    initWithThreadsCount: mod.cwrap('init_with_threads_count', null, ['number']),
    getThreadsCount: mod.cwrap('get_threads_count', 'number', []),
    registerTensor: mod.cwrap('register_tensor', null, ['number', 'number', 'number']),
    disposeData: mod.cwrap('dispose_data', null, ['number']),
    dispose: mod.cwrap('dispose', null, []),
  };
}

/** The `env` import that reports the cores; tfjs's C++ caps the pool at half of it. */
export const CORES_IMPORT = 'emscripten_num_logical_cores';

/** Imports with the core count lifted so `threads` threads are granted (the C++ caps at cores/2). */
export function liftCoreCap(imports: Record<string, Record<string, unknown>>, threads: number): Record<string, Record<string, unknown>> {
  return { ...imports, env: { ...imports.env, [CORES_IMPORT]: () => 2 * threads } };
}

/**
 * Terminates Emscripten's idle pthread workers beyond the first `keep`. Its threaded glue
 * starts a pool of 8, each soon holding its own instance of the module (~10 MB apiece), while
 * XNNPACK's pool takes only threads - 1; the glue starts a worker on demand should it ever
 * need another.
 */
export function trimPthreadPool(pthread: EmscriptenModule['PThread'], keep: number): void {
  if (pthread) for (const w of pthread.unusedWorkers.splice(Math.max(0, keep))) w.terminate?.();
}
