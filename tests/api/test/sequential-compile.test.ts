import { describe, expect, it } from 'vitest';
import { Sequential, layers, losses, memory, metrics, optimizers, tensor, type Tensor, ops } from '@layerwise/api';
import { expectClose, linearModel, refForward, refMseStep, sgd01, values } from './sequential-helpers.js';

const W0 = [[0.5], [-0.25]];
const B0 = [0.1];
const X = [[1, 2], [0.5, -1], [2, 0], [-1, 1]];
const Y = [[0], [1], [1], [0]];

describe('Sequential.compile: optimizer and loss forms', () => {
  it('optimizer by name makes the Keras 2 optimizer; an instance is used as given', () => {
    const a = linearModel(W0, B0);
    a.compile({ optimizer: 'adam', loss: 'mse' });
    expect(a.optimizer).toBeInstanceOf(optimizers.Adam);
    const opt = optimizers.rmsprop({ learningRate: 0.01 });
    a.compile({ optimizer: opt, loss: 'mse' });
    expect(a.optimizer).toBe(opt);
    expect(() => a.compile({ optimizer: 'sgdx', loss: 'mse' })).toThrow(/sgdx/);
  });

  it('a loss by Keras name, tfjs name, built-in function, list, or dict by output name gives the same step; a custom function is used', async () => {
    const ref = refMseStep(W0, B0, X, Y);
    const forms: Parameters<Sequential['compile']>[0]['loss'][] = ['mse', 'mean_squared_error', 'meanSquaredError', losses.meanSquaredError, ['mse']];
    for (const loss of forms) {
      const model = linearModel(W0, B0);
      model.compile({ optimizer: sgd01(), loss });
      expectClose([(await model.trainOnBatch(X, Y)) as number], [ref.loss], 6);
      expectClose(await values(model.getWeights()[0]), ref.W.flat(), 6);
    }
    const named = linearModel(W0, B0, { name: 'dict_loss' });
    named.compile({ optimizer: sgd01(), loss: { [named.outputName]: 'mse' } });
    expectClose([(await named.trainOnBatch(X, Y)) as number], [ref.loss], 6);
    // A custom loss: twice the absolute error, per sample (mean over the last axis).
    const custom = (yTrue: Tensor, yPred: Tensor): Tensor => ops.mul(ops.mean(ops.abs(ops.sub(yPred, yTrue)), -1), 2);
    const model = linearModel(W0, B0);
    model.compile({ optimizer: sgd01(), loss: custom, metrics: [custom] });
    expect(model.metricsNames).toEqual(['loss', 'custom']);
    const p = refForward(W0, B0, X);
    const expected = p.reduce((s, r, i) => s + 2 * Math.abs(r[0] - Y[i][0]), 0) / 4;
    expectClose((await model.testOnBatch(X, Y)) as number[], [expected, expected], 6);
  });

  it('per-output specs must name the one output: unknown names and wrong list lengths are clear errors', () => {
    const model = linearModel(W0, B0, { name: 'only_out' });
    const out = model.outputName;
    expect(() => model.compile({ optimizer: 'sgd', loss: { nope: 'mse' } })).toThrow(new RegExp(`unknown output\\(s\\) 'nope'; the only output is '${out}'`));
    expect(() => model.compile({ optimizer: 'sgd', loss: ['mse', 'mae'] })).toThrow(/loss has 2 entries but a Sequential model has 1 output/);
    expect(() => model.compile({ optimizer: 'sgd', loss: 'mse', lossWeights: { nope: 1 } })).toThrow(/lossWeights names unknown output/);
    expect(() => model.compile({ optimizer: 'sgd', loss: 'mse', lossWeights: [1, 2] })).toThrow(/lossWeights has 2 entries/);
    expect(() => model.compile({ optimizer: 'sgd', loss: 'mse', metrics: { nope: ['acc'] } })).toThrow(/metrics names unknown output/);
    expect(() => model.compile({ optimizer: 'sgd', loss: 'no_such_loss' })).toThrow(/unknown loss 'no_such_loss'/);
    expect(() => model.compile({ optimizer: 'sgd', loss: 'mse', metrics: ['no_such_metric'] })).toThrow(/unknown metric 'no_such_metric'/);
    expect(() => model.compile({ optimizer: 'sgd', loss: 'mse', sampleWeightMode: 'spatial' as 'temporal' })).toThrow(/sampleWeightMode/);
  });
});

describe('Sequential.compile: recompiling', () => {
  it("frees the slots of an optimizer it made from a name; keeps the state of one passed again (model.optimizer); refuses while fit runs", async () => {
    const model = linearModel(W0, B0);
    model.compile({ optimizer: 'adam', loss: 'mse' });
    const base = memory().buffers;
    await model.fit(X, Y, { verbose: 0 });
    // Adam: m, v and Keras 2's vhat placeholder for kernel and bias.
    expect(memory().buffers).toBe(base + 6);
    model.compile({ optimizer: 'adam', loss: 'mse' });
    expect(memory().buffers).toBe(base);
    await model.fit(X, Y, { verbose: 0 });
    const opt = model.optimizer!;
    expect(opt.iterations).toBe(1);
    model.compile({ optimizer: opt, loss: 'mae' });
    expect(model.optimizer).toBe(opt);
    expect(memory().buffers).toBe(base + 6);
    await model.fit(X, Y, { verbose: 0 });
    expect(opt.iterations).toBe(2);
    // A user's instance is theirs: recompiling away from it does not dispose it.
    const mine = optimizers.sgd({ learningRate: 0.1, momentum: 0.9 });
    model.compile({ optimizer: mine, loss: 'mse' });
    await model.fit(X, Y, { verbose: 0 });
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    expect(mine.getWeights().length).toBeGreaterThan(1);
    let failure: unknown = null;
    await model.fit(X, Y, { verbose: 0, callbacks: [{ onEpochEnd: () => { try { model.compile({ optimizer: 'sgd', loss: 'mae' }); } catch (e) { failure = e; } } }] });
    expect(String(failure)).toMatch(/compile: the model is running fit; await it before compiling again/);
  });
});

describe("Sequential.compile: 'acc' / 'accuracy' resolution (Keras 2: by output shape, then loss)", () => {
  // Predictions and targets picked so binary, categorical and sparse accuracy all give different values.
  it('one sigmoid unit: binary accuracy (threshold 0.5); names kept as written', async () => {
    const model = new Sequential({ layers: [layers.dense({ units: 1, inputShape: [1], kernelInitializer: 'ones', biasInitializer: 'zeros' })] });
    model.compile({ optimizer: 'sgd', loss: 'mse', metrics: ['acc', 'accuracy'], weightedMetrics: ['acc'] });
    expect(model.metricsNames).toEqual(['loss', 'acc', 'accuracy', 'weighted_acc']);
    // predictions 0.2, 0.7, 0.9, 0.4 -> rounded 0, 1, 1, 0; targets 0, 0, 1, 1 -> 2 of 4 right.
    const x = [[0.2], [0.7], [0.9], [0.4]];
    const y = [[0], [0], [1], [1]];
    const out = (await model.testOnBatch(x, y, { sampleWeight: [3, 1, 0, 0] })) as number[];
    const mse = (0.04 + 0.49 + 0.01 + 0.36) / 4;
    const weightedMse = (0.04 * 3 + 0.49) / 4 / 0.5;
    // weighted acc: (1*3 + 0*1) / 4 / 0.5 = 1.5 (Keras 2 normalises by the share of non-zero weights, not their sum)
    expectClose(out, [weightedMse, 0.5, 0.5, 1.5], 6);
    expect(mse).toBeGreaterThan(0);
  });

  it('several units and categorical_crossentropy: categorical accuracy (argmax)', async () => {
    const model = new Sequential({ layers: [layers.dense({ units: 3, inputShape: [3], kernelInitializer: 'identity', useBias: false, activation: 'softmax' })] });
    model.compile({ optimizer: 'sgd', loss: 'categorical_crossentropy', metrics: ['accuracy'] });
    const x = [[3, 1, 0], [0, 1, 3], [1, 4, 0]];
    const y = [[1, 0, 0], [0, 1, 0], [0, 1, 0]];
    const out = (await model.evaluate(x, y, { verbose: 0 })) as number[];
    const ce = x.map((r, i) => {
      const z = r.reduce((s, v) => s + Math.exp(v), 0);
      return -Math.log(Math.exp(r[y[i].indexOf(1)]) / z);
    });
    expectClose(out, [ce.reduce((a, b) => a + b, 0) / 3, 2 / 3], 5);
    // Binary crossentropy on several units: binary accuracy (elementwise rounding), as Keras 2.
    const bin = new Sequential({ layers: [layers.dense({ units: 3, inputShape: [3], kernelInitializer: 'identity', useBias: false, activation: 'sigmoid' })] });
    bin.compile({ optimizer: 'sgd', loss: 'binary_crossentropy', metrics: ['acc'] });
    const xb = [[1, -1, 2], [-3, 1, 1]];
    const yb = [[1, 1, 1], [0, 0, 0]];
    const accB = ((await bin.evaluate(xb, yb, { verbose: 0 })) as number[])[1];
    // rounded sigmoid: [1, 0, 1] vs [1,1,1] -> 2/3; [0, 1, 1] vs [0,0,0] -> 1/3; mean 0.5
    expectClose([accB], [0.5], 6);
  });

  it('sparse_categorical_crossentropy: sparse accuracy against one class index per sample', async () => {
    const model = new Sequential({ layers: [layers.dense({ units: 3, inputShape: [3], kernelInitializer: 'identity', useBias: false, activation: 'softmax' })] });
    model.compile({ optimizer: 'sgd', loss: 'sparseCategoricalCrossentropy', metrics: ['acc'] });
    const out = (await model.evaluate([[3, 1, 0], [0, 1, 3], [1, 4, 0]], [0, 1, 1], { verbose: 0 })) as number[];
    expectClose([out[1]], [2 / 3], 6);
  });

  it('compiled before the model is built: acc is resolved once the output shape is known', async () => {
    // With mse the rule falls to the output shape: one unit is binary accuracy (categorical would score 1 here).
    const model = new Sequential({ layers: [layers.dense({ units: 1, kernelInitializer: 'ones', useBias: false })] });
    model.compile({ optimizer: 'sgd', loss: 'mse', metrics: ['acc'] });
    const out = (await model.evaluate([[0.2], [0.7]], [[0], [0]], { verbose: 0 })) as number[];
    expect(out[1]).toBe(0.5);
  });

  it('metrics given as a dict by output name and as Metric instances keep their names', async () => {
    const model = linearModel(W0, B0, { name: 'metric_dict' });
    const mae = new metrics.MeanMetricWrapper(metrics.meanAbsoluteError, 'my_mae');
    model.compile({ optimizer: 'sgd', loss: 'mse', metrics: { [model.outputName]: ['mse', mae] } });
    expect(model.metricsNames).toEqual(['loss', 'mean_squared_error', 'my_mae']);
    const p = refForward(W0, B0, X);
    const out = (await model.evaluate(X, Y, { verbose: 0 })) as number[];
    const se = p.reduce((s, r, i) => s + (r[0] - Y[i][0]) ** 2, 0) / 4;
    const ae = p.reduce((s, r, i) => s + Math.abs(r[0] - Y[i][0]), 0) / 4;
    expectClose(out, [se, se, ae], 6);
  });
});

describe('Sequential.compile: targetTensors', () => {
  it('fit, evaluate and trainOnBatch may omit y when targets were given at compile', async () => {
    const model = linearModel(W0, B0);
    model.compile({ optimizer: sgd01(), loss: 'mse', targetTensors: [tensor(Y)] });
    const ref = refMseStep(W0, B0, X, Y);
    expectClose([(await model.evaluate(X, undefined, { verbose: 0 })) as number], [ref.loss], 6);
    const h = await model.fit(X, undefined, { batchSize: 4, verbose: 0 });
    expectClose(h.history.loss, [ref.loss], 6);
    expectClose(await values(model.getWeights()[0]), ref.W.flat(), 6);
    const plain = linearModel(W0, B0);
    plain.compile({ optimizer: sgd01(), loss: 'mse' });
    await expect(plain.fit(X, undefined, { verbose: 0 })).rejects.toThrow(/'y' is required \(or compile with targetTensors\)/);
  });
});
