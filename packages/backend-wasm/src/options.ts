import { optionKeys } from '@layerwise/api';
/** The wasm binaries tfjs-backend-wasm ships; a `wasmPaths` map may name a URL for each. */
export type WasmBinaryName = 'tfjs-backend-wasm.wasm' | 'tfjs-backend-wasm-simd.wasm' | 'tfjs-backend-wasm-threaded-simd.wasm';

/** Options of the wasm backend: `createWasmKernel`'s argument, or set for the registered 'wasm' backend by `setWasmOptions`. */
export interface WasmOptions {
  /**
   * Threads to run on. More than 1 loads the threaded SIMD build (Node worker_threads, or
   * browsers under cross-origin isolation): XNNPACK runs large matrix products and
   * convolutions on all of them and layerwise splits its own large kernels across them, while
   * element-wise ops, reductions and small products stay on the calling thread (decided per
   * call by size: see src/threads/plan.ts). 1 loads the single-threaded SIMD build. Where
   * threads cannot run it falls back to one thread and logs why.
   * Default: every core up to DEFAULT_MAX_THREADS (2 on a 2-core machine), else 1.
   */
  readonly threads?: number;
  /**
   * Where the `.wasm` files are: a folder or URL prefix ending in '/', or a map from each binary's
   * file name to its URL. Not needed in Node (the files are found inside the package); in a
   * browser, the URL the bundler or server exposes them at (tfjs's `setWasmPaths`).
   */
  readonly wasmPaths?: string | Partial<Record<WasmBinaryName, string>>;
  /** The folder or URL prefix holding the `.wasm` files (the same as a string `wasmPaths`). */
  readonly wasmPath?: string;
}

/** The wasm backend's options (snake_case accepted, unknown keys refused). */
export const WASM_OPTIONS = optionKeys<WasmOptions>()(['threads', 'wasmPaths', 'wasmPath']);

let current: WasmOptions = {};

/** Sets the options the registered 'wasm' backend is created with; call before `setBackend('wasm')`. */
export function setWasmOptions(options: WasmOptions): void {
  options = WASM_OPTIONS.read(options, 'setWasmOptions');
  if (options.threads !== undefined && !(Number.isInteger(options.threads) && options.threads >= 1)) {
    throw new Error(`setWasmOptions: threads must be a positive integer, got ${String(options.threads)}`);
  }
  current = { ...current, ...options };
}

/** The options `setWasmOptions` has set so far (merged over each other; `{}` before any call). */
export function getWasmOptions(): WasmOptions {
  return current;
}

/**
 * The cap on the default thread count. On a 2-core machine (bench/results/2026-12-07, medians
 * of 3-7 interleaved runs) 2 threads against 1 ran a CNN 1.33x, an LSTM 1.10x, predict 1.71x
 * and a 1024^3 matmul 1.74x as fast, and dense training at batch 128 (0.98-1.00x) and batch 1
 * (1.01-1.04x) level, once small ops stay on the calling thread and splits start where they
 * pay with a sleeping worker (threads/plan.ts). Beyond 2 cores nothing was measured, and 4
 * keeps the memory of idle workers (one XNNPACK pthread and one kernel worker per extra
 * thread, ~10 MB each) bounded.
 */
export const DEFAULT_MAX_THREADS = 4;

/** The cores this realm may use: os.availableParallelism() in Node, navigator.hardwareConcurrency elsewhere. */
async function cores(): Promise<number> {
  if (typeof process !== 'undefined' && typeof process.versions?.node === 'string') {
    const os = await import('node:os');
    return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  }
  return (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency ?? 1;
}

/** The threads used when none are asked for: every core, up to DEFAULT_MAX_THREADS. */
export async function defaultThreads(): Promise<number> {
  return Math.max(1, Math.min(await cores(), DEFAULT_MAX_THREADS));
}
