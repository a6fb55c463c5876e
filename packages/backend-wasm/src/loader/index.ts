import * as tf from '@tensorflow/tfjs-core';
import * as tfwasm from '@tensorflow/tfjs-backend-wasm';
import { DEFAULT_THREADS, type WasmOptions } from '../options.js';
import { attachTfjsApi, memoryOf, trimPthreadPool, type EmscriptenModule, type LoadedWasm } from './module.js';
import { instantiateSimdKernels, type SimdKernels } from '../simd/simd-kernels.js';
import { loadBrowserSimd, loadBrowserThreaded } from './browser.js';

export type { LoadedWasm } from './module.js';

const isNode = typeof process !== 'undefined' && typeof process.versions?.node === 'string';

/** Ends with one warning the reason threads do not run (a library never throws for this). */
function warnFallback(threads: number, reason: string): void {
  console.warn(`@layerwise/backend-wasm: ${threads} threads requested, running on 1 (single-threaded SIMD build): ${reason}`);
}

/**
 * Binds tfjs's wasm kernels to `mod`, and layerwise's own kernels to its memory. Each tfjs
 * kernel's setupFunc cwraps into module-level variables, so one module per JS realm can be
 * bound at a time.
 */
async function bind(mod: EmscriptenModule, threads: number): Promise<{ backend: tfwasm.BackendWasm; simd: SimdKernels }> {
  attachTfjsApi(mod);
  tfwasm.setThreadsCount(threads);
  const backend = new tfwasm.BackendWasm(mod as unknown as ConstructorParameters<typeof tfwasm.BackendWasm>[0]);
  for (const config of tf.getKernelsForBackend('wasm')) config.setupFunc?.(backend);
  // XNNPACK's pool has taken the threads it needs by now: no idle worker is kept. Emscripten
  // ref()s a worker while it runs a pthread, and XNNPACK's pool threads run for good: unref
  // them so they never keep a Node process alive.
  trimPthreadPool(mod.PThread, 0);
  for (const w of mod.PThread?.runningWorkers ?? []) w.unref?.();
  return { backend, simd: await instantiateSimdKernels(memoryOf(mod)) };
}

function threadsOf(backend: tfwasm.BackendWasm): number {
  return (backend.wasm as unknown as EmscriptenModule).tfjs!.getThreadsCount() as number;
}

/** Loads the module for `options`: threaded SIMD where asked for and possible, else SIMD. */
export async function loadWasm(options: WasmOptions): Promise<LoadedWasm> {
  const threads = options.threads ?? DEFAULT_THREADS;
  const wasmPaths = options.wasmPaths ?? options.wasmPath;
  let fallbackReason: string | undefined;
  if (threads > 1) {
    try {
      const mod = isNode
        ? await (await import('./node.js')).loadNodeThreaded(threads, wasmPaths)
        : await loadBrowserThreaded(threads, wasmPaths);
      const { backend, simd } = await bind(mod, threads);
      const got = threadsOf(backend);
      if (got < threads) warnFallback(threads, `the threaded build granted ${got}`);
      return { backend, simd, threads: got, build: 'threaded-simd', ...(got < threads ? { fallbackReason: `granted ${got}` } : {}) };
    } catch (err) {
      fallbackReason = err instanceof Error ? err.message : String(err);
      warnFallback(threads, fallbackReason);
    }
  }
  const mod = isNode ? await (await import('./node.js')).loadNodeSimd(wasmPaths) : await loadBrowserSimd(wasmPaths);
  const { backend, simd } = await bind(mod, 1);
  return { backend, simd, threads: 1, build: 'simd', ...(fallbackReason ? { fallbackReason } : {}) };
}
