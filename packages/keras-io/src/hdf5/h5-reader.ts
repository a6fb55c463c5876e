import type { Dataset, Group } from 'h5wasm';
import { h5lib, scratchPath, type H5Lib } from './module.js';
import type { ReadLimits } from '../limits.js';

/** Numeric element types a weight can be stored as. */
export type H5NumericType = 'float16' | 'float32' | 'float64' | 'int8' | 'int16' | 'int32' | 'int64' | 'uint8' | 'uint16' | 'uint32' | 'uint64' | 'bool';

/** An attribute value: a string, a list of strings, numbers, or null for types this reader does not decode. */
export type H5AttrValue = string | string[] | number | number[] | null;

/** A dataset's description, read before (and without) its data. */
export interface H5DatasetInfo {
  path: string;
  shape: number[];
  type: H5NumericType | 'other';
  /** Bytes the data takes once decoded. */
  bytes: number;
  /** Compressed (or otherwise filtered) storage. */
  filtered: boolean;
}

const INT_TYPES: Record<string, H5NumericType> = { '1s': 'int8', '2s': 'int16', '4s': 'int32', '8s': 'int64', '1u': 'uint8', '2u': 'uint16', '4u': 'uint32', '8u': 'uint64' };
const FLOAT_TYPES: Record<number, H5NumericType> = { 2: 'float16', 4: 'float32', 8: 'float64' };

/**
 * An HDF5 file opened from bytes, read through h5wasm. Every dataset's declared size is checked
 * against what the file can hold before its data is read, so a hostile header cannot make the
 * reader allocate more than the file (or a bounded multiple of it, for compressed data).
 */
export class H5Reader {
  private decoded = 0;
  private decodedFiltered = 0;

  private constructor(private readonly lib: H5Lib, private readonly file: InstanceType<H5Lib['h5']['File']>,
    private readonly scratch: string, private readonly fileBytes: number, private readonly limits: ReadLimits,
    readonly where: string) {}

  /** Opens `bytes` as HDF5; `where` names the file in errors. */
  static async open(bytes: Uint8Array, limits: ReadLimits, where: string): Promise<H5Reader> {
    if (bytes.byteLength > limits.maxFileBytes) throw new Error(`${where}: the file has ${bytes.byteLength} bytes, more than the limit of ${limits.maxFileBytes}`);
    const lib = await h5lib();
    const scratch = scratchPath();
    lib.fs.writeFile(scratch, bytes);
    try {
      const file = new lib.h5.File(scratch, 'r');
      return new H5Reader(lib, file, scratch, bytes.byteLength, limits, where);
    } catch (err) {
      lib.fs.unlink(scratch);
      throw new Error(`${where}: not a readable HDF5 file (${(err as Error).message})`, { cause: err });
    }
  }

  close(): void {
    try {
      this.file.close();
    } finally {
      this.lib.fs.unlink(this.scratch);
    }
  }

  private entity(path: string): Group | Dataset | null {
    if (path.split('/').filter(Boolean).length > this.limits.maxDepth) throw new Error(`${this.where}: '${path}' is nested deeper than ${this.limits.maxDepth} groups`);
    if (path === '' || path === '/') return this.file;
    try {
      return this.file.get(path) as Group | Dataset | null;
    } catch {
      return null;
    }
  }

  /** Whether a group exists at `path`. */
  isGroup(path: string): boolean {
    return this.entity(path) instanceof this.lib.h5.Group;
  }

  /** Whether a dataset exists at `path`. */
  isDataset(path: string): boolean {
    return this.entity(path) instanceof this.lib.h5.Dataset;
  }

  /** Names of the members of the group at `path`. */
  keys(path: string): string[] {
    const g = this.entity(path);
    if (!(g instanceof this.lib.h5.Group)) throw new Error(`${this.where}: no group '${path}'`);
    return g.keys();
  }

  attrNames(path: string): string[] {
    const e = this.entity(path);
    if (e === null) throw new Error(`${this.where}: no object '${path}'`);
    return Object.keys(e.attrs);
  }

  /** The attribute `name` of the object at `path`, or undefined when there is none. */
  attr(path: string, name: string): H5AttrValue | undefined {
    const e = this.entity(path);
    if (e === null) return undefined;
    const attrs = e.attrs;
    if (!(name in attrs)) return undefined;
    const a = attrs[name];
    if (a.metadata.total_size * a.metadata.size > this.fileBytes && !a.metadata.vlen) {
      throw new Error(`${this.where}: attribute '${name}' of '${path}' declares more data than the file holds`);
    }
    const v = a.value;
    if (typeof v === 'string' || typeof v === 'number') return v;
    if (typeof v === 'bigint') return Number(v);
    if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
    if (ArrayBuffer.isView(v)) return Array.from(v as ArrayLike<number | bigint>, Number);
    return null;
  }

  /** A dataset's shape and type, without reading its data. */
  datasetInfo(path: string): H5DatasetInfo {
    const d = this.entity(path);
    if (!(d instanceof this.lib.h5.Dataset)) throw new Error(`${this.where}: no dataset '${path}'`);
    const m = d.metadata;
    const shape = m.shape ?? [];
    let type: H5DatasetInfo['type'] = 'other';
    if (m.type === 0) type = INT_TYPES[`${m.size}${m.signed ? 's' : 'u'}`] ?? 'other';
    else if (m.type === 1) type = FLOAT_TYPES[m.size] ?? 'other';
    else if (m.type === 8 && m.size === 1) type = 'bool';
    const elements = shape.reduce((n, s) => n * s, 1);
    return { path, shape, type, bytes: elements * m.size, filtered: d.filters.length > 0 };
  }

  /**
   * Reads a numeric dataset as float32/int32 (the dtypes layerwise holds weights in); int64 and
   * float64 are narrowed. The declared size is checked against the file first.
   */
  read(path: string): { info: H5DatasetInfo; data: Float32Array | Int32Array } {
    const info = this.datasetInfo(path);
    if (info.type === 'other') throw new Error(`${this.where}: dataset '${path}' is not numeric`);
    if (info.filtered) {
      this.decodedFiltered += info.bytes;
      if (this.decodedFiltered > this.fileBytes * this.limits.maxExpansion) {
        throw new Error(`${this.where}: compressed dataset '${path}' (shape [${info.shape.join(', ')}]) would decode to more than ${this.limits.maxExpansion}x the file's ${this.fileBytes} bytes`);
      }
    } else {
      this.decoded += info.bytes;
      if (this.decoded > this.fileBytes) {
        throw new Error(`${this.where}: dataset '${path}' declares shape [${info.shape.join(', ')}] (${info.bytes} bytes), more data than the ${this.fileBytes}-byte file holds`);
      }
    }
    const d = this.entity(path) as Dataset;
    const raw = d.value as unknown;
    const integer = info.type.startsWith('int') || info.type.startsWith('uint') || info.type === 'bool';
    const n = info.shape.reduce((a, b) => a * b, 1);
    const out = integer ? new Int32Array(n) : new Float32Array(n);
    if (typeof raw === 'number' || typeof raw === 'bigint' || typeof raw === 'boolean') {
      out[0] = Number(raw);
    } else if (ArrayBuffer.isView(raw) && (raw as unknown as ArrayLike<unknown>).length === n) {
      const src = raw as unknown as ArrayLike<number | bigint>;
      for (let i = 0; i < n; i++) out[i] = Number(src[i]);
    } else {
      throw new Error(`${this.where}: dataset '${path}' did not decode to ${n} numbers`);
    }
    return { info, data: out };
  }
}

/** Opens `bytes`, runs `fn`, and always closes the file. */
export async function withH5<T>(bytes: Uint8Array, limits: ReadLimits, where: string, fn: (h5: H5Reader) => T | Promise<T>): Promise<T> {
  const reader = await H5Reader.open(bytes, limits, where);
  try {
    return await fn(reader);
  } finally {
    reader.close();
  }
}
