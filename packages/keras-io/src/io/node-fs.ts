/** The parts of node:fs/promises this package uses. */
export interface NodeFs {
  readFile(path: string): Promise<Uint8Array>;
  stat(path: string): Promise<{ size: number; isFile(): boolean }>;
}

/** node:fs/promises, or a clear error outside Node. */
export async function nodeFs(what: string): Promise<NodeFs> {
  const proc = (globalThis as { process?: { versions?: { node?: string } } }).process;
  if (!proc?.versions?.node) {
    throw new Error(`${what}: file paths need Node.js; in a browser pass the file's bytes (Uint8Array, ArrayBuffer, Blob) or an http(s) URL to load, and a callback (bytes) => ... to save`);
  }
  // A computed specifier keeps browser bundlers from resolving a Node builtin.
  const specifier = 'node:fs/promises';
  return (await import(/* @vite-ignore */ specifier)) as NodeFs;
}
