import type { EmscriptenModule, ModuleFactory, ThreadedModule } from './module.js';
import { liftCoreCap, trimPthreadPool } from './module.js';
import { threadpoolGlobalAddress } from '../threads/xnn-switch.js';
import { patchPoolSpin, POOL_SPIN } from '../threads/pool-spin.js';

const PKG = '@tensorflow/tfjs-backend-wasm';

/** Node built-ins, loaded lazily so this file costs nothing in a browser bundle. */
async function nodeModules() {
  const [module, fs, os, path, url] = await Promise.all([
    import('node:module'), import('node:fs'), import('node:os'), import('node:path'), import('node:url'),
  ]);
  return { module, fs, os, path, url };
}

function resolveWasm(wasmPaths: string | Partial<Record<string, string>> | undefined, name: string, glueDir: string,
  join: (a: string, b: string) => string): string {
  if (typeof wasmPaths === 'string') return wasmPaths.endsWith('/') ? wasmPaths + name : join(wasmPaths, name);
  return wasmPaths?.[name] ?? join(glueDir, name);
}

/**
 * Runs `create` and removes the process-wide 'uncaughtException' / 'unhandledRejection'
 * handlers Emscripten's Node glue installs (they rethrow, taking over the host's handling).
 */
async function withoutGlueHandlers<T>(create: () => Promise<T>): Promise<T> {
  const emitter = process as unknown as NodeJS.EventEmitter;
  const events = ['uncaughtException', 'unhandledRejection'];
  const before = new Map(events.map((e) => [e, new Set(emitter.listeners(e))]));
  const strip = () => {
    for (const event of events) {
      for (const listener of emitter.listeners(event)) {
        if (!before.get(event)!.has(listener)) emitter.removeListener(event, listener as (...args: unknown[]) => void);
      }
    }
  };
  try {
    return await create();
  } finally {
    strip();
  }
}

/** The single-threaded SIMD build (the vanilla glue runs the SIMD binary, as tfjs does). */
export async function loadNodeSimd(wasmPaths?: string | Partial<Record<string, string>>): Promise<EmscriptenModule> {
  const { module, fs, path } = await nodeModules();
  const require = module.createRequire(import.meta.url);
  const gluePath = require.resolve(`${PKG}/wasm-out/tfjs-backend-wasm.js`);
  const glueDir = path.dirname(gluePath);
  const factory = require(gluePath) as ModuleFactory;
  const wasmFile = resolveWasm(wasmPaths, 'tfjs-backend-wasm-simd.wasm', glueDir, path.join);
  return withoutGlueHandlers(() => factory({
    locateFile: (p: string) => path.join(glueDir, p),
    instantiateWasm(imports: Record<string, Record<string, unknown>>, receive: (i: WebAssembly.Instance, m: WebAssembly.Module) => void) {
      WebAssembly.instantiate(fs.readFileSync(wasmFile), imports as WebAssembly.Imports)
        .then(({ instance, module: compiled }) => receive(instance, compiled));
      return {};
    },
  }));
}

/**
 * Runs `create` (the glue's factory, which synchronously sets `global.Worker` to
 * worker_threads' Worker and starts a pool of 8) so that only the first `keep` workers are
 * real threads: the rest are inert placeholders, which trimPthreadPool removes before the
 * module is instantiated (starting, then terminating, 7 Node workers cost ~35 MB of peak
 * memory). Afterwards `global.Worker` is what the glue set, for workers started on demand.
 */
function withFewWorkers<T>(keep: number, create: () => T): T {
  const scope = globalThis as Record<string, unknown>;
  const before = Object.getOwnPropertyDescriptor(scope, 'Worker');
  let real: (new (...args: unknown[]) => object) | undefined;
  let started = 0;
  function CountingWorker(...args: unknown[]): object {
    if (!real) throw new Error('@layerwise/backend-wasm: the glue did not set global.Worker');
    if (started++ < keep) return new real(...args);
    return { terminate: () => undefined, unref: () => undefined, ref: () => undefined };
  }
  Object.defineProperty(scope, 'Worker', {
    configurable: true,
    get: () => (real ? CountingWorker : undefined),
    set: (w: new (...args: unknown[]) => object) => { real = w; },
  });
  try {
    return create();
  } finally {
    delete scope.Worker;
    if (real) scope.Worker = real;
    else if (before) Object.defineProperty(scope, 'Worker', before);
  }
}

/**
 * The threaded SIMD build in Node. tfjs's own init cannot do this: it hands worker_threads a
 * `blob:` URL (rejected by Node) and a rollup-bundled factory the pthread workers cannot eval.
 * Instead: the pristine Emscripten glue from wasm-out/, a worker script written from
 * `wasmWorkerContents` into os.tmpdir(), and the core-count import lifted so XNNPACK gets
 * `threads` threads (tfjs's C++ caps the pool at cores / 2).
 */
export async function loadNodeThreaded(threads: number, wasmPaths?: string | Partial<Record<string, string>>): Promise<ThreadedModule> {
  if (typeof SharedArrayBuffer === 'undefined') throw new Error('SharedArrayBuffer is not available');
  const { module, fs, os, path } = await nodeModules();
  const require = module.createRequire(import.meta.url);
  const gluePath = require.resolve(`${PKG}/wasm-out/tfjs-backend-wasm-threaded-simd.js`);
  const glueDir = path.dirname(gluePath);
  const factory = require(gluePath) as ModuleFactory;
  const { wasmWorkerContents } = require(path.join(glueDir, 'tfjs-backend-wasm-threaded-simd.worker.js')) as { wasmWorkerContents: string };
  const { version } = require(`${PKG}/package.json`) as { version: string };
  // The exported string holds raw newlines inside JS string literals; tfjs escapes them the same way.
  const source = wasmWorkerContents.replace(/\n/g, '\\n');
  const dir = path.join(os.tmpdir(), 'layerwise-backend-wasm');
  fs.mkdirSync(dir, { recursive: true });
  // .cjs: CommonJS whatever package.json is nearby. One file per content, written atomically.
  let hash = 0;
  for (let i = 0; i < source.length; i++) hash = (Math.imul(hash, 31) + source.charCodeAt(i)) | 0;
  const workerPath = path.join(dir, `tfjs-wasm-pthread-worker-${version}-${(hash >>> 0).toString(16)}.cjs`);
  if (!fs.existsSync(workerPath) || fs.readFileSync(workerPath, 'utf8') !== source) {
    const tmp = `${workerPath}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, source);
    fs.renameSync(tmp, workerPath);
  }
  const wasmFile = resolveWasm(wasmPaths, 'tfjs-backend-wasm-threaded-simd.wasm', glueDir, path.join);
  const bytes = fs.readFileSync(wasmFile);
  patchPoolSpin(bytes, POOL_SPIN);
  const config: Record<string, unknown> = {
    // A path string: each pthread worker evals the glue from it (importScripts = eval(readFileSync)).
    mainScriptUrlOrBlob: gluePath,
    locateFile: (p: string) => (p.endsWith('.worker.js') ? workerPath : path.join(glueDir, p)),
    instantiateWasm(imports: Record<string, Record<string, unknown>>, receive: (i: WebAssembly.Instance, m: WebAssembly.Module) => void) {
      WebAssembly.instantiate(bytes, liftCoreCap(imports, threads) as WebAssembly.Imports)
        .then(({ instance, module: compiled }) => {
          // Before `receive` loads the module into every idle worker (the glue has set PThread on config).
          trimPthreadPool((config as { PThread?: EmscriptenModule['PThread'] }).PThread, threads - 1);
          receive(instance, compiled);
        });
      return {};
    },
  };
  const mod = await withoutGlueHandlers(() => withFewWorkers(threads - 1, () => factory(config)));
  return { mod, threadpoolAddress: threadpoolGlobalAddress(bytes) };
}
