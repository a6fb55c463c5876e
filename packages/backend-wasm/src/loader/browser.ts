import type { EmscriptenModule, ModuleFactory } from './module.js';
import { liftCoreCap } from './module.js';

function wasmUrl(wasmPaths: string | Partial<Record<string, string>> | undefined, name: string, scriptDir: string): string {
  if (typeof wasmPaths === 'string') return wasmPaths + name;
  return wasmPaths?.[name] ?? scriptDir + name;
}

function instantiateFrom(url: string, threads: number | null) {
  return (imports: Record<string, Record<string, unknown>>, receive: (i: WebAssembly.Instance, m: WebAssembly.Module) => void) => {
    const finalImports = (threads === null ? imports : liftCoreCap(imports, threads)) as WebAssembly.Imports;
    fetch(url, { credentials: 'same-origin' })
      .then((response) => {
        if (!response.ok) throw new Error(`failed to load ${url}: HTTP ${response.status}`);
        return response.arrayBuffer();
      })
      .then((binary) => WebAssembly.instantiate(binary, finalImports))
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

/**
 * The threaded SIMD build in a browser: needs cross-origin isolation (SharedArrayBuffer).
 * The pthread worker comes from a Blob of `wasmWorkerContents` and the glue from a Blob of the
 * factory's source, as tfjs does; the core count import is lifted so `threads` threads run.
 */
export async function loadBrowserThreaded(threads: number, wasmPaths?: string | Partial<Record<string, string>>): Promise<EmscriptenModule> {
  const g = globalThis as { crossOriginIsolated?: boolean };
  if (typeof SharedArrayBuffer === 'undefined' || g.crossOriginIsolated === false) {
    throw new Error('the page is not cross-origin isolated (SharedArrayBuffer needs COOP: same-origin and COEP: require-corp)');
  }
  const factory = factoryOf(await import('@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js'));
  const workerNs = await import('@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.worker.js');
  const { wasmWorkerContents } = ((workerNs as { default?: unknown }).default ?? workerNs) as { wasmWorkerContents: string };
  const workerUrl = URL.createObjectURL(new Blob([wasmWorkerContents.replace(/\n/g, '\\n')], { type: 'application/javascript' }));
  return factory({
    mainScriptUrlOrBlob: new Blob([`var WasmBackendModuleThreadedSimd = ${factory.toString()}`], { type: 'text/javascript' }),
    locateFile: (p: string, prefix: string) => (p.endsWith('.worker.js') ? workerUrl : prefix + p),
    instantiateWasm: instantiateFrom(wasmUrl(wasmPaths, 'tfjs-backend-wasm-threaded-simd.wasm', ''), threads),
  });
}
