/**
 * A backend on the kernels of TensorFlow.js's WASM (XNNPACK) backend, with the ones it lacks filled in.
 * Importing the package registers it as `'wasm'`.
 *
 * @module @layerwise/backend-wasm
 */
import { registerBackend } from '@layerwise/api';
import { loadWasm, type LoadedWasm } from './loader/index.js';
import { getWasmOptions, WASM_OPTIONS, type WasmOptions } from './options.js';
import { WasmKernel } from './wasm-kernel.js';

export { WasmKernel } from './wasm-kernel.js';
export { setWasmOptions, getWasmOptions, type WasmOptions, type WasmBinaryName } from './options.js';

let loading: { readonly threads: number | undefined; readonly promise: Promise<LoadedWasm> } | null = null;

/**
 * A wasm kernel with its own storage. The wasm module behind it is loaded once per JS realm
 * (tfjs binds its kernels to one module), with the options of the first call merged over
 * `setWasmOptions`; a later call asking for another thread count is an error.
 */
export async function createWasmKernel(options: WasmOptions = {}): Promise<WasmKernel> {
  const merged = { ...getWasmOptions(), ...WASM_OPTIONS.read(options, 'createWasmKernel') };
  if (!loading) {
    const promise = loadWasm(merged);
    loading = { threads: merged.threads, promise };
    promise.catch(() => { loading = null; });
  } else if (options.threads !== undefined && loading.threads !== undefined && options.threads !== loading.threads) {
    throw new Error(`createWasmKernel: the wasm module of this realm is already loaded with threads: ${loading.threads} ` +
      `(tfjs binds its kernels to one module per realm); asked for ${options.threads}`);
  }
  return new WasmKernel(await loading.promise);
}

registerBackend('wasm', () => createWasmKernel(), 2);
