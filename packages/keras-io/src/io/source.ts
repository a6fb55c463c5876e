import { nodeFs } from './node-fs.js';

/** Where a Keras file comes from: a path (Node), an http(s) URL, or its bytes. */
export type KerasSource = string | URL | Uint8Array | ArrayBuffer | Blob;

const URL_SCHEME = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//;

/** A printable name for the source in errors. */
export function describeSource(source: KerasSource): string {
  if (typeof source === 'string') return `'${source}'`;
  if (source instanceof URL) return `'${source.href}'`;
  return `${source instanceof Blob ? source.size : source.byteLength} bytes`;
}

/** A `file://` URL or plain path as a path; undefined for other URLs. */
export function localPath(source: string | URL): string | undefined {
  const s = source instanceof URL ? source.href : source;
  if (s.startsWith('file://')) return decodeURIComponent(s.slice('file://'.length));
  return URL_SCHEME.test(s) ? undefined : s;
}

/** The source's bytes, refusing anything larger than `maxBytes` before reading it. */
export async function readSource(source: KerasSource, maxBytes: number, where: string): Promise<Uint8Array> {
  const tooBig = (n: number): Error => new Error(`${where}: the file has ${n} bytes, more than the limit of ${maxBytes}`);
  if (source instanceof Uint8Array) return source;
  if (source instanceof ArrayBuffer) return new Uint8Array(source);
  if (typeof Blob !== 'undefined' && source instanceof Blob) {
    if (source.size > maxBytes) throw tooBig(source.size);
    return new Uint8Array(await source.arrayBuffer());
  }
  const path = localPath(source as string | URL);
  if (path !== undefined) {
    const fs = await nodeFs(where);
    let size: number;
    try {
      const st = await fs.stat(path);
      if (!st.isFile()) throw new Error(`${where}: '${path}' is not a file`);
      size = st.size;
    } catch (err) {
      if ((err as { code?: string }).code === 'ENOENT') throw new Error(`${where}: no file at '${path}'`);
      throw err;
    }
    if (size > maxBytes) throw tooBig(size);
    return fs.readFile(path);
  }
  const response = await fetch(source as string | URL);
  if (!response.ok) throw new Error(`${where}: fetching ${describeSource(source)} failed: HTTP ${response.status}`);
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) throw tooBig(declared);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.byteLength > maxBytes) throw tooBig(bytes.byteLength);
  return bytes;
}

/** Which Keras format the bytes hold, from their signature. */
export function sniffFormat(bytes: Uint8Array): 'h5' | 'keras' | null {
  const hdf5 = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];
  if (hdf5.every((b, i) => bytes[i] === b)) return 'h5';
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'keras';
  return null;
}
