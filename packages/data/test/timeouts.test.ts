// Stuck sources: itemTimeout and AbortSignal end the wait, stuck workers are terminated and named,
// close() never waits on a call that will not return, and no worker keeps the process alive.
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createBatchSource, ItemTimeoutError, WorkerPool, type Batch, type HostArray } from '../dist/index.js';

const fixtures = new URL('./fixtures/sequences.mjs', import.meta.url).href;
const stuck = (how: string, at = 2, length = 6) => ({ moduleUrl: fixtures, exportName: 'StuckSequence', args: [how, at, length] });

/** Items until the epoch fails; the error and the first values seen. */
async function drain(iter: AsyncIterable<Batch>): Promise<{ seen: number[]; error: unknown }> {
  const seen: number[] = [];
  try {
    for await (const b of iter) seen.push((b as HostArray).data[0]);
  } catch (error) {
    return { seen, error };
  }
  return { seen, error: null };
}

const item = (i: number): HostArray => ({ data: new Float32Array([i]), shape: [1] });

describe('itemTimeout and AbortSignal', () => {
  for (const how of ['spin', 'block', 'await']) {
    it(`a worker whose getItem ${how === 'spin' ? 'spins' : how === 'block' ? 'blocks in Atomics.wait' : 'never settles'} is terminated and named`, async () => {
      const pool = await WorkerPool.create(stuck(how), { workers: 2, itemTimeout: 200 });
      const results = await Promise.allSettled([0, 1, 2, 3].map((i) => pool.getItem(i)));
      const failed = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
      const err = failed[0].reason as ItemTimeoutError;
      expect(err).toBeInstanceOf(ItemTimeoutError);
      expect(err.message).toMatch(/^worker [01] did not answer getItem\(2\) within 200 ms; it was terminated$/);
      expect(err.item).toBe('getItem(2)');
      expect([0, 1]).toContain(err.worker);
      await pool.close();
      expect(pool.alive).toBe(0);
      await expect(pool.getItem(0)).rejects.toBe(err);
    });
  }

  it('the clock starts when the worker starts the item, not when it was posted behind another', async () => {
    // One worker, depth 2: item 1 waits behind item 0 (300 ms of work each), each under the 550 ms limit, together over it.
    const slow = { moduleUrl: `data:text/javascript,${encodeURIComponent(`export class Slow { get length() { return 3; } getItem(i) { const t = Date.now() + 300; while (Date.now() < t); return { data: new Float32Array([i]), shape: [1] }; } }`)}`, exportName: 'Slow' };
    const pool = await WorkerPool.create(slow, { workers: 1, depth: 2, itemTimeout: 550 });
    try {
      const got = await Promise.all([0, 1, 2].map((i) => pool.getItem(i)));
      expect(got.map((b) => (b as HostArray).data[0])).toEqual([0, 1, 2]);
    } finally {
      await pool.close();
    }
  });

  it('a stuck onEpochEnd in a worker, and a worker that hangs while loading, time out too', async () => {
    const src = await createBatchSource(stuck('spin', -1, 2), { useMultiprocessing: true, workers: 1, itemTimeout: 200 });
    const r = await drain(src.epoch(0));
    expect(r.seen).toEqual([0, 1]);
    expect((r.error as Error).message).toMatch(/worker 0 did not answer onEpochEnd\(\) within 200 ms/);
    await src.close();
    const hangs = { moduleUrl: `data:text/javascript,${encodeURIComponent('await new Promise(() => {}); export const S = 1;')}`, exportName: 'S' };
    await expect(WorkerPool.create(hangs, { workers: 2, itemTimeout: 200, loadTimeout: 1500 })).rejects.toThrow(/worker 0 did not load data:text\/javascript.* within 1500 ms; it was terminated/);
  });

  it('main thread: a getItem or a generator that never answers fails the epoch, and close() does not wait for it', async () => {
    const seq = { length: 5, getItem: (i: number) => (i === 3 ? new Promise<HostArray>(() => undefined) : item(i)) };
    const src = await createBatchSource(seq, { itemTimeout: 100, workers: 2 });
    const r = await drain(src.epoch(0));
    expect(r.seen).toEqual([0, 1, 2]);
    expect(r.error).toBeInstanceOf(ItemTimeoutError);
    expect((r.error as Error).message).toBe('getItem(3) did not finish within 100 ms');
    await src.close();

    async function* gen() {
      yield item(0);
      await new Promise(() => undefined);
    }
    const g = await createBatchSource(gen(), { itemTimeout: 100 });
    const rg = await drain(g.epoch(0));
    expect(rg.seen).toEqual([0]);
    expect((rg.error as Error).message).toBe("the generator's next() (item 1 of this pass) did not finish within 100 ms");
    await g.close();
  });

  it('an AbortSignal ends a wait at once, with its reason; workers are terminated on close', async () => {
    const controller = new AbortController();
    const src = await createBatchSource(stuck('spin', 1, 4), { useMultiprocessing: true, workers: 1, signal: controller.signal });
    const pending = drain(src.epoch(0));
    setTimeout(() => controller.abort(new Error('enough')), 150);
    const r = await pending;
    expect(r.seen).toEqual([0]);
    expect((r.error as Error).message).toBe('enough');
    await src.close();
    // Already aborted: fails before waiting.
    const again = await createBatchSource([item(0)], { signal: controller.signal });
    expect((await drain(again.epoch(0))).error).toBe(controller.signal.reason);
    await again.close();
  });

  it('rejects a bad itemTimeout', async () => {
    for (const bad of [0, -5, Number.NaN, Infinity, '100']) {
      await expect(createBatchSource([item(0)], { itemTimeout: bad as number })).rejects.toThrow(/a timeout must be a positive number of milliseconds/);
    }
  });

  for (const how of ['spin', 'block', 'await']) {
    it(`a process whose worker ${how}s exits by itself once the timed-out source is closed`, async () => {
      const script = fileURLToPath(new URL('./fixtures/stuck-worker-exits.mjs', import.meta.url));
      const child = spawn(process.execPath, [script, how], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.setEncoding('utf8').on('data', (c: string) => { out += c; });
      const exited = await new Promise<number | null>((resolve) => {
        const timer = setTimeout(() => { child.kill('SIGKILL'); resolve(null); }, 10_000);
        child.on('exit', (code) => { clearTimeout(timer); resolve(code); });
      });
      expect(out).toMatch(/ItemTimeoutError: worker [01] did not answer getItem\(1\) within 1000 ms; it was terminated/);
      expect(exited, 'the process was still alive 10 s later').toBe(0);
    });
  }
});
