/** The wasm binaries tfjs-backend-wasm ships; a `wasmPaths` map may name a URL for each. */
export type WasmBinaryName = 'tfjs-backend-wasm.wasm' | 'tfjs-backend-wasm-simd.wasm' | 'tfjs-backend-wasm-threaded-simd.wasm';

export interface WasmOptions {
  /**
   * Threads XNNPACK may use (matmul, convolution). 1 loads the single-threaded SIMD build;
   * more loads the threaded SIMD build (Node worker_threads, or browsers under cross-origin
   * isolation) and falls back to one thread, with a logged reason, where threads cannot run.
   * Default: 1 (see DEFAULT_THREADS: MLP, LSTM and batch-1 training ran 2-2.5x faster on one thread).
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

let current: WasmOptions = {};

/** Sets the options the registered 'wasm' backend is created with; call before `setBackend('wasm')`. */
export function setWasmOptions(options: WasmOptions): void {
  if (options.threads !== undefined && !(Number.isInteger(options.threads) && options.threads >= 1)) {
    throw new Error(`setWasmOptions: threads must be a positive integer, got ${String(options.threads)}`);
  }
  current = { ...current, ...options };
}

export function getWasmOptions(): WasmOptions {
  return current;
}

/**
 * One thread unless asked for more. Measured here (bench/, 2 cores): the threaded build
 * speeds up only XNNPACK's matmul and convolution, while its element-wise kernels go through
 * a thread pool that made broadcast adds and squares 10-30x dearer; training throughput (MLP,
 * LSTM, batch 1) was 2-2.5x higher on one thread. Ask for `threads` to run large matmul- or
 * conv-bound work on several cores.
 */
export const DEFAULT_THREADS = 1;
