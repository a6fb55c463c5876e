import { createReadStream, existsSync, readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));

/** The `.wasm` binaries of @tensorflow/tfjs-backend-wasm, found through @layerwise/backend-wasm. */
export const WASM_FILES = ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm'] as const;

function wasmDir(): string {
  // @layerwise/backend-wasm's exports are import-only, so start from its folder.
  const backend = realpathSync(join(here, 'node_modules', '@layerwise', 'backend-wasm'));
  const tfjsPkg = createRequire(join(backend, 'package.json')).resolve('@tensorflow/tfjs-backend-wasm/package.json');
  return join(dirname(tfjsPkg), 'dist');
}

/**
 * Workaround for the threaded wasm build in a minified bundle. @layerwise/backend-wasm starts
 * its pthread Web Workers from a Blob of `factory.toString()` (as tfjs does); the factory in
 * tfjs's Emscripten glue reads `_scriptDir` from the closure around it, guarded by `typeof`.
 * A minifier renames that variable and drops the (to it) redundant `typeof` guard, so inside
 * the worker the factory throws "ReferenceError: e is not defined" and the backend never
 * finishes loading. Declaring `_scriptDir` inside the factory makes it self-contained (it is
 * `undefined` in module scripts and workers anyway).
 */
export function selfContainedThreadedFactory(code: string): string {
  const head = 'function(WasmBackendModuleThreadedSimd) {\n  WasmBackendModuleThreadedSimd = WasmBackendModuleThreadedSimd || {};\n';
  if (!code.includes(head)) return code;
  return code.replace(head, `${head}var _scriptDir = undefined;\n`);
}

/**
 * The wasm backend fetches its binaries from a URL in a browser (`setWasmOptions({ wasmPaths })`):
 * serve them at /wasm/ in dev and preview, and copy them into dist/wasm/ in a build.
 *
 * Cross-origin isolation (needed for SharedArrayBuffer, so for wasm threads): every HTML page
 * is sent with COOP: same-origin and COEP: require-corp, unless its URL has `?coi=0` (the
 * tests use that to check the single-threaded fallback). Everything is same-origin, so no
 * resource needs a CORP header.
 */
function layerwiseBrowser(): Plugin {
  const dir = wasmDir();
  const middleware = (req: { url?: string }, res: import('node:http').ServerResponse, next: () => void) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const name = url.pathname.replace(/^.*\/wasm\//, '');
    if (url.pathname.includes('/wasm/') && (WASM_FILES as readonly string[]).includes(name)) {
      res.setHeader('Content-Type', 'application/wasm');
      createReadStream(join(dir, name)).pipe(res);
      return;
    }
    if (url.searchParams.get('coi') !== '0') {
      res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
      res.setHeader('Cross-Origin-Embedder-Policy', 'require-corp');
    }
    next();
  };
  return {
    name: 'layerwise-browser',
    transform(code, id) {
      if (!/tfjs-backend-wasm-threaded-simd\.js$/.test(id.split('?')[0])) return null;
      const fixed = selfContainedThreadedFactory(code);
      if (fixed === code) {
        this.warn('the threaded wasm glue changed shape: its factory may not survive minification (threads would hang)');
        return null;
      }
      return { code: fixed, map: null };
    },
    configureServer(server) {
      server.middlewares.use(middleware);
    },
    configurePreviewServer(server) {
      server.middlewares.use(middleware);
    },
    generateBundle() {
      for (const name of WASM_FILES) {
        const file = join(dir, name);
        if (!existsSync(file)) throw new Error(`layerwise-browser: ${file} is missing`);
        this.emitFile({ type: 'asset', fileName: `wasm/${name}`, source: readFileSync(file) });
      }
    },
  };
}

export default defineConfig({
  root: here,
  // Relative asset URLs: the built folder works from any path on any static server.
  base: './',
  plugins: [layerwiseBrowser()],
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4096,
    rollupOptions: {
      input: {
        index: join(here, 'index.html'),
        check: join(here, 'check.html'),
      },
    },
  },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
