import { describe, expect, it } from 'vitest';
import { PrefetchQueue } from '../src/index.js';

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('PrefetchQueue', () => {
  it('never runs more than maxQueueSize items ahead of the consumer', async () => {
    let pulled = 0;
    let consumed = 0;
    let maxAhead = 0;
    // Measured against what the queue has handed over (q.delivered): an item handed over is
    // the consumer's, even while its promise is still on its way to the loop body.
    const source: Iterator<number> = {
      next() {
        pulled++;
        maxAhead = Math.max(maxAhead, pulled - q.delivered);
        return pulled <= 30 ? { done: false, value: pulled - 1 } : { done: true, value: undefined };
      },
    };
    const q = PrefetchQueue.fromIterator(source, { maxQueueSize: 4, concurrency: 2 });
    const seen: number[] = [];
    for await (const x of q) {
      consumed++;
      seen.push(x);
      for (let i = 0; i < 3; i++) await tick(); // a slow consumer: the queue fills up meanwhile
      expect(pulled - consumed).toBeLessThanOrEqual(4);
      expect(consumed).toBe(q.delivered);
    }
    expect(seen).toEqual(Array.from({ length: 30 }, (_, i) => i));
    expect(maxAhead).toBe(4);
  });

  it('keeps exactly `concurrency` calls in flight and delivers in index order', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const getItem = async (i: number) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      // later items of each group of three finish first, to scramble completion order
      await new Promise((r) => setTimeout(r, 3 - (i % 3)));
      inFlight--;
      return i * 10;
    };
    const indices = [5, 3, 8, 0, 1, 9, 2, 7, 6, 4];
    const q = PrefetchQueue.fromIndices(indices, getItem, { maxQueueSize: 10, concurrency: 3 });
    const seen: number[] = [];
    for await (const x of q) seen.push(x);
    expect(seen).toEqual(indices.map((i) => i * 10));
    expect(maxInFlight).toBe(3);
  });

  it('with concurrency 1, one call at a time', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const q = PrefetchQueue.fromIndices([0, 1, 2, 3], async (i) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await tick();
      inFlight--;
      return i;
    });
    const seen: number[] = [];
    for await (const x of q) seen.push(x);
    expect(seen).toEqual([0, 1, 2, 3]);
    expect(maxInFlight).toBe(1);
  });

  it('delivers items before a failure, then the original error, and stops pulling', async () => {
    let pulls = 0;
    function failingLoader(i: number): number {
      pulls++;
      if (i === 3) throw new TypeError('item 3 is broken');
      return i;
    }
    const q = PrefetchQueue.fromIndices(Array.from({ length: 100 }, (_, i) => i), async (i) => failingLoader(i), {
      maxQueueSize: 5,
      concurrency: 2,
    });
    const seen: number[] = [];
    let caught: unknown;
    try {
      for await (const x of q) seen.push(x);
    } catch (e) {
      caught = e;
    }
    expect(seen).toEqual([0, 1, 2]);
    expect(caught).toBeInstanceOf(TypeError);
    expect((caught as Error).message).toBe('item 3 is broken');
    expect((caught as Error).stack).toContain('failingLoader');
    const pullsAtError = pulls;
    expect(pullsAtError).toBeLessThanOrEqual(3 + 1 + 5);
    for (let i = 0; i < 5; i++) await tick();
    expect(pulls).toBe(pullsAtError);
    expect(await q.next()).toEqual({ done: true, value: undefined });
  });

  it('a pull that throws synchronously is reported the same way', async () => {
    const q = new PrefetchQueue<number>(() => {
      throw new Error('sync boom');
    });
    await expect(q.next()).rejects.toThrow('sync boom');
  });

  it('closing early stops pulls, settles in-flight calls and closes the source', async () => {
    let pulls = 0;
    let settled = 0;
    let returned = false;
    const source: AsyncIterator<number> = {
      async next() {
        const i = pulls++;
        await tick();
        settled++;
        return { done: false, value: i };
      },
      async return() {
        returned = true;
        return { done: true, value: undefined };
      },
    };
    const q = PrefetchQueue.fromIterator(source, { maxQueueSize: 6, concurrency: 3 });
    for await (const x of q) if (x === 2) break; // for-await calls q.return()
    expect(returned).toBe(true);
    expect(settled).toBe(pulls); // nothing left dangling
    const pullsAtClose = pulls;
    for (let i = 0; i < 5; i++) await tick();
    expect(pulls).toBe(pullsAtClose);
    expect(await q.next()).toEqual({ done: true, value: undefined });
  });

  it('ends when the source ends, without pulling past the end more than in-flight calls', async () => {
    let pulls = 0;
    const gen = (function* () {
      for (let i = 0; i < 3; i++) {
        pulls++;
        yield i;
      }
    })();
    const q = PrefetchQueue.fromIterator(gen, { maxQueueSize: 2 });
    const seen: number[] = [];
    for await (const x of q) seen.push(x);
    expect(seen).toEqual([0, 1, 2]);
    expect(pulls).toBe(3);
  });
});
