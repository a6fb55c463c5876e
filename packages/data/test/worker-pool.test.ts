// Worker threads run the built worker-entry.js, so these tests use the built package
// (vitest's globalSetup runs tsc first).
import { describe, expect, it } from 'vitest';
import { createBatchSource, WorkerPool, type Batch, type HostArray } from '../dist/index.js';

const fixtures = new URL('./fixtures/sequences.mjs', import.meta.url).href;
const spec = (exportName: string, args: unknown[] = []) => ({ moduleUrl: fixtures, exportName, args });

type Pair = [HostArray, HostArray];

async function collect(iter: AsyncIterable<Batch>): Promise<Batch[]> {
  const out: Batch[] = [];
  for await (const b of iter) out.push(b);
  return out;
}

describe('WorkerPool via createBatchSource({ useMultiprocessing: true })', () => {
  for (const transfer of [false, true]) {
    it(`delivers items in index order from 2 workers, ${transfer ? 'transfers' : 'copies'} buffers, forwards onEpochEnd`, async () => {
      const src = await createBatchSource(spec('IndexSequence', [8]), { useMultiprocessing: true, workers: 2, maxQueueSize: 4, transfer });
      try {
        expect(src.stepsPerEpoch).toBe(8);
        for (let epoch = 0; epoch < 2; epoch++) {
          const items = (await collect(src.epoch(epoch))) as Pair[];
          expect(items.map(([x]) => Array.from(x.data))).toEqual(Array.from({ length: 8 }, (_, i) => [i, i, i]));
          const meta = items.map(([, y]) => Array.from(y.data));
          // y = [i, prevDetached, threadId, epochEnds seen by that worker]
          expect(meta.map((m) => m[0])).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
          // After a worker's first item, the array it returned before is detached when it was
          // transferred and intact when it was copied.
          const seen = epoch === 0 ? meta.filter((m) => m[1] !== -1) : meta;
          expect(seen.length).toBeGreaterThanOrEqual(6);
          expect(seen.every((m) => m[1] === (transfer ? 1 : 0))).toBe(true);
          expect(meta.every((m) => m[3] === epoch)).toBe(true);
          expect(items[0][0].data).toBeInstanceOf(Float32Array);
        }
      } finally {
        await src.close();
      }
    });
  }

  it('runs exactly 2 getItem calls at once with 2 workers (shared-memory counter)', async () => {
    const shared = new SharedArrayBuffer(4 * (2 + 12));
    const counters = new Int32Array(shared);
    const src = await createBatchSource(spec('ConcurrencySequence', [shared, 12]), { useMultiprocessing: true, workers: 2 });
    try {
      const items = (await collect(src.epoch(0))) as HostArray[];
      expect(items.map((h) => h.data[0])).toEqual(Array.from({ length: 12 }, (_, i) => i));
      expect(Atomics.load(counters, 1)).toBe(2); // most in flight at once
      expect(Atomics.load(counters, 0)).toBe(0); // none left running
    } finally {
      await src.close();
    }
  });

  it('keeps `depth` requests posted to a busy worker, which still runs one getItem at a time', async () => {
    const shared = new SharedArrayBuffer(8);
    const gate = new Int32Array(shared);
    const pool = await WorkerPool.create(spec('GatedSequence', [shared]), { workers: 1, depth: 2 });
    try {
      expect(pool.capacity).toBe(2);
      const pending = [0, 1, 2].map((i) => pool.getItem(i));
      while (Atomics.load(gate, 1) === 0) await new Promise((r) => setTimeout(r, 5));
      // Item 0 runs (blocked on the gate); item 1 already waits in the worker's mailbox; item 2 waits here.
      expect(pool.outstanding).toBe(2);
      expect(Atomics.load(gate, 1)).toBe(1);
      Atomics.store(gate, 0, 1);
      Atomics.notify(gate, 0);
      expect((await Promise.all(pending)).map((b) => (b as HostArray).data[0])).toEqual([0, 1, 2]);
      expect(pool.outstanding).toBe(0);
      expect(Atomics.load(gate, 1)).toBe(3);
    } finally {
      await pool.close();
    }
  });

  it('shuffles indices with a seed, the same order as on the main thread', async () => {
    const opts = { shuffle: true, seed: 7, workers: 2 };
    const inWorkers = await createBatchSource(spec('IndexSequence', [10]), { ...opts, useMultiprocessing: true });
    const onMain = await createBatchSource(spec('IndexSequence', [10]), opts);
    try {
      const order = async (s: typeof onMain) => ((await collect(s.epoch(0))) as Pair[]).map(([x]) => x.data[0]);
      const a = await order(inWorkers);
      expect(a).toEqual(await order(onMain));
      expect([...a].sort((p, q) => p - q)).toEqual(Array.from({ length: 10 }, (_, i) => i));
      expect(a).not.toEqual(Array.from({ length: 10 }, (_, i) => i));
    } finally {
      await Promise.all([inWorkers.close(), onMain.close()]);
    }
  });

  it('surfaces an exception from getItem with its name, message and original stack', async () => {
    const src = await createBatchSource(spec('ThrowingSequence'), { useMultiprocessing: true, workers: 2 });
    const seen: number[] = [];
    let caught: unknown;
    try {
      for await (const b of src.epoch(0)) seen.push((b as HostArray).data[0]);
    } catch (e) {
      caught = e;
    } finally {
      await src.close();
    }
    expect(seen).toEqual([0, 1]);
    expect(caught).toBeInstanceOf(Error);
    expect((caught as Error).name).toBe('RangeError');
    expect((caught as Error).message).toBe('bad item 2');
    expect((caught as Error).stack).toContain('explodeInsideGetItem');
    expect((caught as Error).stack).toContain('sequences.mjs');
  });

  it('reports a worker that calls process.exit(3) as died with code 3 and terminates the rest', async () => {
    const pool = await WorkerPool.create(spec('ExitingSequence'), { workers: 2 });
    expect(pool.alive).toBe(2);
    const results = await Promise.allSettled([0, 1, 2, 3, 4, 5].map((i) => pool.getItem(i)));
    const failed = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
    expect(failed.length).toBeGreaterThan(0);
    expect(String(failed[0].reason.message)).toMatch(/worker \d died with exit code 3/);
    await pool.close();
    expect(pool.alive).toBe(0);
    await expect(pool.getItem(0)).rejects.toThrow(/died with exit code 3/);

    const src = await createBatchSource(spec('ExitingSequence'), { useMultiprocessing: true, workers: 2 });
    await expect(collect(src.epoch(0))).rejects.toThrow(/died with exit code 3/);
    await src.close();
  });

  it('close() terminates every worker and later calls reject', async () => {
    const pool = await WorkerPool.create(spec('IndexSequence', [4]), { workers: 2 });
    expect(pool.length).toBe(4);
    expect(pool.alive).toBe(2);
    await pool.getItem(1);
    await pool.close();
    expect(pool.alive).toBe(0);
    await expect(pool.getItem(0)).rejects.toThrow(/closed/);
  });

  it('fails to start with a clear message when the export is missing', async () => {
    await expect(WorkerPool.create(spec('NoSuchSequence'), { workers: 2 })).rejects.toThrow(/has no export "NoSuchSequence"/);
  });

  it('accepts a Sequence instance whose class declares a static moduleUrl', async () => {
    const { SelfDescribingSequence } = await import('./fixtures/sequences.mjs');
    const seq = new SelfDescribingSequence(4);
    const src = await createBatchSource(seq, { useMultiprocessing: true, workers: 2 });
    try {
      const e0 = (await collect(src.epoch(0))) as Pair[];
      const e1 = (await collect(src.epoch(1))) as Pair[];
      expect(e0.map(([x]) => x.data[0])).toEqual([0, 1, 2, 3]);
      expect(e1.map(([, y]) => y.data[3])).toEqual([1, 1, 1, 1]); // workers saw onEpochEnd
      expect(seq.mainThreadEpochEnds).toBe(2); // and so did the main-thread instance
    } finally {
      await src.close();
    }
  });

  it('refuses useMultiprocessing for a Sequence it cannot load by URL, and for generators', async () => {
    const seq = { length: 2, getItem: (i: number) => ({ data: new Float32Array([i]), shape: [1] }) };
    await expect(createBatchSource(seq, { useMultiprocessing: true })).rejects.toThrow(/loadable by module URL/);
    await expect(createBatchSource([1, 2, 3], { useMultiprocessing: true })).rejects.toThrow(/needs a Sequence/);
  });
});
