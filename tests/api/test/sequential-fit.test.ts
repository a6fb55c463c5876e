import { afterEach, describe, expect, it } from 'vitest';
import { Sequential, callbacks, layers, optimizers, setRandomSeed, tensor, type Tensor } from '@layerwise/api';
import { expectClose, idData, linearModel, recordingModel, refMseLoss, refMseStep, sgd01, values } from './sequential-helpers.js';

type Logs = Record<string, number>;

const W0 = [[0.5], [-0.25]];
const B0 = [0.1];
const X = [[1, 2], [0.5, -1], [2, 0], [-1, 1], [0, 3], [1, 1]];
const Y = [[0], [1], [1], [0], [1], [0]];

const range = (a: number, b: number) => Array.from({ length: b - a }, (_, i) => a + i);

describe('Sequential.fit: batches and epochs', () => {
  it('batchSize cuts n samples into ceil(n / batchSize) batches, the last one smaller; shuffle false keeps the order', async () => {
    const { model, recorder } = recordingModel();
    const { x, y } = idData(7);
    const h = await model.fit(x, y, { batchSize: 3, shuffle: false, verbose: 0, epochs: 2 });
    expect(recorder.batches).toEqual([[0, 1, 2], [3, 4, 5], [6], [0, 1, 2], [3, 4, 5], [6]]);
    expect(h.params).toMatchObject({ epochs: 2, initialEpoch: 0, steps: 3, samples: 7, batchSize: 3, verbose: 0, doValidation: false, metrics: ['loss'] });
    // Default batchSize is 32.
    const r2 = recordingModel();
    await r2.model.fit(idData(40).x, idData(40).y, { shuffle: false, verbose: 0 });
    expect(r2.recorder.batches.map((b) => b.length)).toEqual([32, 8]);
  });

  it('the training steps follow the float64 reference batch by batch (no shuffle)', async () => {
    const model = linearModel(W0, B0);
    model.compile({ optimizer: sgd01(), loss: 'mse' });
    const h = await model.fit(X, Y, { batchSize: 4, shuffle: false, verbose: 0, epochs: 3 });
    let W = W0;
    let B = B0;
    const epochLoss: number[] = [];
    for (let e = 0; e < 3; e++) {
      const r1 = refMseStep(W, B, X.slice(0, 4), Y.slice(0, 4));
      const r2 = refMseStep(r1.W, r1.b, X.slice(4), Y.slice(4));
      epochLoss.push((r1.loss * 4 + r2.loss * 2) / 6);
      W = r2.W;
      B = r2.b;
    }
    expectClose(h.history.loss, epochLoss, 5);
    const [k, b] = await Promise.all(model.getWeights().map(values));
    expectClose(k, W.flat(), 5);
    expectClose(b, B, 5);
  });

  it('x, y and sampleWeight as nested arrays, Tensors or { data, shape } train identically; the given tensors stay alive', async () => {
    const run = async (form: 'array' | 'tensor' | 'typed') => {
      const model = linearModel(W0, B0);
      model.compile({ optimizer: sgd01(), loss: 'mse' });
      const w = [1, 2, 0, 1, 3, 1];
      const make = (v: number[][] | number[], shape: number[]) =>
        form === 'array' ? v : form === 'tensor' ? tensor(v.flat(), shape) : { data: Float32Array.from(v.flat()), shape };
      const [x, y, sw] = [make(X, [6, 2]), make(Y, [6, 1]), make(w, [6])];
      const h = await model.fit(x, y, { sampleWeight: sw, batchSize: 4, shuffle: false, verbose: 0 });
      if (form === 'tensor') for (const t of [x, y, sw] as Tensor[]) { expect(t.isDisposed).toBe(false); t.dispose(); }
      return { loss: h.history.loss, weights: await Promise.all(model.getWeights().map(values)) };
    };
    const a = await run('array');
    expect(await run('tensor')).toEqual(a);
    expect(await run('typed')).toEqual(a);
  });

  it('initialEpoch + epochs: epochs is the index of the last epoch; History and hooks see 2, 3, 4', async () => {
    const model = linearModel(W0, B0);
    model.compile({ optimizer: sgd01(), loss: 'mse' });
    const begun: number[] = [];
    const h = await model.fit(X, Y, { epochs: 5, initialEpoch: 2, verbose: 0, callbacks: [{ onEpochBegin: (e: number) => { begun.push(e); } }] });
    expect(h.epoch).toEqual([2, 3, 4]);
    expect(begun).toEqual([2, 3, 4]);
    expect(h.history.loss).toHaveLength(3);
    expect(h.params).toMatchObject({ epochs: 5, initialEpoch: 2 });
    // epochs <= initialEpoch trains nothing (Keras 2's range(initial_epoch, epochs) is empty).
    const before = await Promise.all(model.getWeights().map(values));
    const none = await model.fit(X, Y, { epochs: 2, initialEpoch: 2, verbose: 0 });
    expect(none.epoch).toEqual([]);
    expect(await Promise.all(model.getWeights().map(values))).toEqual(before);
  });

  it('shuffle true: every epoch is a fresh permutation; the same seed gives the same order', async () => {
    const run = async () => {
      setRandomSeed(11);
      const { model, recorder } = recordingModel();
      const { x, y } = idData(10);
      await model.fit(x, y, { batchSize: 4, verbose: 0, epochs: 3 });
      return recorder.batches;
    };
    const a = await run();
    expect(a.map((b) => b.length)).toEqual([4, 4, 2, 4, 4, 2, 4, 4, 2]);
    const epochs = [a.slice(0, 3).flat(), a.slice(3, 6).flat(), a.slice(6, 9).flat()];
    for (const e of epochs) expect([...e].sort((p, q) => p - q)).toEqual(range(0, 10));
    expect(epochs.some((e) => e.join() !== range(0, 10).join())).toBe(true);
    expect(epochs[0].join()).not.toBe(epochs[1].join());
    expect(await run()).toEqual(a);
  });

  it("shuffle 'batch' moves batch-sized chunks whole and keeps the partial chunk last (Keras 2 batch_shuffle)", async () => {
    setRandomSeed(3);
    const { model, recorder } = recordingModel();
    const { x, y } = idData(10);
    await model.fit(x, y, { batchSize: 3, verbose: 0, epochs: 4, shuffle: 'batch' });
    const chunks = ['0,1,2', '3,4,5', '6,7,8'];
    const orders: string[] = [];
    for (let e = 0; e < 4; e++) {
      const epoch = recorder.batches.slice(e * 4, e * 4 + 4);
      expect(epoch[3]).toEqual([9]);
      const keys = epoch.slice(0, 3).map((b) => b.join());
      expect([...keys].sort()).toEqual(chunks);
      orders.push(keys.join('|'));
    }
    expect(new Set(orders).size).toBeGreaterThan(1);
  });

  it('stepsPerEpoch: each epoch is that many batches from a continuing stream of passes; params say steps, samples null', async () => {
    const { model, recorder } = recordingModel();
    const { x, y } = idData(5);
    const h = await model.fit(x, y, { batchSize: 2, verbose: 0, epochs: 2, stepsPerEpoch: 4, shuffle: false });
    expect(recorder.batches).toEqual([[0, 1], [2, 3], [4], [0, 1], [2, 3], [4], [0, 1], [2, 3]]);
    expect(h.params).toMatchObject({ steps: 4, samples: null });
  });
});

describe('Sequential.fit: validation', () => {
  it('validationSplit takes the LAST fraction before shuffling; validation is unshuffled and reported as val_', async () => {
    setRandomSeed(5);
    const { model, recorder } = recordingModel();
    const { x, y } = idData(10);
    const h = await model.fit(x, y, { batchSize: 4, verbose: 0, epochs: 3, validationSplit: 0.3 });
    const trained = recorder.batches.flat();
    expect(trained).toHaveLength(21);
    expect(new Set(trained)).toEqual(new Set(range(0, 7)));
    expect(recorder.evalBatches).toEqual([[7, 8, 9], [7, 8, 9], [7, 8, 9]]);
    expect(Object.keys(h.history).sort()).toEqual(['loss', 'val_loss']);
    expect(h.params).toMatchObject({ samples: 7, steps: 2, doValidation: true, metrics: ['loss', 'val_loss'] });
    // lr 0, weights zero: val_loss is the mse of predicting 0 for ids 7, 8, 9 (targets 1, 0, 1).
    expectClose(h.history.val_loss, [2 / 3, 2 / 3, 2 / 3], 6);
  });

  it('val_loss and val_ metrics are computed on the weights after the epoch, with sample weights from [x, y, w]', async () => {
    const model = linearModel(W0, B0);
    model.compile({ optimizer: sgd01(), loss: 'mse', metrics: ['mae'] });
    const vx = [[1, 0], [0, 1], [2, 2]];
    const vy = [[1], [0], [3]];
    const vw = [2, 0, 1];
    const h = await model.fit(X, Y, { batchSize: 6, verbose: 0, epochs: 2, validationData: [vx, vy, vw] });
    let W = W0;
    let B = B0;
    const expected: number[] = [];
    const expectedMae: number[] = [];
    for (let e = 0; e < 2; e++) {
      const r = refMseStep(W, B, X, Y);
      W = r.W;
      B = r.b;
      expected.push(refMseLoss(W, B, vx, vy, vw));
      const p = vx.map((row) => B[0] + row[0] * W[0][0] + row[1] * W[1][0]);
      // Plain metrics ignore the sample weights.
      expectedMae.push(p.reduce((s, v, i) => s + Math.abs(v - vy[i][0]), 0) / 3);
    }
    expectClose(h.history.val_loss, expected, 5);
    expectClose(h.history.val_mean_absolute_error, expectedMae, 5);
  });

  it('validationData [x, y] overrides validationSplit: all samples train', async () => {
    const { model, recorder } = recordingModel();
    const { x, y } = idData(6);
    const h = await model.fit(x, y, { batchSize: 6, verbose: 0, shuffle: false, validationSplit: 0.5, validationData: [[[100, 1], [101, 1]], [[1], [1]]] });
    expect(recorder.batches).toEqual([[0, 1, 2, 3, 4, 5]]);
    expect(recorder.evalBatches).toEqual([[100, 101]]);
    expect(h.params).toMatchObject({ samples: 6 });
    expectClose(h.history.val_loss, [1], 6);
  });

  it('validationSteps: each epoch validates the same first batches', async () => {
    const { model, recorder } = recordingModel();
    const { x, y } = idData(4);
    const vx = [[100, 1], [101, 1], [102, 1], [103, 1], [104, 1]];
    const vy = [[0], [0], [0], [0], [0]];
    await model.fit(x, y, { batchSize: 2, verbose: 0, epochs: 2, shuffle: false, validationData: [vx, vy], validationSteps: 2 });
    expect(recorder.evalBatches).toEqual([[100, 101], [102, 103], [100, 101], [102, 103]]);
  });
});

describe('Sequential.fit: callbacks and History', () => {
  it('plain-object hooks run in Keras order; onBatchBegin/End (Keras 2 names) see training batches with batch, size and loss', async () => {
    const model = linearModel(W0, B0);
    model.compile({ optimizer: sgd01(), loss: 'mse' });
    const events: string[] = [];
    const batchLogs: Logs[] = [];
    const hooks = {
      onTrainBegin: () => { events.push('trainBegin'); },
      onEpochBegin: (e: number) => { events.push(`epochBegin ${e}`); },
      onBatchBegin: (b: number) => { events.push(`batchBegin ${b}`); },
      onBatchEnd: (b: number, logs?: Logs) => { events.push(`batchEnd ${b}`); batchLogs.push({ ...logs! }); },
      onTestBegin: () => { events.push('testBegin'); },
      onEpochEnd: (e: number, logs?: Logs) => { events.push(`epochEnd ${e} ${Object.keys(logs!).sort().join(',')}`); },
      onTrainEnd: () => { events.push('trainEnd'); },
    };
    await model.fit(X, Y, { batchSize: 4, epochs: 2, verbose: 0, shuffle: false, callbacks: [hooks], validationData: [X.slice(0, 2), Y.slice(0, 2)] });
    expect(events).toEqual([
      'trainBegin',
      'epochBegin 0', 'batchBegin 0', 'batchEnd 0', 'batchBegin 1', 'batchEnd 1', 'testBegin', 'epochEnd 0 loss,val_loss',
      'epochBegin 1', 'batchBegin 0', 'batchEnd 0', 'batchBegin 1', 'batchEnd 1', 'testBegin', 'epochEnd 1 loss,val_loss',
      'trainEnd',
    ]);
    expect(batchLogs.map((l) => [l.batch, l.size])).toEqual([[0, 4], [1, 2], [0, 4], [1, 2]]);
    expectClose([batchLogs[0].loss], [refMseStep(W0, B0, X.slice(0, 4), Y.slice(0, 4)).loss], 6);
  });

  it('a Callback subclass gets params and the model; onTrainBatchEnd and onBatchEnd are the same hook', async () => {
    const model = linearModel(W0, B0);
    model.compile({ optimizer: sgd01(), loss: 'mse' });
    class Spy extends callbacks.Callback {
      seen: number[] = [];
      override onBatchEnd(batch: number): void {
        this.seen.push(batch);
        expect(this.model).toBe(model);
        expect(this.params?.steps).toBe(2);
      }
    }
    const spy = new Spy();
    const trainEnd: number[] = [];
    await model.fit(X, Y, { batchSize: 3, verbose: 0, callbacks: [spy, { onTrainBatchEnd: (b: number) => { trainEnd.push(b); } }] });
    expect(spy.seen).toEqual([0, 1]);
    expect(trainEnd).toEqual([0, 1]);
  });

  it('model.stopTraining from a callback ends fit after the current batch', async () => {
    const model = linearModel(W0, B0);
    model.compile({ optimizer: sgd01(), loss: 'mse' });
    let batches = 0;
    const h = await model.fit(X, Y, {
      batchSize: 2, epochs: 5, shuffle: false, verbose: 0,
      callbacks: [{ onBatchEnd: (b: number) => { batches++; if (b === 1) model.stopTraining = true; } }],
    });
    expect(batches).toBe(2);
    expect(h.epoch).toEqual([0]);
    const r1 = refMseStep(W0, B0, X.slice(0, 2), Y.slice(0, 2));
    const r2 = refMseStep(r1.W, r1.b, X.slice(2, 4), Y.slice(2, 4));
    expectClose(h.history.loss, [(r1.loss + r2.loss) / 2], 5);
    expectClose(await values(model.getWeights()[0]), r2.W.flat(), 5);
    // The flag is reset by the next fit.
    const h2 = await model.fit(X, Y, { batchSize: 6, epochs: 2, verbose: 0 });
    expect(h2.epoch).toEqual([0, 1]);
  });

  it('EarlyStopping with restoreBestWeights restores the weights of the best epoch', async () => {
    // w moves 0 -> 1 (train target 1); val target 0.5 so val_loss falls, then rises after w passes 0.5.
    const model = new Sequential({ layers: [layers.dense({ units: 1, inputShape: [1], useBias: false, kernelInitializer: 'zeros' })] });
    model.compile({ optimizer: sgd01(), loss: 'mse' });
    const perEpoch: number[] = [];
    const h = await model.fit([[1]], [[1]], {
      epochs: 20, verbose: 0, validationData: [[[1]], [[0.5]]],
      callbacks: [
        { onEpochEnd: async () => { perEpoch.push((await values(model.getWeights()[0]))[0]); } },
        new callbacks.EarlyStopping({ monitor: 'val_loss', patience: 2, restoreBestWeights: true }),
      ],
    });
    // w_t = 1 - 0.8^(t+1): 0.2, 0.36, 0.488, 0.5904, 0.67232 -> val_loss best at epoch 2.
    expectClose(perEpoch, [0.2, 0.36, 0.488, 0.5904, 0.67232], 5);
    expect(h.epoch).toEqual([0, 1, 2, 3, 4]);
    expectClose(h.history.val_loss, perEpoch.map((w) => (w - 0.5) ** 2), 5);
    expect((await values(model.getWeights()[0]))[0]).toBe(perEpoch[2]);
  });
});

describe('Sequential.fit: verbose output', () => {
  const write = process.stdout.write;
  afterEach(() => { process.stdout.write = write; });

  async function captured(verbose: 0 | 1 | 2, withValidation = false): Promise<{ text: string; loss: number[]; val: number[] }> {
    let text = '';
    process.stdout.write = ((s: string) => { text += s; return true; }) as typeof process.stdout.write;
    const model = linearModel(W0, B0);
    model.compile({ optimizer: sgd01(), loss: 'mse' });
    const h = await model.fit(X, Y, { batchSize: 4, epochs: 2, verbose, shuffle: false, validationData: withValidation ? [X, Y] : undefined });
    process.stdout.write = write;
    return { text, loss: h.history.loss, val: h.history.val_loss ?? [] };
  }

  it('verbose 0 prints nothing', async () => {
    expect((await captured(0, true)).text).toBe('');
  });

  it("with initialEpoch the epoch lines count from it: 'Epoch 3/4', 'Epoch 4/4'", async () => {
    let text = '';
    process.stdout.write = ((s: string) => { text += s; return true; }) as typeof process.stdout.write;
    const model = linearModel(W0, B0);
    model.compile({ optimizer: sgd01(), loss: 'mse' });
    await model.fit(X, Y, { epochs: 4, initialEpoch: 2, verbose: 2 });
    process.stdout.write = write;
    expect(text.split('\n').filter((l) => l.startsWith('Epoch'))).toEqual(['Epoch 3/4', 'Epoch 4/4']);
  });

  it("verbose 2 prints Keras 2's one line an epoch: 'Epoch i/n' then ' - 0s - loss: ... - val_loss: ...'", async () => {
    const { text, loss, val } = await captured(2, true);
    const lines = text.split('\n').filter((l) => l !== '');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toBe('Epoch 1/2');
    expect(lines[2]).toBe('Epoch 2/2');
    expect(lines[1]).toMatch(/^ - \d+s - loss: \d\.\d{4} - val_loss: \d\.\d{4}$/);
    expect(lines[1]).toContain(`loss: ${loss[0].toFixed(4)} - val_loss: ${val[0].toFixed(4)}`);
    expect(lines[3]).toContain(`loss: ${loss[1].toFixed(4)}`);
  });

  it('verbose 1 draws a progress bar over samples ending at n/n with the epoch loss', async () => {
    const { text, loss } = await captured(1);
    expect(text).toContain('Epoch 1/2');
    const finals = text.split(/[\r\n]/).filter((l) => l.startsWith('6/6 ['));
    expect(finals).toHaveLength(2);
    expect(finals[0]).toMatch(/^6\/6 \[==============================\] - \d+s \d+[mu]?s\/step - loss: \d\.\d{4}\s*$/);
    expect(finals[0]).toContain(`loss: ${loss[0].toFixed(4)}`);
    expect(finals[1]).toContain(`loss: ${loss[1].toFixed(4)}`);
  });
});

describe('Sequential.fit: determinism', () => {
  async function run(): Promise<{ weights: number[][]; loss: number[] }> {
    setRandomSeed(1234);
    const model = new Sequential();
    model.add(layers.dense({ units: 6, inputShape: [3], activation: 'relu' }));
    model.add(layers.dropout({ rate: 0.5 }));
    model.add(layers.dense({ units: 1 }));
    model.compile({ optimizer: 'adam', loss: 'mse' });
    const x = Array.from({ length: 20 }, (_, i) => [Math.sin(i), Math.cos(i), i / 20]);
    const y = x.map(([a, b, c]) => [a * b - c]);
    const h = await model.fit(x, y, { batchSize: 6, epochs: 4, verbose: 0, validationSplit: 0.2 });
    const weights = await Promise.all(model.getWeights().map(values));
    model.dispose();
    return { weights, loss: [...h.history.loss, ...h.history.val_loss] };
  }

  it('setRandomSeed makes two runs (initialisation, dropout, shuffling) bit-identical', async () => {
    const a = await run();
    const b = await run();
    expect(b.weights).toEqual(a.weights);
    expect(b.loss).toEqual(a.loss);
    setRandomSeed(99);
    const model = new Sequential({ layers: [layers.dense({ units: 1, inputShape: [1] })] });
    const other = await values(model.getWeights()[0]);
    setRandomSeed(99);
    const same = new Sequential({ layers: [layers.dense({ units: 1, inputShape: [1] })] });
    expect(await values(same.getWeights()[0])).toEqual(other);
  });

  it('dropout is active in fit only: predict is deterministic and unscaled', async () => {
    const model = new Sequential();
    model.add(layers.dropout({ rate: 0.5, inputShape: [4] }));
    model.add(layers.dense({ units: 1, kernelInitializer: 'ones', useBias: false }));
    model.compile({ optimizer: optimizers.sgd({ learningRate: 0 }), loss: 'mse' });
    const p = await model.predict([[1, 2, 3, 4]]);
    expect(await values(p)).toEqual([10]);
    p.dispose();
    // In training, kept units are scaled by 1 / (1 - rate): the loss is (2 * kept - 0)^2 for some subset.
    const loss = (await model.trainOnBatch([[1, 1, 1, 1]], [[0]])) as number;
    expect([0, 4, 16, 36, 64]).toContain(Math.round(loss));
    const t: Tensor = tensor([1]);
    t.dispose();
  });
});
