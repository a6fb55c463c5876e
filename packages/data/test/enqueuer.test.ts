import { describe, expect, it } from 'vitest';
import { createBatchSource, Dataset, Sequence, type BatchSource, type EpochResult, type HostArray } from '../src/index.js';

const h = (v: number): HostArray => ({ data: new Float32Array([v]), shape: [1] });

async function drain<T>(gen: AsyncGenerator<T, EpochResult>): Promise<{ items: T[]; result: EpochResult }> {
  const items: T[] = [];
  for (;;) {
    const r = await gen.next();
    if (r.done) return { items, result: r.value };
    items.push(r.value);
  }
}

const values = (items: HostArray[]) => items.map((x) => x.data[0]);

class LoggingSequence extends Sequence<HostArray> {
  log: string[] = [];
  inFlight = 0;
  maxInFlight = 0;
  constructor(private readonly n: number) {
    super();
  }
  get length(): number {
    return this.n;
  }
  async getItem(i: number): Promise<HostArray> {
    this.log.push(`get ${i}`);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    await new Promise((r) => setTimeout(r, 1 + ((i * 7) % 3)));
    this.inFlight--;
    return h(i);
  }
  override onEpochEnd(): void {
    this.log.push('epochEnd');
  }
}

describe('createBatchSource with a Sequence on the main thread', () => {
  it('runs `workers` getItem calls at once, in index order, one pass per epoch', async () => {
    const seq = new LoggingSequence(9);
    const src = await createBatchSource(seq, { workers: 3 });
    expect(src.kind).toBe('sequence');
    expect(src.stepsPerEpoch).toBe(9);
    const { items, result } = await drain(src.epoch(0));
    expect(values(items as HostArray[])).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(result).toEqual({ steps: 9, exhausted: false });
    expect(seq.maxInFlight).toBe(3);
    await src.close();
  });

  it('calls onEpochEnd after each pass, before the next pass starts', async () => {
    const seq = new LoggingSequence(3);
    const src = await createBatchSource(seq, { workers: 2, maxQueueSize: 10 });
    for (let e = 0; e < 2; e++) await drain(src.epoch(e));
    const ends = seq.log.map((l, i) => (l === 'epochEnd' ? i : -1)).filter((i) => i >= 0);
    expect(ends).toHaveLength(2);
    expect(seq.log.slice(0, ends[0]).sort()).toEqual(['get 0', 'get 1', 'get 2']);
    expect(seq.log.slice(ends[0] + 1, ends[1]).sort()).toEqual(['get 0', 'get 1', 'get 2']);
    await src.close();
  });

  it('shuffles with a seed: a new order every epoch, the same orders for the same seed', async () => {
    const orders = async (seed: number) => {
      const src = await createBatchSource(new LoggingSequence(12), { shuffle: true, seed });
      const out = [values((await drain(src.epoch(0))).items as HostArray[]), values((await drain(src.epoch(1))).items as HostArray[])];
      await src.close();
      return out;
    };
    const [a0, a1] = await orders(3);
    const [b0, b1] = await orders(3);
    expect(b0).toEqual(a0);
    expect(b1).toEqual(a1);
    expect(a1).not.toEqual(a0);
    expect([...a0].sort((p, q) => p - q)).toEqual(Array.from({ length: 12 }, (_, i) => i));
    const plainOrder = await createBatchSource(new LoggingSequence(5));
    expect(values((await drain(plainOrder.epoch(0))).items as HostArray[])).toEqual([0, 1, 2, 3, 4]);
  });

  it('with steps < length, carries on through the pass across epochs (as Keras)', async () => {
    const seq = new LoggingSequence(5);
    const src = await createBatchSource(seq, { steps: 3 });
    expect(src.stepsPerEpoch).toBe(3);
    expect(values((await drain(src.epoch(0))).items as HostArray[])).toEqual([0, 1, 2]);
    expect(values((await drain(src.epoch(1))).items as HostArray[])).toEqual([3, 4, 0]);
    expect(seq.log.filter((l) => l === 'epochEnd')).toHaveLength(1);
    await src.close();
  });

  it('a consumer that breaks after the last batch of a pass still gets onEpochEnd and a full next pass', async () => {
    const seq = new LoggingSequence(3);
    const src = await createBatchSource(seq);
    for await (const b of src.epoch(0)) if (b.data[0] === 2) break;
    expect(seq.log.filter((l) => l === 'epochEnd')).toHaveLength(0);
    expect(values((await drain(src.epoch(1))).items as HostArray[])).toEqual([0, 1, 2]);
    expect(seq.log.filter((l) => l === 'epochEnd')).toHaveLength(2);
    await src.close();
  });

  it('surfaces an error from getItem (again on later epochs) and accepts a SequenceSpec', async () => {
    const bad = { length: 3, getItem: (i: number) => (i === 1 ? Promise.reject(new Error('no item 1')) : h(i)) };
    const src = await createBatchSource(bad);
    await expect(drain(src.epoch(0))).rejects.toThrow('no item 1');
    await expect(drain(src.epoch(1))).rejects.toThrow('no item 1');
    await src.close();
    const fromSpec = await createBatchSource({
      moduleUrl: new URL('./fixtures/sequences.mjs', import.meta.url).href,
      exportName: 'IndexSequence',
      args: [3],
    });
    expect((await drain(fromSpec.epoch(0))).items).toHaveLength(3);
    await fromSpec.close();
  });
});

describe('createBatchSource with iterators', () => {
  function* counter(n: number) {
    for (let i = 0; i < n; i++) yield h(i);
  }

  it('pulls a generator continuously across epochs; an exhausted generator ends the stream', async () => {
    const src = await createBatchSource(counter(7), { steps: 3 });
    expect(src.kind).toBe('iterator');
    const e0 = await drain(src.epoch(0));
    const e1 = await drain(src.epoch(1));
    const e2 = await drain(src.epoch(2));
    expect(values(e0.items as HostArray[])).toEqual([0, 1, 2]);
    expect(values(e1.items as HostArray[])).toEqual([3, 4, 5]);
    expect(values(e2.items as HostArray[])).toEqual([6]);
    expect(e2.result).toEqual({ steps: 1, exhausted: true });
    expect(src.exhausted).toBe(true);
    expect((await drain(src.epoch(3))).result).toEqual({ steps: 0, exhausted: true });
    await src.close();
  });

  it('a generator function without steps is pulled until it ends', async () => {
    const src = await createBatchSource(() => counter(4));
    expect(src.stepsPerEpoch).toBeUndefined();
    const e0 = await drain(src.epoch(0));
    expect(e0.result).toEqual({ steps: 4, exhausted: true });
    await src.close();
  });

  it('an infinite async generator is pulled "forever", never more than maxQueueSize ahead', async () => {
    let pulled = 0;
    let consumed = 0;
    let maxAhead = 0;
    const src = await createBatchSource(
      async function* () {
        for (let i = 0; ; i++) {
          pulled++;
          maxAhead = Math.max(maxAhead, pulled - consumed);
          yield h(i);
        }
      },
      { steps: 10, maxQueueSize: 3 },
    );
    const seen: number[] = [];
    for (let e = 0; e < 3; e++) {
      for await (const b of src.epoch(e)) {
        consumed++;
        seen.push((b as HostArray).data[0]);
        await new Promise((r) => setTimeout(r, 0));
      }
    }
    expect(seen).toEqual(Array.from({ length: 30 }, (_, i) => i));
    // 3 queued, plus the one in transit to the consumer when counted at the source.
    expect(maxAhead).toBeLessThanOrEqual(4);
    await src.close();
  });

  it('re-iterates a Dataset (or array) every epoch when no steps are given', async () => {
    const ds = Dataset.fromArrays([1, 2, 3, 4, 5]).batch(2);
    const src = await createBatchSource(ds);
    for (let e = 0; e < 2; e++) {
      const { items, result } = await drain(src.epoch(e));
      expect(items.map((b) => Array.from((b as HostArray).data))).toEqual([[1, 2], [3, 4], [5]]);
      expect(result).toEqual({ steps: 3, exhausted: false });
    }
    await src.close();
    const arr = await createBatchSource([h(1), h(2)]);
    expect(values((await drain(arr.epoch(0))).items as HostArray[])).toEqual([1, 2]);
    expect(values((await drain(arr.epoch(1))).items as HostArray[])).toEqual([1, 2]);
    await arr.close();
  });

  it('a Dataset with steps is one stream across epochs', async () => {
    const src = await createBatchSource(Dataset.fromArrays([0, 1, 2, 3, 4]).repeat(), { steps: 3 });
    expect(values((await drain(src.epoch(0))).items as HostArray[])).toEqual([0, 1, 2]);
    expect(values((await drain(src.epoch(1))).items as HostArray[])).toEqual([3, 4, 0]);
    await src.close();
  });

  it('breaking out of an epoch loses no batches; close() closes the generator', async () => {
    let closed = false;
    const gen = (function* () {
      try {
        for (let i = 0; ; i++) yield h(i);
      } finally {
        closed = true;
      }
    })();
    const src: BatchSource = await createBatchSource(gen, { steps: 5 });
    for await (const b of src.epoch(0)) if ((b as HostArray).data[0] === 1) break;
    expect(values((await drain(src.epoch(1))).items as HostArray[])).toEqual([2, 3, 4, 5, 6]);
    expect(closed).toBe(false);
    await src.close();
    expect(closed).toBe(true);
    await expect(drain(src.epoch(2))).rejects.toThrow(/closed/);
  });
});
