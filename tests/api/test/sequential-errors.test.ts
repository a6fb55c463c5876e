import { describe, expect, it } from 'vitest';
import { Sequential, layers, memory, tensor } from '@layerwise/api';
import { linearModel, refMseStep, sgd01, values, expectClose } from './sequential-helpers.js';

const W0 = [[0.5], [-0.25]];
const B0 = [0.1];
const X = [[1, 2], [0.5, -1], [2, 0], [-1, 1]];
const Y = [[0], [1], [1], [0]];

async function snapshot(model: Sequential): Promise<number[][]> {
  return Promise.all(model.getWeights().map(values));
}

describe('Sequential: bad input is a clear error, before any state changes', () => {
  it('fit, evaluate, trainOnBatch and testOnBatch before compile', async () => {
    const model = linearModel(W0, B0);
    await expect(model.fit(X, Y, { verbose: 0 })).rejects.toThrow(/fit: the model must be compiled first/);
    await expect(model.evaluate(X, Y, { verbose: 0 })).rejects.toThrow(/evaluate: the model must be compiled first/);
    await expect(model.trainOnBatch(X, Y)).rejects.toThrow(/trainOnBatch: the model must be compiled first/);
    await expect(model.testOnBatch(X, Y)).rejects.toThrow(/testOnBatch: the model must be compiled first/);
    // predict needs no compile.
    const p = await model.predict(X);
    p.dispose();
  });

  it('each bad argument names itself, and leaves the weights and the optimizer untouched (checked by value) with no leaked buffers', async () => {
    const model = linearModel(W0, B0);
    model.compile({ optimizer: sgd01(), loss: 'mse' });
    const before = await snapshot(model);
    const buffers = memory().buffers;
    const cases: [() => Promise<unknown>, RegExp][] = [
      [() => model.fit([[1, 2, 3]], [[1]], { verbose: 0 }), /'x' has shape \[1,3\] but the model expects input of shape \(None, 2\)/],
      [() => model.fit([1, 2], [[1]], { verbose: 0 }), /'x' has shape \[2\] but the model expects input of shape \(None, 2\)/],
      [() => model.fit(X, [[1, 2], [1, 2], [1, 2], [1, 2]], { verbose: 0 }), /target 'y' has shape \[4,2\] but output '.*' has shape \(None, 1\) \(loss 'mean_squared_error'\)/],
      [() => model.fit(X, [[1], [2]], { verbose: 0 }), /'y' has 2 samples but 'x' has 4/],
      [() => model.fit(X, Y, { verbose: 0, sampleWeight: [1, 2, 3] }), /'sampleWeight' must have one weight per sample \(\[4\]\), got shape \[3\]/],
      [() => model.fit(X, Y, { verbose: 0, sampleWeight: [1, 2, -3, 1] }), /'sampleWeight' must be finite and >= 0, got -3 at index 2/],
      [() => model.fit(X, Y, { verbose: 0, sampleWeight: [[1, 2], [1, 2], [1, 2], [1, 2]] }), /sampleWeightMode: 'temporal'/],
      [() => model.fit(X, Y, { verbose: 0, classWeight: { 0: 1 } }), /'classWeight' must contain all classes in the data; missing 1 \(given: 0\)/],
      [() => model.fit(X, Y, { verbose: 0, classWeight: { 0: 1, one: 2 } as unknown as Record<number, number> }), /'classWeight' keys must be class indices, got 'one'/],
      [() => model.fit(X, Y, { verbose: 0, classWeight: { 0: 1, 1: -1 } }), /'classWeight\[1\]' must be a finite number >= 0, got -1/],
      [() => model.fit(X, Y, { verbose: 0, validationSplit: 1.2 }), /'validationSplit' must be in \[0, 1\), got 1.2/],
      [() => model.fit(X, Y, { verbose: 0, validationSplit: -0.1 }), /'validationSplit' must be in \[0, 1\), got -0.1/],
      [() => model.fit(X, Y, { verbose: 0, validationSplit: 0.9 }), /'validationSplit' 0.9 of 4 samples leaves an empty training set/],
      [() => model.fit(X, Y, { verbose: 0, validationData: [X] as unknown as [number[][], number[][]] }), /'validationData' must be \[x, y\] or \[x, y, sampleWeight\]/],
      [() => model.fit(X, Y, { verbose: 0, validationData: [[[1, 2, 3]], [[1]]] }), /'x' has shape \[1,3\]/],
      [() => model.fit(X, Y, { verbose: 0, batchSize: 0 }), /'batchSize' must be a positive integer, got 0/],
      [() => model.fit(X, Y, { verbose: 0, epochs: 1.5 }), /'epochs' must be an integer >= 0, got 1.5/],
      [() => model.fit(X, Y, { verbose: 0, shuffle: 'yes' as unknown as boolean }), /'shuffle' must be true, false or 'batch'/],
      [() => model.fit(X, Y, { verbose: 0, callbacks: [42 as unknown as object] }), /callbacks\[0\] is not a Callback/],
      [() => model.trainOnBatch(X, Y, { sampleWeight: [1] }), /trainOnBatch: 'sampleWeight' must have one weight per sample/],
      [() => model.trainOnBatch(X, Y, { classWeight: { 1: 2 } }), /missing 0/],
      [() => model.evaluate(X, Y, { verbose: 0, batchSize: -1 }), /evaluate: 'batchSize' must be a positive integer/],
      [() => model.predict([[1]]), /predict: 'x' has shape \[1,1\]/],
    ];
    for (const [call, message] of cases) {
      await expect(call()).rejects.toThrow(message);
    }
    expect(await snapshot(model)).toEqual(before);
    expect(model.optimizer!.iterations).toBe(0);
    expect(memory().buffers).toBe(buffers);
    // Still usable: one step gives the reference.
    await model.trainOnBatch(X, Y);
    expectClose((await snapshot(model))[0], refMseStep(W0, B0, X, Y).W.flat(), 6);
  });

  it('a loss that cannot fit the output is a clear error (sparse targets vs one-hot, one-hot loss vs class indices)', async () => {
    const model = new Sequential({ layers: [layers.dense({ units: 3, inputShape: [2], kernelInitializer: 'ones' })] });
    model.compile({ optimizer: sgd01(), loss: 'sparse_categorical_crossentropy' });
    const before = await snapshot(model);
    await expect(model.trainOnBatch([[1, 2]], [[0, 1, 0]])).rejects.toThrow(/does not fit loss 'sparse_categorical_crossentropy'.*expected one class index per sample/);
    model.compile({ optimizer: sgd01(), loss: 'categorical_crossentropy' });
    await expect(model.trainOnBatch([[1, 2]], [2])).rejects.toThrow(/target 'y' has shape \[1\] but output '.*' has shape \(None, 3\) \(loss 'categorical_crossentropy'\)/);
    expect(await snapshot(model)).toEqual(before);
  });

  it('an error thrown by a callback ends fit, and the model is usable again', async () => {
    const model = linearModel(W0, B0);
    model.compile({ optimizer: sgd01(), loss: 'mse' });
    const before = await snapshot(model);
    await expect(model.fit(X, Y, { verbose: 0, callbacks: [{ onEpochBegin: () => { throw new Error('boom'); } }] })).rejects.toThrow('boom');
    expect(await snapshot(model)).toEqual(before);
    const h = await model.fit(X, Y, { verbose: 0 });
    expect(h.epoch).toEqual([0]);
  });
});

describe('Sequential: one run at a time', () => {
  it('a second fit (or trainOnBatch) while one runs is a clear error and does not corrupt the first', async () => {
    const model = linearModel(W0, B0);
    model.compile({ optimizer: sgd01(), loss: 'mse' });
    let release!: () => void;
    const gate = new Promise<void>((r) => { release = r; });
    let entered!: () => void;
    const inside = new Promise<void>((r) => { entered = r; });
    const first = model.fit(X, Y, {
      batchSize: 2, shuffle: false, verbose: 0,
      callbacks: [{ onBatchEnd: async (b: number) => { if (b === 0) { entered(); await gate; } } }],
    });
    await inside;
    await expect(model.fit(X, Y, { verbose: 0 })).rejects.toThrow(/fit: the model is already running fit; await it before starting another/);
    await expect(model.trainOnBatch(X, Y)).rejects.toThrow(/trainOnBatch: the model is already running fit/);
    release();
    const h = await first;
    const r1 = refMseStep(W0, B0, X.slice(0, 2), Y.slice(0, 2));
    const r2 = refMseStep(r1.W, r1.b, X.slice(2), Y.slice(2));
    expectClose(h.history.loss, [(r1.loss + r2.loss) / 2], 5);
    expectClose((await snapshot(model))[0], r2.W.flat(), 5);
    expect(model.optimizer!.iterations).toBe(2);
    // Free again.
    await model.trainOnBatch(X, Y);
  });
});

describe('Sequential: no leaks', () => {
  it('fit, evaluate, predict and the *OnBatch calls leave only what they hand back; the first fit adds the optimizer slots', async () => {
    const model = new Sequential();
    model.add(layers.dense({ units: 4, inputShape: [2], activation: 'relu' }));
    model.add(layers.dropout({ rate: 0.3 }));
    model.add(layers.dense({ units: 1 }));
    model.compile({ optimizer: 'sgd', loss: 'mse', metrics: ['mae', 'acc'], weightedMetrics: ['mse'] });
    const x = Array.from({ length: 10 }, (_, i) => [i / 10, 1 - i / 10]);
    const y = x.map(([a, b]) => [a - b]);
    const start = memory().buffers;
    await model.fit(x, y, { batchSize: 3, epochs: 2, verbose: 0, validationSplit: 0.2, sampleWeight: x.map((_, i) => i % 3) });
    // SGD keeps one velocity slot per trainable weight (Keras 2 keeps it even without momentum).
    const slots = model.trainableWeights.length;
    expect(memory().buffers).toBe(start + slots);
    const base = memory().buffers;
    await model.fit(x, y, { batchSize: 4, epochs: 2, verbose: 0, validationData: [x, y, x.map(() => 1)], shuffle: 'batch' });
    await model.fit(x, y, { batchSize: 4, epochs: 2, verbose: 0, stepsPerEpoch: 3 });
    expect(memory().buffers).toBe(base);
    await model.evaluate(x, y, { batchSize: 3, verbose: 0, sampleWeight: x.map(() => 2) });
    await model.trainOnBatch(x, x.map((_, i) => [i % 2]), { classWeight: { 0: 1, 1: 2 } });
    await model.testOnBatch(x, y);
    expect(memory().buffers).toBe(base);
    const p = await model.predict(x, { batchSize: 3 });
    expect(memory().buffers).toBe(base + 1);
    const q = await model.predictOnBatch(x);
    expect(memory().buffers).toBe(base + 2);
    p.dispose();
    q.dispose();
    // getWeights hands back snapshots that share the weights' buffers until training replaces them.
    const ws = model.getWeights();
    const snap = await Promise.all(ws.map(values));
    expect(memory().buffers).toBe(base);
    await model.trainOnBatch(x, y);
    expect(await Promise.all(ws.map(values))).toEqual(snap);
    expect(await Promise.all(model.getWeights().map(values))).not.toEqual(snap);
    ws.forEach((w) => w.dispose());
    expect(memory().buffers).toBe(base);
    expect((await model.testOnBatch(x, y)) as number[]).toHaveLength(4);
    // Errors leak nothing either.
    await expect(model.fit(x, y, { verbose: 0, sampleWeight: [1] })).rejects.toThrow();
    const [tx, ty] = [tensor(x), tensor(y.slice(1))];
    await expect(model.fit(tx, ty, { verbose: 0 })).rejects.toThrow();
    tx.dispose();
    ty.dispose();
    expect(memory().buffers).toBe(base);
  });
});
