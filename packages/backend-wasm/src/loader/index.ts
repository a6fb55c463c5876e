import * as tf from '@tensorflow/tfjs-core';
import * as tfwasm from '@tensorflow/tfjs-backend-wasm';
import { defaultThreads, type WasmOptions } from '../options.js';
import { attachTfjsApi, memoryOf, trimPthreadPool, type EmscriptenModule, type LoadedWasm, type ThreadedModule } from './module.js';
import { instantiateSimdKernels } from '../simd/simd-kernels.js';
import { loadBrowserSimd, loadBrowserThreaded } from './browser.js';
import { XnnThreadSwitch } from '../threads/xnn-switch.js';
import { SimdPool } from '../threads/simd-pool.js';

export type { LoadedWasm } from './module.js';

const isNode = typeof process !== 'undefined' && typeof process.versions?.node === 'string';

/** Logs once why threads do not run (a library never throws for this). */
function logFallback(threads: number, asked: boolean, reason: string): void {
  const log = asked ? console.warn : console.info;
  log(`@layerwise/backend-wasm: ${asked ? `${threads} threads requested` : `the default of ${threads} threads`}, running on 1 (single-threaded SIMD build): ${reason}`);
}

/**
 * Binds tfjs's wasm kernels to `mod`, and layerwise's own kernels to its memory. Each tfjs
 * kernel's setupFunc cwraps into module-level variables, so one module per JS realm can be
 * bound at a time.
 */
async function bind(mod: EmscriptenModule, threads: number): Promise<{ backend: tfwasm.BackendWasm; simd: Awaited<ReturnType<typeof instantiateSimdKernels>> }> {
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

/**
 * The per-call switch of XNNPACK's pool, checked: with the global zeroed the module must
 * stop reporting its threads (so the address is the pool's), and it is restored after.
 */
function xnnSwitch(loaded: ThreadedModule, backend: tfwasm.BackendWasm, threads: number): XnnThreadSwitch {
  const address = loaded.threadpoolAddress;
  if (address === null) throw new Error('the thread pool global was not found in this tfjs-backend-wasm binary (a tfjs version other than 4.22.0?)');
  const heap = new Int32Array(memoryOf(loaded.mod).buffer);
  const pool = heap[address >>> 2];
  heap[address >>> 2] = 0;
  const off = threadsOf(backend);
  heap[address >>> 2] = pool;
  if (pool === 0 || off === threads) throw new Error(`the word at ${address} is not tfjs's thread pool (a tfjs version other than 4.22.0?)`);
  return new XnnThreadSwitch(heap, address);
}

/**
 * Loads the module for `options`: the threaded SIMD build where more than one thread is asked
 * for (or is the default) and threads can run, else the single-threaded SIMD build.
 */
export async function loadWasm(options: WasmOptions): Promise<LoadedWasm> {
  const asked = options.threads !== undefined;
  const threads = options.threads ?? await defaultThreads();
  const wasmPaths = options.wasmPaths ?? options.wasmPath;
  let fallbackReason: string | undefined;
  if (threads > 1) {
    try {
      const loaded = isNode
        ? await (await import('./node.js')).loadNodeThreaded(threads, wasmPaths)
        : await loadBrowserThreaded(threads, wasmPaths);
      const { backend, simd } = await bind(loaded.mod, threads);
      const got = threadsOf(backend);
      const xnn = xnnSwitch(loaded, backend, got);
      const pool = got > 1 ? await SimdPool.start(simd.module, memoryOf(loaded.mod), got - 1) : null;
      if (got < threads) logFallback(threads, asked, `the threaded build granted ${got}`);
      return {
        backend, simd: simd.kernels, xnn, pool, threads: got, build: 'threaded-simd',
        ...(got < threads ? { fallbackReason: `granted ${got}` } : {}),
      };
    } catch (err) {
      fallbackReason = err instanceof Error ? err.message : String(err);
      logFallback(threads, asked, fallbackReason);
    }
  }
  const mod = isNode ? await (await import('./node.js')).loadNodeSimd(wasmPaths) : await loadBrowserSimd(wasmPaths);
  const { backend, simd } = await bind(mod, 1);
  return { backend, simd: simd.kernels, xnn: null, pool: null, threads: 1, build: 'simd', ...(fallbackReason ? { fallbackReason } : {}) };
}
