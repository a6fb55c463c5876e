import type * as H5Wasm from 'h5wasm';

/** The loaded h5wasm library and its in-memory file system. */
export interface H5Lib {
  h5: typeof H5Wasm;
  fs: { writeFile(path: string, data: Uint8Array): void; readFile(path: string): Uint8Array; unlink(path: string): void };
}

let loading: Promise<H5Lib> | null = null;

/**
 * h5wasm (the HDF5 C library compiled to WebAssembly), loaded on first use: importing this
 * package costs nothing until a file is read or written. HDF5 errors become thrown errors
 * instead of diagnostics printed to the console.
 */
export function h5lib(): Promise<H5Lib> {
  loading ??= (async () => {
    const h5 = await import('h5wasm');
    const module = await h5.ready;
    module.activate_throwing_error_handler();
    return { h5, fs: module.FS as unknown as H5Lib['fs'] };
  })();
  return loading;
}

let fileCount = 0;

/** A fresh path in h5wasm's in-memory file system. */
export function scratchPath(): string {
  fileCount += 1;
  return `/layerwise-keras-io-${fileCount}.h5`;
}
