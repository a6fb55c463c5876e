import { describe, expect, it } from 'vitest';
import { Dataset, type HostArray } from '../src/index.js';
import { firstValues, plain } from './helpers.js';

const scalars = (n: number): Dataset<HostArray> => Dataset.fromArrays(Array.from({ length: n }, (_, i) => i));

describe('Dataset.fromArrays', () => {
  it('yields one sample at a time with the first axis removed', async () => {
    const ds = Dataset.fromArrays([[1, 2], [3, 4], [5, 6]], [[0], [1], [2]], [1, 0.5, 2]);
    const items = await ds.toArray();
    expect(items).toHaveLength(3);
    expect(items[1].map(plain)).toEqual([
      { data: [3, 4], shape: [2] },
      { data: [1], shape: [1] },
      { data: [0.5], shape: [] },
    ]);
    expect(items[1][0].data).toBeInstanceOf(Float32Array);
  });

  it('accepts HostArrays and keeps their dtype; x alone yields HostArrays', async () => {
    const x = { data: new Int32Array([1, 2, 3, 4, 5, 6]), shape: [3, 2] };
    const items = await Dataset.fromArrays(x).toArray();
    expect(items.map(plain)).toEqual([
      { data: [1, 2], shape: [2] },
      { data: [3, 4], shape: [2] },
      { data: [5, 6], shape: [2] },
    ]);
    expect(items[0].data).toBeInstanceOf(Int32Array);
  });

  it('rejects mismatched sample counts and ragged arrays', () => {
    expect(() => Dataset.fromArrays([1, 2, 3], [1, 2])).toThrow(/y has 2 samples, x has 3/);
    expect(() => Dataset.fromArrays([[1, 2], [3]])).toThrow(/ragged/);
  });
});

describe('Dataset ops', () => {
  it('fromGenerator restarts the generator on every iteration', async () => {
    let calls = 0;
    const ds = Dataset.fromGenerator(function* () {
      calls++;
      yield 1;
      yield 2;
    });
    expect(await ds.toArray()).toEqual([1, 2]);
    expect(await ds.toArray()).toEqual([1, 2]);
    expect(calls).toBe(2);
  });

  it('map (sync and async) and filter', async () => {
    const ds = Dataset.fromGenerator(() => [1, 2, 3, 4, 5, 6][Symbol.iterator]())
      .map((x) => x * 10)
      .filter(async (x) => x % 20 === 0)
      .map(async (x) => x + 1);
    expect(await ds.toArray()).toEqual([21, 41, 61]);
  });

  it('batch stacks along a new first axis, keeping structure, with and without dropRemainder', async () => {
    const ds = Dataset.fromArrays([[1, 2], [3, 4], [5, 6]], [7, 8, 9]);
    const batches = await ds.batch(2).toArray();
    expect(batches.map((b) => b.map(plain))).toEqual([
      [{ data: [1, 2, 3, 4], shape: [2, 2] }, { data: [7, 8], shape: [2] }],
      [{ data: [5, 6], shape: [1, 2] }, { data: [9], shape: [1] }],
    ]);
    expect(await ds.batch(2, { dropRemainder: true }).toArray()).toHaveLength(1);
    const records = Dataset.fromArrays([1, 2, 3]).map((x) => ({ a: x, b: { data: new Int32Array([5]), shape: [1] } }));
    const [r] = await records.batch(3).toArray();
    expect(plain(r.a)).toEqual({ data: [1, 2, 3], shape: [3] });
    expect(plain(r.b)).toEqual({ data: [5, 5, 5], shape: [3, 1] });
    expect(r.b.data).toBeInstanceOf(Int32Array);
  });

  it('batch names the mismatch when shapes differ', async () => {
    const ds = Dataset.fromGenerator(function* () {
      yield { data: new Float32Array(2), shape: [2] };
      yield { data: new Float32Array(3), shape: [3] };
    });
    await expect(ds.batch(2).toArray()).rejects.toThrow(/element 1 does not match .*\[2\]/);
  });

  it('take, skip, repeat', async () => {
    const ds = scalars(5);
    expect(firstValues(await ds.take(2).toArray())).toEqual([0, 1]);
    expect(firstValues(await ds.skip(3).toArray())).toEqual([3, 4]);
    expect(firstValues(await ds.take(2).repeat(3).toArray())).toEqual([0, 1, 0, 1, 0, 1]);
    expect(firstValues(await ds.repeat().take(12).toArray())).toEqual([0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 0, 1]);
    expect(await Dataset.fromGenerator(() => [][Symbol.iterator]()).repeat().toArray()).toEqual([]);
  });

  it('take stops pulling from the source', async () => {
    let pulled = 0;
    const ds = Dataset.fromGenerator(function* () {
      for (let i = 0; ; i++) {
        pulled++;
        yield i;
      }
    });
    expect(await ds.take(3).toArray()).toEqual([0, 1, 2]);
    expect(pulled).toBe(3);
  });

  it('shuffle with a seed: a permutation, reproducible, different each iteration', async () => {
    const make = () => scalars(50).shuffle(10, 42);
    const a = make();
    const b = make();
    const a1 = firstValues(await a.toArray());
    const a2 = firstValues(await a.toArray());
    expect(firstValues(await b.toArray())).toEqual(a1);
    expect(firstValues(await b.toArray())).toEqual(a2);
    expect([...a1].sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(a1).not.toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(a2).not.toEqual(a1);
    expect(firstValues(await scalars(50).shuffle(10, 43).toArray())).not.toEqual(a1);
    const fixed = scalars(50).shuffle(10, 42, false);
    expect(firstValues(await fixed.toArray())).toEqual(firstValues(await fixed.toArray()));
  });

  it('shuffle is buffered: an element never moves earlier than bufferSize-1 places', async () => {
    const out = firstValues(await scalars(100).shuffle(4, 1).toArray());
    out.forEach((v, pos) => expect(v).toBeLessThanOrEqual(pos + 3));
  });

  it('prefetch delivers everything in order and stays within its bound', async () => {
    let pulled = 0;
    let consumed = 0;
    let maxAhead = 0;
    const ds = Dataset.fromGenerator(async function* () {
      for (let i = 0; i < 20; i++) {
        pulled++;
        maxAhead = Math.max(maxAhead, pulled - consumed);
        yield i;
      }
    }).prefetch(3);
    const seen: number[] = [];
    for await (const x of ds) {
      consumed++;
      seen.push(x);
      await new Promise((r) => setTimeout(r, 1));
    }
    expect(seen).toEqual(Array.from({ length: 20 }, (_, i) => i));
    // 3 queued ahead, plus the one the generator body is producing when counted.
    expect(maxAhead).toBeLessThanOrEqual(4);
    expect(maxAhead).toBeGreaterThanOrEqual(3);
  });

  it('breaking out of a pipeline closes the source', async () => {
    let closed = false;
    const ds = Dataset.fromGenerator(function* () {
      try {
        for (let i = 0; ; i++) yield i;
      } finally {
        closed = true;
      }
    })
      .map((x) => x + 1)
      .prefetch(2);
    for await (const x of ds) if (x >= 3) break;
    expect(closed).toBe(true);
  });

  it('zip pairs datasets and ends with the shortest', async () => {
    const z = Dataset.zip(scalars(3), scalars(5).map((h) => h.data[0] * 2));
    const items = await z.toArray();
    expect(items.map(([h, y]) => [h.data[0], y])).toEqual([[0, 0], [1, 2], [2, 4]]);
  });
});
