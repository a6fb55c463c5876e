import type { Group } from 'h5wasm';
import { h5lib, scratchPath, type H5Lib } from './module.js';

type H5File = InstanceType<H5Lib['h5']['File']>;

/** Data a dataset can be written from, with the HDF5 type h5py would give it. */
export type H5WriteData = Float32Array | Int32Array | BigInt64Array;

const DTYPE = (data: H5WriteData): string => (data instanceof Float32Array ? '<f' : data instanceof Int32Array ? '<i' : '<q');

/**
 * Writes an HDF5 file the way h5py does by default (superblock 0, libver 'earliest'), so files
 * read back in h5py and older HDF5 libraries: scalar strings as variable-length strings,
 * name lists as fixed-length strings sized to the longest name, empty lists as float64 [0].
 */
export class H5Writer {
  private constructor(private readonly lib: H5Lib, private readonly file: H5File, private readonly scratch: string) {}

  static async create(): Promise<H5Writer> {
    const lib = await h5lib();
    const scratch = scratchPath();
    const file = new lib.h5.File(scratch, 'w', { libver: ['earliest', 'v110'] });
    return new H5Writer(lib, file, scratch);
  }

  private group(path: string): Group {
    let g: Group = this.file;
    for (const part of path.split('/').filter(Boolean)) {
      const next = g.get(part);
      g = next instanceof this.lib.h5.Group ? next : g.create_group(part);
    }
    return g;
  }

  /** Creates the group at `path` (and its parents) if missing. */
  ensureGroup(path: string): void {
    this.group(path);
  }

  /** A scalar variable-length UTF-8 string attribute (h5py's `attrs[name] = 'text'`). */
  stringAttr(path: string, name: string, value: string): void {
    this.group(path).create_attribute(name, value);
  }

  /**
   * A list of names as fixed-length strings (h5py's `attrs[name] = [b'a', b'bc']`); an empty list
   * is a float64 array of length 0, as numpy makes of `[]`.
   */
  namesAttr(path: string, name: string, names: readonly string[]): void {
    const g = this.group(path);
    if (names.length === 0) {
      g.create_attribute(name, new Float64Array(0), [0], '<d');
      return;
    }
    const width = Math.max(1, ...names.map((n) => new TextEncoder().encode(n).length));
    g.create_attribute(name, names.slice(), [names.length], `A${width}`);
  }

  /** A dataset at `path` (parents created); a shape of [] is a scalar. */
  dataset(path: string, data: H5WriteData, shape: readonly number[]): void {
    const cut = path.lastIndexOf('/');
    const parent = cut <= 0 ? this.file : this.group(path.slice(0, cut));
    parent.create_dataset({ name: path.slice(cut + 1), data, shape: shape.slice(), dtype: DTYPE(data) });
  }

  /** Closes the file and returns its bytes. */
  finish(): Uint8Array {
    this.file.close();
    try {
      return this.lib.fs.readFile(this.scratch).slice();
    } finally {
      this.lib.fs.unlink(this.scratch);
    }
  }

  /** Closes and discards the file (after a failure). */
  discard(): void {
    try {
      this.file.close();
    } catch {
      // the file may already be unusable; the scratch copy is removed regardless
    }
    this.lib.fs.unlink(this.scratch);
  }
}
