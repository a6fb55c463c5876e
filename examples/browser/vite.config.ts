import { createReadStream, existsSync, readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));

/** The `.wasm` binaries of @tensorflow/tfjs-backend-wasm, found through @layerwise/backend-wasm. */
export const WASM_FILES = ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm'] as const;

/** The unmodified Emscripten glue the threaded build's pthread workers load by URL. */
export const THREADED_GLUE = 'tfjs-backend-wasm-threaded-simd.js';

/** Where each served file lives: the binaries in tfjs's dist/, the glue in its wasm-out/. */
function wasmFiles(): Map<string, string> {
  // @layerwise/backend-wasm's exports are import-only, so start from its folder.
  const backend = realpathSync(join(here, 'node_modules', '@layerwise', 'backend-wasm'));
  const tfjs = dirname(createRequire(join(backend, 'package.json')).resolve('@tensorflow/tfjs-backend-wasm/package.json'));
  const files = new Map<string, string>(WASM_FILES.map((name) => [name, join(tfjs, 'dist', name)]));
  files.set(THREADED_GLUE, join(tfjs, 'wasm-out', THREADED_GLUE));
  return files;
}

/**
 * The wasm backend fetches its binaries (and, for threads, the Emscripten glue) from a URL in
 * a browser (`setWasmOptions({ wasmPaths })`): serve them at /wasm/ in dev and preview, and
 * copy them into dist/wasm/ in a build.
 *
 * Cross-origin isolation (needed for SharedArrayBuffer, so for wasm threads): every HTML page
 * is sent with COOP: same-origin and COEP: require-corp, unless its URL has `?coi=0` (the
 * tests use that to check the single-threaded fallback). Everything is same-origin, so no
 * resource needs a CORP header.
 */
function layerwiseBrowser(): Plugin {
  const files = wasmFiles();
  const middleware = (req: { url?: string }, res: import('node:http').ServerResponse, next: () => void) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const name = url.pathname.replace(/^.*\/wasm\//, '');
    const file = url.pathname.includes('/wasm/') ? files.get(name) : undefined;
    if (file) {
      res.setHeader('Content-Type', name.endsWith('.js') ? 'text/javascript' : 'application/wasm');
      createReadStream(file).pipe(res);
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
    configureServer(server) {
      server.middlewares.use(middleware);
    },
    configurePreviewServer(server) {
      server.middlewares.use(middleware);
    },
    generateBundle() {
      for (const [name, file] of files) {
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
        keras: join(here, 'keras.html'),
      },
    },
  },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
