import { describe, expect, it } from 'vitest';
import { Sequential, layers, loadModel, memory, optimizers, regularizers, saving, tensor, tidy } from '@layerwise/api';
import { expectClose, vals, wave } from './layers-helpers.js';
import { refForward, refMseStep, rows } from './sequential-helpers.js';

// Keras 2.2.4 (engine/base_layer.py __call__, engine/training.py compile): the activity
// regularizer's value on the layer's output (the whole batch: L1L2 sums, no mean) is added
// to the total loss, which both the train and the test functions report.

const W = [[0.9, -1.2], [1.5, 0.4], [-0.7, 2.0]];
const B = [0.3, -0.1];
const X = [[1, 2, -1], [0.5, -1, 2], [2, 0, 1], [-1, 1, 0.5]];
const Y = [[1, -2], [3, 0], [0, 1], [-2, 2]];

function regularizedModel(l1: number, l2: number, trainable = true): Sequential {
  const model = new Sequential({ layers: [layers.dense({ units: 2, inputShape: [3], trainable, activityRegularizer: regularizers.l1l2({ l1, l2 }) })] });
  model.setWeights([tensor(W.flat(), [3, 2]), tensor(B)]);
  return model;
}

/** Keras's loss with the penalty l1 * sum|p| + l2 * sum p^2 on the outputs, and one SGD step, in float64. */
function refRegularizedStep(w: number[][], b: number[], x: number[][], y: number[][], l1: number, l2: number, lr: number) {
  const plain = refMseStep(w, b, x, y, { lr: 0 });
  const p = refForward(w, b, x);
  const penalty = p.flat().reduce((s, v) => s + l1 * Math.abs(v) + l2 * v * v, 0);
  const units = b.length;
  const dp = p.map((row, i) => row.map((v, j) => (2 * (v - y[i][j])) / (units * x.length) + l1 * Math.sign(v) + 2 * l2 * v));
  const dW = w.map((row, a) => row.map((_, j) => dp.reduce((s, d, i) => s + x[i][a] * d[j], 0)));
  const db = b.map((_, j) => dp.reduce((s, d) => s + d[j], 0));
  return { loss: plain.loss + penalty, W: w.map((row, a) => row.map((v, j) => v - lr * dW[a][j])), b: b.map((v, j) => v - lr * db[j]) };
}

describe('activityRegularizer: counted in the loss as Keras 2 counts it', () => {
  it('trainOnBatch: the loss and the step include the penalty on the outputs', async () => {
    const model = regularizedModel(0.1, 0.05);
    model.compile({ optimizer: optimizers.sgd({ learningRate: 0.1 }), loss: 'mse' });
    const ref = refRegularizedStep(W, B, X, Y, 0.1, 0.05, 0.1);
    expect(await model.trainOnBatch(X, Y) as number).toBeCloseTo(ref.loss, 4);
    const [k, b] = model.getWeights();
    expectClose(vals(k), ref.W.flat(), 1e-5);
    expectClose(vals(b), ref.b, 1e-5);
    k.dispose();
    b.dispose();
    // The next step's loss counts only this batch's outputs (not the previous step's too).
    const ref2 = refRegularizedStep(ref.W, ref.b, X, Y, 0.1, 0.05, 0.1);
    const before = memory().buffers;
    expect(await model.trainOnBatch(X, Y) as number).toBeCloseTo(ref2.loss, 4);
    expect(memory().buffers).toBe(before);
    model.dispose();
  });

  it('evaluate and testOnBatch count it per batch (batches of 2: the mean of the batch losses)', async () => {
    const model = regularizedModel(0.2, 0);
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    const batchLoss = (lo: number) => refRegularizedStep(W, B, X.slice(lo, lo + 2), Y.slice(lo, lo + 2), 0.2, 0, 0).loss;
    expect(await model.evaluate(X, Y, { batchSize: 2, verbose: 0 }) as number).toBeCloseTo((batchLoss(0) + batchLoss(2)) / 2, 4);
    expect(await model.testOnBatch(X, Y) as number).toBeCloseTo(refRegularizedStep(W, B, X, Y, 0.2, 0, 0).loss, 4);
    // A prediction the caller still holds is no part of a later pass's loss.
    const held = await model.predict(X);
    expect(await model.testOnBatch(X.slice(0, 2), Y.slice(0, 2)) as number).toBeCloseTo(batchLoss(0), 4);
    held.dispose();
    model.dispose();
  });

  it('a frozen layer still adds its activity penalty (it is a function of the output, not of trainable weights)', async () => {
    const model = regularizedModel(0, 0.3, false);
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    expect(await model.evaluate(X, Y, { verbose: 0 }) as number).toBeCloseTo(refRegularizedStep(W, B, X, Y, 0, 0.3, 0).loss, 4);
    model.dispose();
  });

  it('Conv1D and Embedding: the penalty of the outputs they computed', async () => {
    const cases = [
      { model: new Sequential({ layers: [layers.conv1d({ filters: 2, kernelSize: 2, inputShape: [4, 3], activityRegularizer: regularizers.l2(0.04) })] }),
        x: tensor(wave(2 * 4 * 3), [2, 4, 3]), l1: 0, l2: 0.04 },
      { model: new Sequential({ layers: [layers.embedding({ inputDim: 6, outputDim: 3, inputLength: 4, activityRegularizer: 'l1' })] }),
        x: tensor([[1, 2, 3, 5], [0, 4, 4, 1]]), l1: 0.01, l2: 0 },
    ];
    for (const c of cases) {
      c.model.compile({ optimizer: 'sgd', loss: 'mse' });
      const out = await c.model.predict(c.x);
      const p = vals(out);
      const y = tensor(wave(p.length, 0.8), out.shape);
      const mse = p.reduce((s, v, i) => s + (v - wave(p.length, 0.8)[i]) ** 2, 0) / p.length;
      const penalty = p.reduce((s, v) => s + c.l1 * Math.abs(v) + c.l2 * v * v, 0);
      expect(await c.model.evaluate(c.x, y, { verbose: 0 }) as number).toBeCloseTo(mse + penalty, 4);
      out.dispose();
      c.model.dispose();
    }
  });

  it('regularizationLosses() of a directly applied layer: the penalties of its live outputs of the current scope', () => {
    const layer = layers.dense({ units: 2, activityRegularizer: regularizers.l1(0.5), kernelInitializer: 'ones' });
    tidy(() => {
      const y1 = layer.apply(tensor([[1, -2, 0.5]]));
      const y2 = layer.apply(tensor([[2, 1, 1]]));
      const losses = layer.regularizationLosses();
      // A layer applied twice in one pass (a shared layer) is penalised for each output.
      expect(losses.map((l) => vals(l)[0])).toEqual([0.5 * vals(y1).reduce((s, v) => s + Math.abs(v), 0), 0.5 * vals(y2).reduce((s, v) => s + Math.abs(v), 0)]);
    });
    // A new pass in a new scope forgets the outputs of the closed one.
    tidy(() => {
      layer.apply(tensor([[1, 1, 1]]));
      expect(layer.regularizationLosses().map((l) => vals(l)[0])).toEqual([0.5 * 6]);
    });
    layer.dispose();
  });
});

describe('activityRegularizer: config', () => {
  it('written as Keras writes it and read back', async () => {
    const model = new Sequential({ layers: [
      layers.dense({ units: 2, inputShape: [3], activityRegularizer: regularizers.l1l2({ l1: 0.01, l2: 0.02 }) }),
      layers.dense({ units: 1 }),
    ] });
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    const handler = saving.memoryHandler();
    await model.save(handler);
    const cfgs = (handler.artifacts!.modelTopology as { config: { layers: { config: Record<string, unknown> }[] } }).config.layers.map((l) => l.config);
    expect(cfgs[0].activity_regularizer).toEqual({ class_name: 'L1L2', config: { l1: 0.01, l2: 0.02 } });
    expect(cfgs[1].activity_regularizer).toBeNull();
    const loaded = await loadModel(handler);
    expect(loaded.layers.map((l) => l.getConfig())).toEqual(model.layers.map((l) => l.getConfig()));
    loaded.compile({ optimizer: 'sgd', loss: 'mse' });
    const x = rows(wave(12), 3);
    const y = rows(wave(4, 1), 1);
    expect(await loaded.evaluate(x, y, { verbose: 0 }) as number).toBeCloseTo(await model.evaluate(x, y, { verbose: 0 }) as number, 6);
    model.dispose();
    loaded.dispose();
  });

  it('a bad activity regularizer is refused with the layer named', () => {
    expect(() => layers.dense({ units: 1, name: 'd', activityRegularizer: 'l3' as never })).toThrow('d: activityRegularizer: unknown regularizer "l3"');
  });
});
