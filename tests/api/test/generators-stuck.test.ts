// Generators and workers that never answer: itemTimeout, AbortSignal and stopTraining end the run,
// the weights hold exactly the batches that finished, the model stays usable, the process can exit.
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Sequential, layers, memory, optimizers, type Tensor } from '@layerwise/api';
import { ItemTimeoutError } from '@layerwise/data';
import { LinearSequence, StuckLinearSequence, linearArrays } from './fixtures/linear-sequence.mjs';

function model(): Sequential {
  const m = new Sequential({
    layers: [
      layers.dense({ units: 4, activation: 'tanh', inputShape: [2], kernelInitializer: { className: 'RandomNormal', config: { seed: 3 } } }),
      layers.dense({ units: 1, kernelInitializer: { className: 'RandomNormal', config: { seed: 4 } } }),
    ],
  });
  m.compile({ optimizer: optimizers.sgd({ learningRate: 0.05 }), loss: 'mse' });
  return m;
}

const values = async (ts: Tensor[]): Promise<number[][]> => {
  const out = await Promise.all(ts.map(async (t) => Array.from(await t.data())));
  for (const t of ts) t.dispose();
  return out;
};

/** The weights after training on the first `batches` batches of 8 (what a run stopped there must hold). */
async function reference(batches: number): Promise<number[][]> {
  const m = model();
  const { x, y } = linearArrays();
  await m.fit(x.slice(0, 8 * batches), y.slice(0, 8 * batches), { batchSize: 8, shuffle: false, verbose: 0 });
  const out = await values(m.getWeights());
  m.dispose();
  return out;
}

/** A generator yielding `n` LinearSequence batches, then waiting forever (calling `onHang` 100 ms into the wait). */
async function* hangsAfter(n: number, onHang?: () => void) {
  const seq = new LinearSequence();
  for (let i = 0; i < n; i++) yield seq.getItem(i);
  if (onHang) setTimeout(onHang, 100);
  await new Promise(() => undefined);
}

/** A callback that calls `fn` 300 ms after batch `batch` ends (while the run waits on a stuck worker). */
const afterBatch = (batch: number, fn: () => void) => ({ onBatchEnd: (b: number) => { if (b === batch) setTimeout(fn, 300); } });

async function stillTrains(m: Sequential): Promise<void> {
  const { x, y } = linearArrays();
  const h = await m.fit(x, y, { epochs: 1, verbose: 0 });
  expect(Number.isFinite(h.history.loss[0])).toBe(true);
}

describe('fitGenerator and friends with sources that never answer', { timeout: 30_000 }, () => {
  for (const how of ['spin', 'await'] as const) {
    it(`a worker whose getItem ${how === 'spin' ? 'spins' : 'never settles'} is terminated and named by itemTimeout; the model holds the batches before it`, async () => {
      const m = model();
      const err = await m.fitGenerator(new StuckLinearSequence(2, how), { epochs: 1, verbose: 0, shuffle: false, workers: 1, useMultiprocessing: true, itemTimeout: 1000 })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ItemTimeoutError);
      expect((err as ItemTimeoutError).message).toBe('worker 0 did not answer getItem(2) within 1000 ms; it was terminated');
      expect((err as ItemTimeoutError).worker).toBe(0);
      expect((err as ItemTimeoutError).item).toBe('getItem(2)');
      expect(await values(m.getWeights())).toEqual(await reference(2));
      // Nothing of the failed run is left: a second one ends with as many buffers as it began.
      const before = memory().buffers;
      await expect(m.fitGenerator(new StuckLinearSequence(1, how), { verbose: 0, useMultiprocessing: true, itemTimeout: 1000 })).rejects.toBeInstanceOf(ItemTimeoutError);
      expect(memory().buffers).toBe(before);
      await stillTrains(m);
    });
  }

  it('a main-thread generator that hangs: itemTimeout in fitGenerator, evaluateGenerator and predictGenerator', async () => {
    const m = model();
    await expect(m.fitGenerator(hangsAfter(3), { stepsPerEpoch: 5, verbose: 0, itemTimeout: 200 }))
      .rejects.toThrow("the generator's next() (item 3 of this pass) did not finish within 200 ms");
    expect(await values(m.getWeights())).toEqual(await reference(3));
    await expect(m.evaluateGenerator(hangsAfter(1), { steps: 2, itemTimeout: 200 })).rejects.toBeInstanceOf(ItemTimeoutError);
    await expect(m.predictGenerator(hangsAfter(2), { steps: 3, itemTimeout: 200 })).rejects.toBeInstanceOf(ItemTimeoutError);
    await stillTrains(m);
  });

  it('stopTraining set while fitGenerator waits for a batch ends it normally, with its History', async () => {
    const m = model();
    const h = await m.fitGenerator(hangsAfter(3, () => { m.stopTraining = true; }), { stepsPerEpoch: 5, epochs: 4, verbose: 0 });
    expect(h.epoch).toEqual([0]);
    expect(h.history.loss.length).toBe(1);
    expect(await values(m.getWeights())).toEqual(await reference(3));
    // With workers too (the stuck one is terminated when the run closes its source).
    const w = model();
    const hw = await w.fitGenerator(new StuckLinearSequence(2, 'spin'), {
      epochs: 2, verbose: 0, shuffle: false, workers: 1, useMultiprocessing: true, callbacks: [afterBatch(1, () => { w.stopTraining = true; })],
    });
    expect(hw.epoch).toEqual([0]);
    expect(await values(w.getWeights())).toEqual(await reference(2));
    await stillTrains(w);
  });

  it('an AbortSignal ends a waiting fitGenerator, evaluateGenerator or predictGenerator with its reason', async () => {
    const m = model();
    const c1 = new AbortController();
    await expect(m.fitGenerator(new StuckLinearSequence(1, 'spin'), {
      epochs: 1, verbose: 0, shuffle: false, useMultiprocessing: true, signal: c1.signal, callbacks: [afterBatch(0, () => c1.abort(new Error('aborted while waiting')))],
    })).rejects.toThrow('aborted while waiting');
    expect(await values(m.getWeights())).toEqual(await reference(1));
    const c2 = new AbortController();
    await expect(m.evaluateGenerator(hangsAfter(1, () => c2.abort(new Error('evaluate aborted'))), { steps: 3, signal: c2.signal })).rejects.toThrow('evaluate aborted');
    const c3 = new AbortController();
    await expect(m.predictGenerator(hangsAfter(1, () => c3.abort(new Error('predict aborted'))), { steps: 3, signal: c3.signal })).rejects.toThrow('predict aborted');
    // An abort between batches (not while waiting) ends the run after the current batch.
    const c = new AbortController();
    await expect(m.fitGenerator(new LinearSequence(), { epochs: 3, verbose: 0, signal: c.signal, callbacks: [{ onBatchEnd: (b: number) => { if (b === 1) c.abort(new Error('stop here')); } }] }))
      .rejects.toThrow('stop here');
    await expect(m.fitGenerator(new LinearSequence(), { signal: 'no' as never })).rejects.toThrow(/'signal' must be an AbortSignal/);
    await stillTrains(m);
  });

  for (const how of ['spin', 'await']) {
    it(`a process whose worker ${how === 'spin' ? 'spins' : 'never answers'} exits by itself after the timed-out fitGenerator`, async () => {
      const script = fileURLToPath(new URL('./fixtures/stuck-fit-exits.mjs', import.meta.url));
      const child = spawn(process.execPath, [script, how], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.setEncoding('utf8').on('data', (c: string) => { out += c; });
      child.stderr.setEncoding('utf8').on('data', (c: string) => { out += c; });
      const code = await new Promise<number | null>((resolve) => {
        const timer = setTimeout(() => { child.kill('SIGKILL'); resolve(null); }, 20_000);
        child.on('exit', (c) => { clearTimeout(timer); resolve(c); });
      });
      expect(out).toMatch(/ItemTimeoutError: worker [01] did not answer getItem\(2\) within 1000 ms; it was terminated/);
      expect(out).toContain('fit after: true');
      expect(code, 'the process was still alive 20 s later').toBe(0);
    }, 30_000);
  }
});
