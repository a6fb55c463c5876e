// The Keras 2 / tfjs model forms beside the contract's: sequential(), predictSync,
// predictClasses / predictProba, evaluate's returnDict, callbacks as one object, one prefix per error.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { input, layers, memory, Model, ops, Sequential, sequential, tensor, type Tensor } from '@layerwise/api';
import { expectClose, linearModel, refForward, refMseLoss, sgd01 } from './sequential-helpers.js';

afterEach(() => vi.restoreAllMocks());

const W0 = [[0.5], [-0.25]];
const B0 = [0.1];
const X = [[1, 2], [0.5, -1], [2, 0], [-1, 1], [0, 3]];
const Y = [[0], [1], [1], [0], [2]];

/** Dense 2 -> 3 with known weights: logits = x W + b. */
function threeClass(activation: string): Sequential {
  const m = sequential({ layers: [layers.dense({ units: 3, inputShape: [2], activation })] });
  m.setWeights([tensor([[1, 0, -1], [0, 2, 1]]), tensor([0, 0, 0.5])]);
  return m;
}

describe('sequential() (tfjs\'s factory)', () => {
  it('makes a Sequential from the same args', () => {
    const m = sequential({ layers: [layers.dense({ units: 1, inputShape: [2] })], name: 'made' });
    expect(m).toBeInstanceOf(Sequential);
    expect(m.name).toBe('made');
    expect(sequential().layers).toEqual([]);
  });
});

describe('predictSync (tfjs\'s synchronous predict)', () => {
  it('returns the output Tensor at once, equal to predict and to x W + b, batch by batch', async () => {
    const model = linearModel(W0, B0);
    const expected = refForward(W0, B0, X).flat();
    const now = model.predictSync(tensor(X), { batchSize: 2 });
    expect(now).toBeInstanceOf(Object);
    expect(now.shape).toEqual([5, 1]);
    expectClose(now.dataSync(), expected, 6);
    expectClose(model.predictSync(X).dataSync(), expected, 6);
    expect(Array.from(now.dataSync())).toEqual(Array.from((await model.predict(X)).dataSync()));
    // The tfjs habit it serves: chaining on the result.
    expect(Array.from(threeClass('softmax').predictSync([[1, 0], [0, 1]]).argMax(-1).dataSync())).toEqual([0, 1]);
  });

  it('frees every intermediate; leaves the input alone; refuses bad input before any work', () => {
    const model = linearModel(W0, B0);
    const x = tensor(X);
    const start = memory().buffers;
    const y = model.predictSync(x, { batchSize: 2 });
    expect(memory().buffers).toBe(start + 1);
    y.dispose();
    expect(x.isDisposed).toBe(false);
    expect(() => model.predictSync([[1, 2, 3]])).toThrow("predictSync: 'x' has shape [1,3] but the model expects input of shape (None, 2)");
    expect(() => model.predictSync(X, { batchSize: 0 })).toThrow("predictSync: 'batchSize' must be a positive integer, got 0");
    x.dispose();
    expect(() => model.predictSync(x)).toThrow("predictSync: 'x' is a disposed tensor (shape [5,2])");
  });

  it('builds an unbuilt model from the input, as predict does', () => {
    const m = sequential({ layers: [layers.dense({ units: 2 })] });
    expect(m.predictSync([[1, 2, 3]]).shape).toEqual([1, 2]);
    expect(m.built).toBe(true);
  });
});

describe('predictClasses / predictProba (Keras 2 Sequential)', () => {
  it('predictClasses: argmax of predict over the last axis (int32)', async () => {
    // logits: [1, 0, -0.5], [0, 2, 1.5], [-1, 2, 2.5]
    const c = await threeClass('softmax').predictClasses([[1, 0], [0, 1], [-1, 1]]);
    expect(c.dtype).toBe('int32');
    expect(c.shape).toEqual([3]);
    expect(Array.from(c.dataSync())).toEqual([0, 1, 2]);
  });

  it('predictClasses with one output unit: p > 0.5, shape kept', async () => {
    const model = linearModel([[1], [-1]], [0], { activation: 'sigmoid' });
    const c = await model.predictClasses([[2, 1], [1, 2], [0, 0]]);
    expect(c.shape).toEqual([3, 1]);
    // sigmoid(1) > 0.5, sigmoid(-1) < 0.5, sigmoid(0) = 0.5 is not > 0.5.
    expect(Array.from(c.dataSync())).toEqual([1, 0, 0]);
  });

  it('predictProba returns predict\'s values, warning as Keras 2 does when they leave [0, 1]', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const soft = threeClass('softmax');
    const p = await soft.predictProba([[1, 0]]);
    expect(Array.from(p.dataSync())).toEqual(Array.from((await soft.predict([[1, 0]])).dataSync()));
    expect(warn).not.toHaveBeenCalled();
    await threeClass('linear').predictProba([[1, 0]]);
    expect(warn).toHaveBeenCalledWith('Network returning invalid probability values. The last layer might not normalize predictions into probabilities (like softmax or sigmoid would).');
  });
});

describe("evaluate's returnDict (Keras 2.4)", () => {
  it('gives { loss, metric } keyed by metricsNames, destructurable with types', async () => {
    const model = linearModel(W0, B0);
    model.compile({ optimizer: sgd01(), loss: 'mse', metrics: ['mae'] });
    const { loss, mean_absolute_error: mae } = await model.evaluate(X, Y, { verbose: 0, returnDict: true });
    const p = refForward(W0, B0, X);
    expectClose([loss, mae], [refMseLoss(W0, B0, X, Y), p.reduce((s, r, i) => s + Math.abs(r[0] - Y[i][0]), 0) / 5], 6);
    expect(Object.keys(await model.evaluate(X, Y, { verbose: 0, returnDict: true }))).toEqual(model.metricsNames);
    // Without it, Keras 2's list (or number).
    const list = (await model.evaluate(X, Y, { verbose: 0 })) as number[];
    expect(list).toEqual([loss, mae]);
  });
});

describe('fit: callbacks as a single object (tfjs allows it)', () => {
  it('calls its hooks like a list of one', async () => {
    const model = linearModel(W0, B0);
    model.compile({ optimizer: sgd01(), loss: 'mse' });
    const epochs: number[] = [];
    const batches: number[] = [];
    await model.fit(X, Y, { epochs: 2, batchSize: 5, verbose: 0, callbacks: { onEpochEnd: (e: number) => { epochs.push(e); }, onBatchEnd: (b: number) => { batches.push(b); } } });
    expect(epochs).toEqual([0, 1]);
    expect(batches).toEqual([0, 0]);
  });

  it('something that is not a callback is refused, naming it', async () => {
    const model = linearModel(W0, B0);
    model.compile({ optimizer: sgd01(), loss: 'mse' });
    await expect(model.fit(X, Y, { verbose: 0, callbacks: { epochs: 3 } as never })).rejects.toThrow(
      "fit: 'callbacks' is not a Callback or an object with hook methods (onEpochEnd, ...), got object");
    await expect(model.fit(X, Y, { verbose: 0, callbacks: [{}] as never })).rejects.toThrow(/fit: callbacks\[0\] is not a Callback/);
  });
});

describe('one prefix per error', () => {
  it('ragged, malformed or unsupported data names the method and the argument once', async () => {
    const model = linearModel(W0, B0);
    model.compile({ optimizer: sgd01(), loss: 'mse' });
    await expect(model.fit([[1, 2], [3]], [[0], [1]], { verbose: 0 })).rejects.toThrow(
      /^fit: argument 'x' is ragged at x\[1\]: expected an array of length 2, got length 1$/);
    await expect(model.fit(X, [[0], [1], [1], [0], 'a'] as never, { verbose: 0 })).rejects.toThrow(/^fit: argument 'y' /);
    await expect(model.evaluate(X, Y, { sampleWeight: new Uint32Array(5) as never, verbose: 0 })).rejects.toThrow(/^evaluate: argument 'sampleWeight' must be .* got Uint32Array$/);
    await expect(model.predict(new Uint32Array(2) as never)).rejects.toThrow(/^predict: argument 'x' must be/);
  });

  it('Float64Array data trains like Float32Array data', async () => {
    const a = linearModel(W0, B0);
    const b = linearModel(W0, B0);
    a.compile({ optimizer: sgd01(), loss: 'mse' });
    b.compile({ optimizer: sgd01(), loss: 'mse' });
    const flat = X.flat();
    const ha = await a.fit({ data: new Float64Array(flat), shape: [5, 2] }, new Float64Array(Y.flat()), { epochs: 2, verbose: 0, shuffle: false });
    const hb = await b.fit({ data: new Float32Array(flat), shape: [5, 2] }, new Float32Array(Y.flat()), { epochs: 2, verbose: 0, shuffle: false });
    expect(ha.history.loss).toEqual(hb.history.loss);
    const w = (m: Sequential) => m.getWeights().map((t: Tensor) => Array.from(t.dataSync()));
    expect(w(a)).toEqual(w(b));
    expect(ops.sum(tensor(new Float64Array([0.25, 0.5]))).dataSync()[0]).toBe(0.75);
  });
});

describe('on a functional Model (several inputs and outputs)', () => {
  function twoByTwo() {
    const a = input({ shape: [2], name: 'a' });
    const b = input({ shape: [1], name: 'b' });
    const sum = layers.dense({ units: 1, useBias: false, name: 'sum' }).apply(a);
    const both = layers.concatenate({ name: 'both' }).apply([sum, b]);
    const m = new Model({ inputs: [a, b], outputs: [sum, both], name: 'two_by_two' });
    m.setWeights([tensor([[1], [10]])]);
    return m;
  }

  it('predictSync takes a list or a record by input name and gives one tensor per output', async () => {
    const m = twoByTwo();
    const A = [[1, 2], [3, 4], [5, 6]];
    const B = [[7], [8], [9]];
    const [sum, both] = m.predictSync([A, B], { batchSize: 2 }) as Tensor[];
    expect(Array.from(sum.dataSync())).toEqual([21, 43, 65]);
    expect(both.shape).toEqual([3, 2]);
    expect(Array.from(both.dataSync())).toEqual([21, 7, 43, 8, 65, 9]);
    const byName = m.predictSync({ a: tensor(A), b: B }) as Tensor[];
    expect(Array.from(byName[1].dataSync())).toEqual(Array.from(both.dataSync()));
    const viaPromise = (await m.predict([A, B])) as Tensor[];
    expect(Array.from(viaPromise[0].dataSync())).toEqual(Array.from(sum.dataSync()));
    expect(() => m.predictSync([A, [[1], [2]]])).toThrow("predictSync: all input arrays must have the same number of samples; got shapes 'a' [3,2], 'b' [2,1]");
    expect(() => m.predictSync(A)).toThrow(/predictSync: 'x' is a list of 3 arrays but the model has 2 inputs/);
  });

  it("evaluate's returnDict names every output's loss", async () => {
    const m = twoByTwo();
    m.compile({ optimizer: sgd01(), loss: ['mse', 'mse'] });
    const A = [[1, 0], [0, 1]];
    const B = [[1], [2]];
    const result = await m.evaluate([A, B], [[[1], [10]], [[1, 1], [10, 2]]], { verbose: 0, returnDict: true });
    expect(Object.keys(result)).toEqual(m.metricsNames);
    // sum: [1, 10] exactly; both: [1, 1] and [10, 2] exactly: every loss 0.
    expect(Object.values(result)).toEqual([0, 0, 0]);
  });
});
