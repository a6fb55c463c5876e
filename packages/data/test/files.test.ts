import { createReadStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dataset } from '../src/index.js';
import { plain } from './helpers.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'layerwise-data-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const CSV_LINE = '0.5,1.5,2.5,1\n';

describe('Dataset.fromCsv', () => {
  it('reads [features, label] by column name, every epoch afresh', async () => {
    const path = join(dir, 'small.csv');
    await writeFile(path, 'a,b,c,label\r\n1,2,3,0\r\n4,5,6,1\r\n\r\n7,8,9,2\r\n');
    const ds = Dataset.fromCsv(path, { label: 'label' });
    for (let epoch = 0; epoch < 2; epoch++) {
      const rows = await ds.toArray();
      expect(rows.map(([f, l]) => [plain(f), plain(l)])).toEqual([
        [{ data: [1, 2, 3], shape: [3] }, { data: [0], shape: [1] }],
        [{ data: [4, 5, 6], shape: [3] }, { data: [1], shape: [1] }],
        [{ data: [7, 8, 9], shape: [3] }, { data: [2], shape: [1] }],
      ]);
    }
    const batched = await Dataset.fromCsv(pathToFileURL(path), { label: 'label', columns: ['c', 'a'] }).batch(3).toArray();
    expect(plain(batched[0][0])).toEqual({ data: [3, 1, 6, 4, 9, 7], shape: [3, 2] });
    expect(plain(batched[0][1])).toEqual({ data: [0, 1, 2], shape: [3, 1] });
  });

  it('handles no header, a custom delimiter, quoted fields, several label columns, features only', async () => {
    const path = join(dir, 'semi.csv');
    await writeFile(path, '"1";2;3\n4;"5";6\n');
    const rows = await Dataset.fromCsv(path, { header: false, delimiter: ';', label: [1, 2] }).toArray();
    expect(rows.map(([f, l]) => [plain(f), plain(l)])).toEqual([
      [{ data: [1], shape: [1] }, { data: [2, 3], shape: [2] }],
      [{ data: [4], shape: [1] }, { data: [5, 6], shape: [2] }],
    ]);
    const feats = await Dataset.fromCsv(path, { header: false, delimiter: ';' }).toArray();
    expect(feats.map(plain)).toEqual([{ data: [1, 2, 3], shape: [3] }, { data: [4, 5, 6], shape: [3] }]);
  });

  it('names the line and column of a non-numeric value, and unknown columns', async () => {
    const path = join(dir, 'bad.csv');
    await writeFile(path, 'x,y\n1,2\n3,abc\n');
    await expect(Dataset.fromCsv(path, { label: 'y' }).toArray()).rejects.toThrow(/line 3, column "y": "abc" is not a number/);
    await expect(Dataset.fromCsv(path, { label: 'z' }).toArray()).rejects.toThrow(/no column named "z"/);
  });

  it('streams a 50 MB file: take(3) reads only the first chunk', async () => {
    const path = join(dir, 'big.csv');
    const lines = 50 * 1024 * 1024 / CSV_LINE.length;
    await writeFile(path, 'a,b,c,y\n' + CSV_LINE.repeat(lines));
    let bytesRead = 0;
    let closed = false;
    async function* counted() {
      const stream = createReadStream(path, { highWaterMark: 16 * 1024 });
      try {
        for await (const chunk of stream) {
          bytesRead += chunk.length;
          yield chunk as Uint8Array;
        }
      } finally {
        closed = true;
        stream.destroy();
      }
    }
    const rows = await Dataset.fromCsv(counted(), { label: 'y' }).take(3).toArray();
    expect(rows).toHaveLength(3);
    expect(bytesRead).toBe(16 * 1024);
    expect(closed).toBe(true);
  });

  it('streams from an http URL: take(3) cancels the body long before 50 MB', async () => {
    const total = 50 * 1024 * 1024;
    let produced = 0;
    const server = createServer();
    const closed = new Promise<void>((resolveClosed) => {
      server.on('request', (_req, res) => {
        const body = new Readable({
          read() {
            if (produced >= total) return this.push(null);
            const chunk = CSV_LINE.repeat(1024);
            produced += chunk.length;
            this.push(chunk);
          },
        });
        res.on('close', () => resolveClosed());
        res.writeHead(200, { 'content-type': 'text/csv' });
        res.write('a,b,c,y\n');
        body.pipe(res);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/data.csv`;
      const rows = await Dataset.fromCsv(url, { label: 'y' }).take(3).toArray();
      expect(rows.map(([f, l]) => [Array.from(f.data), Array.from(l.data)])).toEqual(Array(3).fill([[0.5, 1.5, 2.5], [1]]));
      await closed;
      // Only what socket buffers and the fetch stream hold ahead was ever produced.
      expect(produced).toBeLessThan(total / 4);
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});

/** An IDX file: magic (0, 0, type, ndims), big-endian uint32 dims, then big-endian data. */
function idx(type: number, dims: number[], values: number[]): Buffer {
  const size = { 0x08: 1, 0x0b: 2, 0x0c: 4, 0x0d: 4 }[type]!;
  const buf = Buffer.alloc(4 + 4 * dims.length + size * values.length);
  buf.writeUInt8(type, 2);
  buf.writeUInt8(dims.length, 3);
  dims.forEach((d, i) => buf.writeUInt32BE(d, 4 + 4 * i));
  let o = 4 + 4 * dims.length;
  for (const v of values) {
    if (type === 0x08) buf.writeUInt8(v, o);
    else if (type === 0x0b) buf.writeInt16BE(v, o);
    else if (type === 0x0c) buf.writeInt32BE(v, o);
    else buf.writeFloatBE(v, o);
    o += size;
  }
  return buf;
}

describe('Dataset.fromIdx', () => {
  const pixels = Array.from({ length: 3 * 2 * 2 }, (_, i) => i * 10);

  it('reads an MNIST-style uint8 image file one sample at a time, plain and gzipped', async () => {
    await writeFile(join(dir, 'images.idx'), idx(0x08, [3, 2, 2], pixels));
    await writeFile(join(dir, 'images.idx.gz'), gzipSync(idx(0x08, [3, 2, 2], pixels)));
    for (const name of ['images.idx', 'images.idx.gz']) {
      const samples = await Dataset.fromIdx(join(dir, name)).toArray();
      expect(samples.map(plain)).toEqual([
        { data: [0, 10, 20, 30], shape: [2, 2] },
        { data: [40, 50, 60, 70], shape: [2, 2] },
        { data: [80, 90, 100, 110], shape: [2, 2] },
      ]);
      expect(samples[0].data).toBeInstanceOf(Uint8Array);
    }
  });

  it('zips images with labels into batches; reads int16/int32/float32 files', async () => {
    await writeFile(join(dir, 'labels.idx.gz'), gzipSync(idx(0x08, [3], [7, 2, 1])));
    const ds = Dataset.zip(Dataset.fromIdx(join(dir, 'images.idx')), Dataset.fromIdx(join(dir, 'labels.idx.gz'))).batch(2);
    const [[x, y]] = await ds.take(1).toArray();
    expect(x.shape).toEqual([2, 2, 2]);
    expect(plain(y)).toEqual({ data: [7, 2], shape: [2] });

    await writeFile(join(dir, 'i16.idx'), idx(0x0b, [2, 2], [-3, 300, 4, -5]));
    expect((await Dataset.fromIdx(join(dir, 'i16.idx')).toArray()).map(plain)).toEqual([
      { data: [-3, 300], shape: [2] },
      { data: [4, -5], shape: [2] },
    ]);
    await writeFile(join(dir, 'i32.idx'), idx(0x0c, [1, 1], [-70000]));
    const [i32] = await Dataset.fromIdx(join(dir, 'i32.idx')).toArray();
    expect(i32.data).toBeInstanceOf(Int32Array);
    expect(Array.from(i32.data)).toEqual([-70000]);
    await writeFile(join(dir, 'f32.idx.gz'), gzipSync(idx(0x0d, [2], [1.5, -2.25])));
    const floats = await Dataset.fromIdx(join(dir, 'f32.idx.gz')).toArray();
    expect(floats.map(plain)).toEqual([{ data: [1.5], shape: [] }, { data: [-2.25], shape: [] }]);
  });

  it('reports a truncated file and a bad magic number', async () => {
    await writeFile(join(dir, 'short.idx'), idx(0x08, [3, 2, 2], pixels).subarray(0, 4 + 12 + 6));
    await expect(Dataset.fromIdx(join(dir, 'short.idx')).toArray()).rejects.toThrow(/unexpected end of data/);
    await writeFile(join(dir, 'junk.idx'), Buffer.from('hello world'));
    await expect(Dataset.fromIdx(join(dir, 'junk.idx')).toArray()).rejects.toThrow(/bad magic/);
  });
});
