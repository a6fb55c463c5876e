// Inputs that used to train silently to NaN or fake a result: non-finite values, sparse labels out of
// range, zero samples, a disposed model. Each is an error naming what is wrong, and the weights (bit for
// bit) and the optimizer's step count are unchanged afterwards.
import { describe, expect, it } from 'vitest';
import { Model, Sequential, input, layers, memory, optimizers, saving, tensor } from '@layerwise/api';
import { weightBits } from './saving-helpers.js';

const X = [[1, 2, 3], [0.5, -1, 2], [2, 0, 1], [-1, 1, 0.5]];
const Y = [[0], [1], [1], [0]];

function regression(): Sequential {
  const m = new Sequential({ layers: [layers.dense({ units: 2, inputShape: [3], activation: 'tanh' }), layers.dense({ units: 1 })] });
  m.compile({ optimizer: optimizers.adam({ learningRate: 0.01 }), loss: 'mse' });
  return m;
}

function classifier(metrics: string[] = ['acc']): Sequential {
  const m = new Sequential({ layers: [layers.dense({ units: 3, inputShape: [3], activation: 'softmax' })] });
  m.compile({ optimizer: 'sgd', loss: 'sparse_categorical_crossentropy', metrics });
  return m;
}

/** Each call must fail with its message; afterwards weights, optimizer steps and buffers are as before. */
async function refusedUnchanged(model: Model, cases: [string, () => Promise<unknown>, RegExp][]): Promise<void> {
  const weights = await weightBits(model);
  const steps = model.optimizer?.iterations;
  const buffers = memory().buffers;
  for (const [label, call, message] of cases) {
    const err = await call().then(() => null, (e: unknown) => e);
    expect(err, `${label}: no error`).toBeInstanceOf(Error);
    expect((err as Error).message, label).toMatch(message);
    expect(await weightBits(model), `${label}: the weights changed`).toEqual(weights);
    expect(model.optimizer?.iterations, label).toBe(steps);
    expect(memory().buffers, `${label}: buffers leaked`).toBe(buffers);
  }
}

function* batches(x: number[][], y: number[][]) {
  for (;;) yield [x, y];
}

describe('bad input: non-finite values', { timeout: 30_000 }, () => {
  it('NaN or Infinity in x, y (arrays, typed arrays, tensors, validation data, generator batches) is an error naming the array and the first index', async () => {
    const model = regression();
    const xNaN = X.map((r) => r.slice());
    xNaN[1][2] = NaN;
    xNaN[3][0] = NaN;
    const yInf = Y.map((r) => r.slice());
    yInf[2][0] = Infinity;
    const xTensor = tensor(xNaN);
    const typed = { data: new Float32Array(X.flat()).fill(-Infinity, 7, 8), shape: [4, 3] };
    await refusedUnchanged(model, [
      ['fit x', () => model.fit(xNaN, Y, { verbose: 0 }), /^fit: 'x' holds NaN at \[1, 2\] \(element 5 of 12\); a non-finite value makes the loss and then every weight NaN\. Clean the data, or pass allowNonFinite: true/],
      ['fit y', () => model.fit(X, yInf, { verbose: 0 }), /^fit: 'y' holds Infinity at \[2, 0\] \(element 2 of 4\)/],
      ['fit typed x', () => model.fit(typed, Y, { verbose: 0 }), /^fit: 'x' holds -Infinity at \[2, 1\] \(element 7 of 12\)/],
      ['fit tensor x', () => model.fit(xTensor, Y, { verbose: 0 }), /^fit: 'x' holds NaN at \[1, 2\]/],
      ['fit validationData', () => model.fit(X, Y, { verbose: 0, validationData: [X, yInf] }), /^fit: 'y' holds Infinity at \[2, 0\]/],
      ['evaluate', () => model.evaluate(xNaN, Y, { verbose: 0 }), /^evaluate: 'x' holds NaN at \[1, 2\]/],
      ['trainOnBatch', () => model.trainOnBatch(X, yInf), /^trainOnBatch: 'y' holds Infinity at \[2, 0\]/],
      ['testOnBatch', () => model.testOnBatch(xNaN, Y), /^testOnBatch: 'x' holds NaN/],
      ['fitGenerator', () => model.fitGenerator(batches(xNaN, Y), { stepsPerEpoch: 2, verbose: 0 }), /^fitGenerator: 'x' holds NaN at \[1, 2\]/],
      ['evaluateGenerator', () => model.evaluateGenerator(batches(X, yInf), { steps: 2 }), /^evaluateGenerator: 'y' holds Infinity/],
      ['sampleWeight', () => model.fit(X, Y, { verbose: 0, sampleWeight: [1, NaN, 1, 1] }), /'sampleWeight' must be finite and >= 0, got NaN at index 1/],
      ['strings in { data, shape }', () => model.fit({ data: [1, 2, 3, 'x', 5, 6, 7, 8, 9, 10, 11, 12] as number[], shape: [4, 3] }, Y, { verbose: 0 }),
        /^fit: argument 'x' has a non-numeric element at data\[3\]: "x"/],
    ]);
    xTensor.dispose();
  });

  it('allowNonFinite: true lets the data through (the NaN then reaches the weights, as the error warned)', async () => {
    const model = regression();
    const xNaN = X.map((r) => r.slice());
    xNaN[0][0] = NaN;
    const h = await model.fit(xNaN, Y, { verbose: 0, allowNonFinite: true, batchSize: 4 });
    expect(h.history.loss[0]).toBeNaN();
    expect((await weightBits(model)).flat().some((b) => (b & 0x7f800000) === 0x7f800000)).toBe(true);
    expect(await model.trainOnBatch(xNaN, Y, { allowNonFinite: true })).toBeNaN();
    expect(await model.evaluate(X, Y, { verbose: 0, allowNonFinite: true })).toBeNaN();
    // predict takes any values: NaN propagates (IEEE 754), nothing is changed.
    const p = await regression().predict(xNaN);
    expect(Array.from(await p.data())[0]).toBeNaN();
    p.dispose();
  });
});

describe('bad input: sparse labels out of range', { timeout: 30_000 }, () => {
  it('indices outside [0, classes) are an error in every method, for the loss and the metrics that read them', async () => {
    const model = classifier();
    const x3 = X.slice(0, 3);
    await refusedUnchanged(model, [
      ['fit', () => model.fit(x3, [5, 7, -1], { verbose: 0 }), /^fit: 'y' holds class index 5 at element 0 \(shape \[3,1\]\), but 'sparse_categorical_crossentropy' needs indices in \[0, 3\) for an output of 3 classes/],
      ['fit -1', () => model.fit(x3, [0, 1, -1], { verbose: 0 }), /holds class index -1 at element 2/],
      ['fit 3.0', () => model.fit(x3, [[0], [3], [1]], { verbose: 0 }), /holds class index 3 at element 1/],
      ['evaluate', () => model.evaluate(x3, [0, 7, 1], { verbose: 0 }), /^evaluate: 'y' holds class index 7/],
      ['trainOnBatch', () => model.trainOnBatch(x3, [0, 1, 3]), /^trainOnBatch: 'y' holds class index 3/],
      ['testOnBatch', () => model.testOnBatch(x3, [0, 1, 3]), /^testOnBatch: 'y' holds class index 3/],
      ['validationData', () => model.fit(x3, [0, 1, 2], { verbose: 0, validationData: [x3, [0, 9, 1]] }), /holds class index 9/],
      ['fitGenerator', () => model.fitGenerator(batches(x3, [[0], [1], [4]]), { stepsPerEpoch: 1, verbose: 0 }), /^fitGenerator: 'y' holds class index 4/],
      ['evaluateGenerator', () => model.evaluateGenerator(batches(x3, [[0], [1], [4]]), { steps: 1 }), /^evaluateGenerator: 'y' holds class index 4/],
      ['NaN, even with allowNonFinite', () => model.fit(x3, [0, NaN, 1], { verbose: 0, allowNonFinite: true }), /holds class index NaN at element 1/],
    ]);
    // In range (2.5 is class 2 after Keras's truncation) it trains.
    await model.fit(x3, [0, 2.5, 1], { verbose: 0 });
  });

  it('a sparse metric alone is named too', async () => {
    const model = classifier(['sparse_top_k_categorical_accuracy']);
    const before = await weightBits(model);
    await expect(model.evaluate(X.slice(0, 2), [1, 3], { verbose: 0 })).rejects.toThrow(/needs indices in \[0, 3\)/);
    expect(await weightBits(model)).toEqual(before);
  });
});

describe('bad input: a functional model of two inputs and two outputs', { timeout: 30_000 }, () => {
  it('names the input or output holding the bad value', async () => {
    const a = input({ shape: [3], name: 'in_a' });
    const b = input({ shape: [2], name: 'in_b' });
    const h = layers.concatenate().apply([a, b]);
    const reg = layers.dense({ units: 1, name: 'reg' }).apply(h);
    const cls = layers.dense({ units: 3, activation: 'softmax', name: 'cls' }).apply(h);
    const model = new Model({ inputs: [a, b], outputs: [reg, cls] });
    model.compile({ optimizer: 'adam', loss: { reg: 'mse', cls: 'sparse_categorical_crossentropy' } });
    const xa = [[1, 2, 3], [4, 5, 6]];
    const xb = [[1, 0], [0, NaN]];
    await refusedUnchanged(model, [
      ['input', () => model.fit({ in_a: xa, in_b: xb }, { reg: [[1], [2]], cls: [0, 1] }, { verbose: 0 }), /^fit \(input 'in_b'\): 'x' holds NaN at \[1, 1\]/],
      ['output', () => model.fit({ in_a: xa, in_b: [[1, 0], [0, 1]] }, { reg: [[1], [Infinity]], cls: [0, 1] }, { verbose: 0 }), /^fit \(output 'reg'\): 'y' holds Infinity at \[1, 0\]/],
      ['sparse', () => model.trainOnBatch([xa, [[1, 0], [0, 1]]], [[[1], [2]], [0, 3]]), /^trainOnBatch \(output 'cls'\): 'y' holds class index 3 at element 1 .*'sparse_categorical_crossentropy' needs indices in \[0, 3\)/],
    ]);
    model.dispose();
    await expect(model.fit([xa, xb], [[[1], [2]], [0, 1]], { verbose: 0 })).rejects.toThrow(/the model has been disposed/);
  });
});

describe('bad input: zero samples', { timeout: 30_000 }, () => {
  it('is an error in every method, including a generator yielding an empty batch', async () => {
    const model = regression();
    const none = { data: new Float32Array(0), shape: [0, 3] };
    const noY = { data: new Float32Array(0), shape: [0, 1] };
    await refusedUnchanged(model, [
      ['fit', () => model.fit(none, noY, { verbose: 0 }), /^fit: 'x' has no samples \(shape \[0,3\]\); give at least one/],
      ['evaluate', () => model.evaluate(none, noY, { verbose: 0 }), /^evaluate: 'x' has no samples/],
      ['predict', () => model.predict(none), /^predict: 'x' has no samples/],
      ['predictOnBatch', () => model.predictOnBatch(none), /^predictOnBatch: 'x' has no samples/],
      ['trainOnBatch', () => model.trainOnBatch(none, noY), /^trainOnBatch: 'x' has no samples/],
      ['testOnBatch', () => model.testOnBatch(none, noY), /^testOnBatch: 'x' has no samples/],
      ['fitGenerator', () => model.fitGenerator((function* () { for (;;) yield [none, noY]; })(), { stepsPerEpoch: 1, verbose: 0 }), /^fitGenerator: 'x' has no samples/],
      ['evaluateGenerator', () => model.evaluateGenerator((function* () { for (;;) yield [none, noY]; })(), { steps: 1 }), /^evaluateGenerator: 'x' has no samples/],
      ['predictGenerator', () => model.predictGenerator((function* () { for (;;) yield none; })(), { steps: 1 }), /^predictGenerator: 'x' has no samples/],
    ]);
  });
});

describe('a disposed model', { timeout: 30_000 }, () => {
  it('every method throws "disposed" instead of silently re-initialising', async () => {
    const model = regression();
    await model.fit(X, Y, { verbose: 0 });
    model.dispose();
    const buffers = memory().buffers;
    const sync: [string, () => unknown][] = [
      ['add', () => model.add(layers.dense({ units: 1 }))], ['pop', () => model.pop()], ['build', () => model.build([null, 3])],
      ['getLayer', () => model.getLayer(undefined, 0)], ['getWeights', () => model.getWeights()], ['setWeights', () => model.setWeights([])],
      ['countParams', () => model.countParams()], ['summary', () => model.summary(undefined, undefined, () => undefined)],
      ['compile', () => model.compile({ optimizer: 'sgd', loss: 'mse' })],
    ];
    for (const [name, call] of sync) expect(call, name).toThrow(new RegExp(`^${model.name}\\.${name}: the model has been disposed`));
    const async: [string, () => Promise<unknown>][] = [
      ['fit', () => model.fit(X, Y, { verbose: 0 })], ['evaluate', () => model.evaluate(X, Y, { verbose: 0 })],
      ['predict', () => model.predict(X)], ['predictOnBatch', () => model.predictOnBatch(X)],
      ['trainOnBatch', () => model.trainOnBatch(X, Y)], ['testOnBatch', () => model.testOnBatch(X, Y)],
      ['fitGenerator', () => model.fitGenerator(batches(X, Y), { stepsPerEpoch: 1, verbose: 0 })],
      ['evaluateGenerator', () => model.evaluateGenerator(batches(X, Y), { steps: 1 })],
      ['predictGenerator', () => model.predictGenerator(batches(X, Y), { steps: 1 })],
      ['save', () => model.save(saving.memoryHandler())], ['saveWeights', () => model.saveWeights(saving.memoryHandler())],
      ['loadWeights', () => model.loadWeights(saving.memoryHandler())],
    ];
    for (const [name, call] of async) await expect(call(), name).rejects.toThrow(new RegExp(`^${model.name}\\.${name}: the model has been disposed`));
    expect(model.isDisposed).toBe(true);
    expect(memory().buffers).toBe(buffers);
    model.dispose(); // twice is fine
  });
});
