import type { EmscriptenModule, ModuleFactory, ThreadedModule } from './module.js';
import { liftCoreCap } from './module.js';
import { threadpoolGlobalAddress } from '../threads/xnn-switch.js';
import { patchPoolSpin, POOL_SPIN } from '../threads/pool-spin.js';

function wasmUrl(wasmPaths: string | Partial<Record<string, string>> | undefined, name: string, scriptDir: string): string {
  if (typeof wasmPaths === 'string') return wasmPaths + name;
  return wasmPaths?.[name] ?? scriptDir + name;
}

function instantiateFrom(url: string, threads: number | null, onBytes?: (bytes: Uint8Array) => void) {
  return (imports: Record<string, Record<string, unknown>>, receive: (i: WebAssembly.Instance, m: WebAssembly.Module) => void) => {
    const finalImports = (threads === null ? imports : liftCoreCap(imports, threads)) as WebAssembly.Imports;
    fetch(url, { credentials: 'same-origin' })
      .then((response) => {
        if (!response.ok) throw new Error(`failed to load ${url}: HTTP ${response.status}`);
        return response.arrayBuffer();
      })
      .then((binary) => {
        onBytes?.(new Uint8Array(binary));
        return WebAssembly.instantiate(binary, finalImports);
      })
      .then(({ instance, module }) => receive(instance, module))
      .catch((err) => console.error(`@layerwise/backend-wasm: ${String(err)}`));
    return {};
  };
}

const factoryOf = (ns: unknown): ModuleFactory => ((ns as { default?: ModuleFactory }).default ?? ns) as ModuleFactory;

/** The single-threaded SIMD build in a browser (or any non-Node realm). */
export async function loadBrowserSimd(wasmPaths?: string | Partial<Record<string, string>>): Promise<EmscriptenModule> {
  const factory = factoryOf(await import('@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm.js'));
  return factory({
    instantiateWasm: instantiateFrom(wasmUrl(wasmPaths, 'tfjs-backend-wasm-simd.wasm', ''), null),
  });
}

/** The unmodified Emscripten glue the pthread workers load (serve it next to the .wasm files). */
export const THREADED_GLUE = 'tfjs-backend-wasm-threaded-simd.js';

/** How long the pthread workers may take to start before threads are given up. */
const THREAD_START_TIMEOUT_MS = 20_000;

/**
 * The threaded SIMD build in a browser: needs cross-origin isolation (SharedArrayBuffer).
 * Each pthread worker loads the glue by URL: `THREADED_GLUE`, served beside the .wasm files.
 * (tfjs instead hands workers a Blob of the factory's source, which breaks once a bundler
 * minifies the factory: it reads a variable of the code around it.) The core count import
 * is lifted so `threads` threads run. Workers that do not start in time are an error, so the
 * caller falls back to one thread instead of waiting for ever.
 */
export async function loadBrowserThreaded(threads: number, wasmPaths?: string | Partial<Record<string, string>>): Promise<ThreadedModule> {
  const g = globalThis as { crossOriginIsolated?: boolean };
  if (typeof SharedArrayBuffer === 'undefined' || g.crossOriginIsolated === false) {
    throw new Error('the page is not cross-origin isolated (SharedArrayBuffer needs COOP: same-origin and COEP: require-corp)');
  }
  const glueUrl = new URL(wasmUrl(wasmPaths, THREADED_GLUE, ''), globalThis.location?.href).href;
  const probe = await fetch(glueUrl, { method: 'HEAD', credentials: 'same-origin' }).catch((err: unknown) => err as Error);
  if (probe instanceof Error || !probe.ok) {
    const why = probe instanceof Error ? probe.message : `HTTP ${probe.status}`;
    throw new Error(`threads need the glue ${THREADED_GLUE} (from @tensorflow/tfjs-backend-wasm/wasm-out/) served next to the .wasm files; ${glueUrl}: ${why}`);
  }
  const factory = factoryOf(await import('@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js'));
  const workerNs = await import('@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.worker.js');
  const { wasmWorkerContents } = ((workerNs as { default?: unknown }).default ?? workerNs) as { wasmWorkerContents: string };
  const workerUrl = URL.createObjectURL(new Blob([wasmWorkerContents.replace(/\n/g, '\\n')], { type: 'application/javascript' }));
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the pthread workers did not start within ${THREAD_START_TIMEOUT_MS / 1000} s`)), THREAD_START_TIMEOUT_MS);
  });
  let threadpoolAddress: number | null = null;
  try {
    const mod = await Promise.race([
      factory({
        mainScriptUrlOrBlob: glueUrl,
        locateFile: (p: string, prefix: string) => (p.endsWith('.worker.js') ? workerUrl : prefix + p),
        instantiateWasm: instantiateFrom(wasmUrl(wasmPaths, 'tfjs-backend-wasm-threaded-simd.wasm', ''), threads,
          (bytes) => {
            patchPoolSpin(bytes, POOL_SPIN);
            threadpoolAddress = threadpoolGlobalAddress(bytes);
          }),
      }),
      timeout,
    ]);
    return { mod, threadpoolAddress };
  } finally {
    clearTimeout(timer);
  }
}
