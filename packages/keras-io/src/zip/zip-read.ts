import { crc32 } from './crc32.js';

/** One file of a zip archive, not yet extracted. */
interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  crc: number;
  headerOffset: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;

/**
 * A zip archive read from bytes (what Keras 3's `.keras` files are): stored and deflated
 * entries, every offset and size checked against the archive before anything is extracted.
 */
export class ZipReader {
  private readonly entries = new Map<string, ZipEntry>();
  private readonly view: DataView;

  constructor(private readonly bytes: Uint8Array, private readonly maxExpansion: number, private readonly where: string) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const eocd = this.findEocd();
    const count = this.view.getUint16(eocd + 10, true);
    const dirSize = this.view.getUint32(eocd + 12, true);
    let at = this.view.getUint32(eocd + 16, true);
    if (at + dirSize > eocd || count === 0xffff || at === 0xffffffff) this.fail('its central directory lies outside the file (or it is a zip64 archive, which is not supported)');
    for (let i = 0; i < count; i++) {
      if (at + 46 > eocd || this.view.getUint32(at, true) !== CENTRAL_SIGNATURE) this.fail(`central directory entry ${i} is damaged`);
      const nameLength = this.view.getUint16(at + 28, true);
      const extra = this.view.getUint16(at + 30, true);
      const comment = this.view.getUint16(at + 32, true);
      const entry: ZipEntry = {
        method: this.view.getUint16(at + 10, true),
        crc: this.view.getUint32(at + 16, true),
        compressedSize: this.view.getUint32(at + 20, true),
        size: this.view.getUint32(at + 24, true),
        headerOffset: this.view.getUint32(at + 42, true),
        name: new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      };
      this.entries.set(entry.name, entry);
      at += 46 + nameLength + extra + comment;
    }
  }

  private fail(why: string): never {
    throw new Error(`${this.where}: not a readable .keras (zip) archive: ${why}`);
  }

  private findEocd(): number {
    const min = Math.max(0, this.bytes.byteLength - 22 - 0xffff);
    for (let at = this.bytes.byteLength - 22; at >= min; at--) {
      if (this.view.getUint32(at, true) === EOCD_SIGNATURE) return at;
    }
    this.fail('no end-of-central-directory record');
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  names(): string[] {
    return [...this.entries.keys()];
  }

  /** The entry's contents, its CRC checked. */
  async read(name: string): Promise<Uint8Array> {
    const e = this.entries.get(name);
    if (!e) this.fail(`it has no '${name}'`);
    const h = e.headerOffset;
    if (h + 30 > this.bytes.byteLength || this.view.getUint32(h, true) !== LOCAL_SIGNATURE) this.fail(`the header of '${name}' is damaged`);
    const start = h + 30 + this.view.getUint16(h + 26, true) + this.view.getUint16(h + 28, true);
    if (start + e.compressedSize > this.bytes.byteLength) this.fail(`'${name}' extends past the end of the file`);
    const raw = this.bytes.subarray(start, start + e.compressedSize);
    let out: Uint8Array;
    if (e.method === 0) {
      if (e.size !== e.compressedSize) this.fail(`stored entry '${name}' has inconsistent sizes`);
      out = raw;
    } else if (e.method === 8) {
      if (e.size > this.bytes.byteLength * this.maxExpansion) this.fail(`'${name}' would inflate to ${e.size} bytes, more than ${this.maxExpansion}x the archive`);
      out = await inflate(raw, e.size, name, this.where);
    } else {
      this.fail(`'${name}' uses compression method ${e.method}; only stored and deflated entries are supported`);
    }
    if (crc32(out) !== e.crc) this.fail(`'${name}' fails its CRC check`);
    return out;
  }
}

async function inflate(raw: Uint8Array, size: number, name: string, where: string): Promise<Uint8Array> {
  const stream = new Blob([raw as BlobPart]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  const out = new Uint8Array(size);
  let at = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (at + value.byteLength > size) {
      await reader.cancel();
      throw new Error(`${where}: '${name}' inflates to more than the ${size} bytes its header declares`);
    }
    out.set(value, at);
    at += value.byteLength;
  }
  if (at !== size) throw new Error(`${where}: '${name}' inflates to ${at} bytes, not the ${size} its header declares`);
  return out;
}
