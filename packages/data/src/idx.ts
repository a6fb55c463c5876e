import { ByteReader, openBytes, type ByteSource, type OpenBytesOptions } from './byte-source.js';
import { sizeOf } from './host-array.js';
import type { HostArray } from './types.js';

/** IDX element type codes: bytes per element and name. */
const IDX_TYPES: Record<number, { size: number; name: string }> = {
  0x08: { size: 1, name: 'uint8' },
  0x09: { size: 1, name: 'int8' },
  0x0b: { size: 2, name: 'int16' },
  0x0c: { size: 4, name: 'int32' },
  0x0d: { size: 4, name: 'float32' },
  0x0e: { size: 8, name: 'float64' },
};

async function* gunzip(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array, void, undefined> {
  const zlib = await import('node:zlib');
  const { Readable, pipeline } = await import('node:stream');
  const gz = zlib.createGunzip();
  // pipeline destroys the source when the gunzip stream is destroyed (early break).
  pipeline(Readable.from(chunks), gz, () => undefined);
  try {
    for await (const c of gz) yield c as Uint8Array;
  } finally {
    gz.destroy();
  }
}

/**
 * Streams an IDX file (the MNIST family), plain or gzipped, one sample at a time: a sample
 * is one slice along the first dimension. uint8 stays Uint8Array, int8/int16/int32 become
 * Int32Array, float32/float64 become Float32Array.
 */
export async function* readIdx(src: ByteSource, options: OpenBytesOptions = {}): AsyncGenerator<HostArray, void, undefined> {
  const raw = new ByteReader(openBytes(src, options)[Symbol.asyncIterator]());
  let reader = raw;
  try {
    const sniff = await raw.read(2);
    if (!sniff) throw new Error('fromIdx: empty file');
    raw.unshift(sniff);
    if (sniff[0] === 0x1f && sniff[1] === 0x8b) reader = new ByteReader(gunzip(raw.remaining())[Symbol.asyncIterator]());
    const head = await reader.read(4);
    if (!head || head[0] !== 0 || head[1] !== 0) throw new Error('fromIdx: not an IDX file (bad magic number)');
    const type = IDX_TYPES[head[2]];
    if (!type) throw new Error(`fromIdx: unknown IDX element type 0x${head[2].toString(16)}`);
    const ndims = head[3];
    const dimBytes = await reader.read(4 * ndims);
    if (!dimBytes && ndims > 0) throw new Error('fromIdx: truncated header');
    const dv = new DataView(dimBytes!.buffer, dimBytes!.byteOffset, 4 * ndims);
    const dims = Array.from({ length: ndims }, (_, i) => dv.getUint32(4 * i, false));
    const count = ndims === 0 ? 1 : dims[0];
    const shape = dims.slice(1);
    const n = sizeOf(shape);
    for (let s = 0; s < count; s++) {
      const bytes = await reader.read(n * type.size);
      if (!bytes) throw new Error(`fromIdx: file ends after ${s} of ${count} samples`);
      yield { data: decode(bytes, head[2], n), shape: shape.slice() };
    }
  } finally {
    await reader.close();
    if (reader !== raw) await raw.close();
  }
}

function decode(bytes: Uint8Array, code: number, n: number): Uint8Array | Int32Array | Float32Array {
  if (code === 0x08) return bytes;
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (code === 0x0d || code === 0x0e) {
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = code === 0x0d ? dv.getFloat32(4 * i, false) : dv.getFloat64(8 * i, false);
    return out;
  }
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = code === 0x09 ? dv.getInt8(i) : code === 0x0b ? dv.getInt16(2 * i, false) : dv.getInt32(4 * i, false);
  return out;
}
