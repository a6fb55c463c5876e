import { describe, expect, it } from 'vitest';
import { Sequential, layers, memory, optimizers, type Tensor } from '@layerwise/api';
import { Dataset } from '@layerwise/data';
import { LinearSequence, linearArrays } from './fixtures/linear-sequence.mjs';

function model(): Sequential {
  const m = new Sequential({
    layers: [
      layers.dense({ units: 4, activation: 'tanh', inputShape: [2], kernelInitializer: { className: 'RandomNormal', config: { seed: 3 } } }),
      layers.dense({ units: 1, kernelInitializer: { className: 'RandomNormal', config: { seed: 4 } } }),
    ],
  });
  m.compile({ optimizer: optimizers.sgd({ learningRate: 0.05 }), loss: 'mse', metrics: ['mae'] });
  return m;
}

const values = async (ts: Tensor[]): Promise<number[][]> => Promise.all(ts.map(async (t) => Array.from(await t.data())));

describe('fitGenerator / evaluateGenerator / predictGenerator', () => {
  it('fitGenerator over a Sequence gives the same weights as fit over the same arrays (no shuffle)', async () => {
    const a = model();
    const b = model();
    const { x, y } = linearArrays();
    const ha = await a.fit(x, y, { batchSize: 8, epochs: 3, shuffle: false, verbose: 0 });
    const hb = await b.fitGenerator(new LinearSequence(), { epochs: 3, shuffle: false, verbose: 0 });
    expect(await values(b.getWeights())).toEqual(await values(a.getWeights()));
    expect(hb.history.loss).toEqual(ha.history.loss);
    expect(hb.history.mean_absolute_error).toEqual(ha.history.mean_absolute_error);
  });

  it('two worker threads (useMultiprocessing) train exactly like the main thread', async () => {
    const a = model();
    const b = model();
    await a.fitGenerator(new LinearSequence(), { epochs: 2, shuffle: false, verbose: 0 });
    await b.fitGenerator(new LinearSequence(), { epochs: 2, shuffle: false, verbose: 0, workers: 2, useMultiprocessing: true });
    expect(await values(b.getWeights())).toEqual(await values(a.getWeights()));
  });

  it('a plain generator is pulled stepsPerEpoch times an epoch, continuing across epochs', async () => {
    const m = model();
    let pulled = 0;
    const seq = new LinearSequence();
    function* forever() {
      for (let i = 0; ; i++) { pulled++; yield seq.getItem(i % seq.length); }
    }
    const seen: number[] = [];
    const h = await m.fitGenerator(forever(), { stepsPerEpoch: 3, epochs: 4, verbose: 0, maxQueueSize: 1,
      callbacks: [{ onEpochEnd: (e) => { seen.push(pulled); } }] });
    expect(h.epoch).toEqual([0, 1, 2, 3]);
    // The queue runs at most maxQueueSize (1) batch ahead of training.
    seen.forEach((p, e) => { expect(p).toBeGreaterThanOrEqual(3 * (e + 1)); expect(p).toBeLessThanOrEqual(3 * (e + 1) + 2); });
  });

  it('a generator that ends early is an error naming the epoch and step; the History so far is kept', async () => {
    const m = model();
    const seq = new LinearSequence();
    function* five() { for (let i = 0; i < 5; i++) yield seq.getItem(i); }
    const err = await m.fitGenerator(five(), { stepsPerEpoch: 2, epochs: 4, verbose: 0 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/ran out of data at epoch 3, step 2 of 2/);
    expect((err as { history: { epoch: number[] } }).history.epoch).toEqual([0, 1]);
    expect(m.history?.epoch).toEqual([0, 1]);
  });

  it('an exception in the generator comes out with its message', async () => {
    const m = model();
    function* bad(): Generator<never> { throw new RangeError('augmentation failed at item 0'); }
    await expect(m.fitGenerator(bad(), { stepsPerEpoch: 2, verbose: 0 })).rejects.toThrow('augmentation failed at item 0');
  });

  it('evaluateGenerator and predictGenerator match evaluate and predict', async () => {
    const m = model();
    const { x, y } = linearArrays();
    const before = memory().buffers;
    const e1 = await m.evaluate(x, y, { batchSize: 8, verbose: 0 }) as number[];
    const e2 = await m.evaluateGenerator(new LinearSequence(), {}) as number[];
    expect(e2[0]).toBeCloseTo(e1[0], 6);
    expect(e2[1]).toBeCloseTo(e1[1], 6);
    const p1 = await m.predict(x, { batchSize: 8 });
    const p2 = await m.predictGenerator(new LinearSequence());
    expect(Array.from(await p2.data())).toEqual(Array.from(await p1.data()));
    p1.dispose();
    p2.dispose();
    expect(memory().buffers).toBe(before);
  });

  it('fit takes a Dataset directly', async () => {
    const { x, y } = linearArrays();
    const ds = Dataset.fromArrays({ data: Float32Array.from(x.flat()), shape: [40, 2] }, { data: Float32Array.from(y.flat()), shape: [40, 1] }).batch(8);
    const a = model();
    const b = model();
    await a.fit(x, y, { batchSize: 8, epochs: 2, shuffle: false, verbose: 0 });
    await b.fit(ds, undefined, { epochs: 2, verbose: 0 });
    expect(await values(b.getWeights())).toEqual(await values(a.getWeights()));
  });

  it('classWeight applies to generator batches like the equivalent sampleWeight', async () => {
    const xs = [[1, 0], [0, 1], [1, 1], [0.5, -1]];
    const ys = [[0], [1], [1], [0]];
    const weights = ys.map(([c]) => (c === 1 ? 3 : 1));
    const make = (): Sequential => {
      const m = new Sequential({ layers: [layers.dense({ units: 1, activation: 'sigmoid', inputShape: [2], kernelInitializer: 'ones' })] });
      m.compile({ optimizer: optimizers.sgd({ learningRate: 0.5 }), loss: 'binary_crossentropy' });
      return m;
    };
    const a = make();
    const b = make();
    await a.fitGenerator([[xs, ys]], { stepsPerEpoch: 1, epochs: 1, verbose: 0, classWeight: { 0: 1, 1: 3 } });
    await b.fitGenerator([[xs, ys, weights]], { stepsPerEpoch: 1, epochs: 1, verbose: 0 });
    expect(await values(a.getWeights())).toEqual(await values(b.getWeights()));
    const plain = make();
    await plain.fitGenerator([[xs, ys]], { stepsPerEpoch: 1, epochs: 1, verbose: 0 });
    expect(await values(plain.getWeights())).not.toEqual(await values(a.getWeights()));
  });
});
