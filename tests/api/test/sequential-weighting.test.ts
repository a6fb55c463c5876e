import { describe, expect, it } from 'vitest';
import { Sequential, layers, optimizers, tensor } from '@layerwise/api';
import { expectClose, linearModel, refForward, refMseLoss, refMseStep, rows, sgd01, values } from './sequential-helpers.js';

const W0 = [[0.5], [-0.25]];
const B0 = [0.1];
const X = [[1, 2], [0.5, -1], [2, 0], [-1, 1]];
const Y = [[0], [1], [1], [0]];

async function weightsOf(model: Sequential): Promise<number[][]> {
  return Promise.all(model.getWeights().map(values));
}

describe('Sequential: Keras 2 sample weighting', () => {
  it('classWeight {0: 1, 1: 3} and the equivalent sampleWeight give the same loss and the same weights after a step', async () => {
    const a = linearModel(W0, B0);
    a.compile({ optimizer: sgd01(), loss: 'mse' });
    const b = linearModel(W0, B0);
    b.compile({ optimizer: sgd01(), loss: 'mse' });
    const lossA = (await a.trainOnBatch(X, Y, { classWeight: { 0: 1, 1: 3 } })) as number;
    const lossB = (await b.trainOnBatch(X, Y, { sampleWeight: [1, 3, 3, 1] })) as number;
    const ref = refMseStep(W0, B0, X, Y, { w: [1, 3, 3, 1] });
    expect(lossA).toBe(lossB);
    expectClose([lossA], [ref.loss], 6);
    const [wa, wb] = [await weightsOf(a), await weightsOf(b)];
    expect(wa).toEqual(wb);
    expectClose(wa[0], ref.W.flat(), 6);
    expectClose(wa[1], ref.b, 6);
    // The same through fit (one batch, no shuffling) and with one-hot targets (class = argmax).
    const c = linearModel(W0, B0);
    c.compile({ optimizer: sgd01(), loss: 'mse' });
    const h = await c.fit(X, Y, { classWeight: { 0: 1, 1: 3 }, batchSize: 4, shuffle: false, verbose: 0 });
    expect(h.history.loss[0]).toBe(lossA);
    expect(await weightsOf(c)).toEqual(wa);
    const oneHot = Y.map(([v]) => (v === 1 ? [0, 1] : [1, 0]));
    const d = linearModel([[0.5, 0], [-0.25, 1]], [0.1, -0.2]);
    d.compile({ optimizer: sgd01(), loss: 'mse' });
    const lossD = await d.trainOnBatch(X, oneHot, { classWeight: { 0: 1, 1: 3 } });
    const refD = refMseStep([[0.5, 0], [-0.25, 1]], [0.1, -0.2], X, oneHot, { w: [1, 3, 3, 1] });
    expectClose([lossD as number], [refD.loss], 6);
    expectClose((await weightsOf(d))[0], refD.W.flat(), 6);
  });

  it('the batch loss is mean(loss * w) / mean(w != 0): zero-weight samples neither dilute nor move anything', async () => {
    const w = [2, 0, 0.5, 0];
    const model = linearModel(W0, B0);
    model.compile({ optimizer: sgd01(), loss: 'mse' });
    const ref = refMseStep(W0, B0, X, Y, { w });
    // By hand: the sum of l_i * w_i over 4 samples, divided by 4, divided by 2/4.
    const byHand = (ref.perSample[0] * 2 + ref.perSample[2] * 0.5) / 4 / 0.5;
    expectClose([ref.loss], [byHand], 12);
    expectClose([(await model.testOnBatch(X, Y, { sampleWeight: w })) as number], [byHand], 6);
    // Changing the targets of the zero-weight samples changes neither the loss nor the step.
    const other = linearModel(W0, B0);
    other.compile({ optimizer: sgd01(), loss: 'mse' });
    const yChanged = [[0], [50], [1], [-7]];
    const l1 = await model.trainOnBatch(X, Y, { sampleWeight: w });
    const l2 = await other.trainOnBatch(X, yChanged, { sampleWeight: w });
    expect(l1).toBe(l2);
    expect(await weightsOf(model)).toEqual(await weightsOf(other));
    expectClose((await weightsOf(model))[0], ref.W.flat(), 6);
    expectClose((await weightsOf(model))[1], ref.b, 6);
  });

  it('sampleWeight wins over classWeight (Keras 2 standardize_weights)', async () => {
    const a = linearModel(W0, B0);
    a.compile({ optimizer: sgd01(), loss: 'mse' });
    const both = await a.trainOnBatch(X, Y, { sampleWeight: [1, 2, 1, 2], classWeight: { 0: 10, 1: 0 } });
    const ref = refMseStep(W0, B0, X, Y, { w: [1, 2, 1, 2] });
    expectClose([both as number], [ref.loss], 6);
    expectClose((await weightsOf(a))[0], ref.W.flat(), 6);
    // And in fit: the same loss as sampleWeight alone.
    const b = linearModel(W0, B0);
    b.compile({ optimizer: sgd01(), loss: 'mse' });
    const h = await b.fit(X, Y, { sampleWeight: [1, 2, 1, 2], classWeight: { 0: 10, 1: 0 }, batchSize: 4, verbose: 0 });
    expectClose(h.history.loss, [ref.loss], 6);
  });

  it('classWeight also weights the validationSplit part (Keras 2 splits the standardized weights), not validationData [x, y]', async () => {
    const x = [...X, [0, 3], [1, 1]];
    const y = [...Y, [1], [0]];
    const model = linearModel(W0, B0);
    model.compile({ optimizer: optimizers.sgd({ learningRate: 0 }), loss: 'mse' });
    const split = await model.fit(x, y, { classWeight: { 0: 1, 1: 3 }, validationSplit: 1 / 3, verbose: 0 });
    // Samples 4, 5 validate, with class weights 3 and 1.
    expectClose(split.history.val_loss, [refMseLoss(W0, B0, x.slice(4), y.slice(4), [3, 1])], 6);
    expectClose(split.history.loss, [refMseLoss(W0, B0, x.slice(0, 4), y.slice(0, 4), [1, 3, 3, 1])], 6);
    const given = await model.fit(x, y, { classWeight: { 0: 1, 1: 3 }, validationData: [x.slice(4), y.slice(4)], verbose: 0 });
    expectClose(given.history.val_loss, [refMseLoss(W0, B0, x.slice(4), y.slice(4))], 6);
  });

  it('classWeight looks the target value up as Keras 2 does: a soft label is no class', async () => {
    const model = linearModel(W0, B0);
    model.compile({ optimizer: sgd01(), loss: 'mse' });
    await expect(model.trainOnBatch(X, [[0], [1], [0.5], [0]], { classWeight: { 0: 1, 1: 3 } })).rejects.toThrow(/must contain all classes in the data; missing 0.5/);
    expect(await weightsOf(model)).toEqual([[0.5, -0.25], [Math.fround(0.1)]]);
  });

  it('fit with weights over several batches follows the float64 reference step by step; the epoch loss is the batch-size-weighted mean', async () => {
    const x = [...X, [0, 3], [1, 1], [-2, 0.5]];
    const y = [...Y, [1], [0], [1]];
    const w = [1, 3, 0, 2, 1, 0, 4];
    const model = linearModel(W0, B0);
    model.compile({ optimizer: sgd01(), loss: 'mse' });
    const batchLosses: number[] = [];
    const h = await model.fit(x, y, {
      sampleWeight: w, batchSize: 3, shuffle: false, verbose: 0, epochs: 2,
      callbacks: [{ onBatchEnd: (_b: number, logs?: Record<string, number>) => { batchLosses.push(logs!.loss); } }],
    });
    let W = W0;
    let B = B0;
    const refLosses: number[] = [];
    const epochLosses: number[] = [];
    for (let e = 0; e < 2; e++) {
      let total = 0;
      for (let s = 0; s < 7; s += 3) {
        const r = refMseStep(W, B, x.slice(s, s + 3), y.slice(s, s + 3), { w: w.slice(s, s + 3) });
        refLosses.push(r.loss);
        total += r.loss * Math.min(3, 7 - s);
        W = r.W;
        B = r.b;
      }
      epochLosses.push(total / 7);
    }
    expectClose(batchLosses, refLosses, 5);
    expectClose(h.history.loss, epochLosses, 5);
    const [k, b] = await weightsOf(model);
    expectClose(k, W.flat(), 5);
    expectClose(b, B, 5);
  });

  it('lossWeights scale the loss and the gradient (list and dict by output name)', async () => {
    for (const lossWeights of [[2.5], 'dict'] as const) {
      const model = linearModel(W0, B0, { name: `lw_${typeof lossWeights}` });
      const spec = lossWeights === 'dict' ? { [model.outputName]: 2.5 } : [...lossWeights];
      model.compile({ optimizer: sgd01(), loss: 'mse', lossWeights: spec });
      const ref = refMseStep(W0, B0, X, Y, { lossWeight: 2.5, w: [1, 0, 2, 1] });
      const loss = await model.trainOnBatch(X, Y, { sampleWeight: [1, 0, 2, 1] });
      expectClose([loss as number], [ref.loss], 6);
      expectClose([ref.loss], [2.5 * refMseLoss(W0, B0, X, Y, [1, 0, 2, 1])], 12);
      const [k, b] = await weightsOf(model);
      expectClose(k, ref.W.flat(), 6);
      expectClose(b, ref.b, 6);
    }
  });

  it('weightedMetrics get sampleWeight and classWeight and the weighted_ prefix; plain metrics do not', async () => {
    const model = linearModel(W0, B0);
    model.compile({ optimizer: sgd01(), loss: 'mse', metrics: ['mse', 'mae'], weightedMetrics: ['mse', 'mae'] });
    expect(model.metricsNames).toEqual(['loss', 'mean_squared_error', 'mean_absolute_error', 'weighted_mean_squared_error', 'weighted_mean_absolute_error']);
    const w = [1, 3, 0, 2];
    const p = refForward(W0, B0, X);
    const se = p.map((r, i) => (r[0] - Y[i][0]) ** 2);
    const ae = p.map((r, i) => Math.abs(r[0] - Y[i][0]));
    const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
    const weighted = (a: number[], ws: number[]) => mean(a.map((v, i) => v * ws[i])) / (ws.filter((v) => v !== 0).length / ws.length);
    const out = (await model.testOnBatch(X, Y, { sampleWeight: w })) as number[];
    expectClose(out, [weighted(se, w), mean(se), mean(ae), weighted(se, w), weighted(ae, w)], 6);
    const cw = [1, 3, 3, 1];
    const fromClass = (await model.evaluate(X, Y, { verbose: 0, sampleWeight: cw })) as number[];
    expectClose(fromClass, [weighted(se, cw), mean(se), mean(ae), weighted(se, cw), weighted(ae, cw)], 6);
    // trainOnBatch with classWeight: metrics are computed on the pre-update predictions.
    const trained = (await model.trainOnBatch(X, Y, { classWeight: { 0: 1, 1: 3 } })) as number[];
    expectClose(trained, [weighted(se, cw), mean(se), mean(ae), weighted(se, cw), weighted(ae, cw)], 6);
  });
});

describe('Sequential: temporal sample weights', () => {
  // [samples=2, timesteps=3, features=2]
  const XT = [[[1, 0], [0, 1], [1, 1]], [[2, -1], [-1, 0.5], [0, 0]]];
  const YT = [[[1], [0], [2]], [[-1], [0.5], [1]]];
  const WT = [[1, 0, 2], [0, 0, 1]];

  function tdModel(): Sequential {
    const model = new Sequential();
    model.add(layers.timeDistributed({ layer: layers.dense({ units: 1 }), inputShape: [3, 2] }));
    model.setWeights([tensor(W0.flat(), [2, 1]), tensor(B0, [1])]);
    model.compile({ optimizer: sgd01(), loss: 'mse', sampleWeightMode: 'temporal' });
    return model;
  }

  it('TimeDistributed(Dense): [samples, timesteps] weights follow the reference, and zero timesteps contribute nothing', async () => {
    const model = tdModel();
    // A per-timestep dense is a dense over samples*timesteps rows; the Keras 2 formula is the same on the flat rows.
    const ref = refMseStep(W0, B0, XT.flat(), YT.flat(), { w: WT.flat() });
    const loss = await model.trainOnBatch(XT, YT, { sampleWeight: WT });
    expectClose([loss as number], [ref.loss], 6);
    const [k, b] = await weightsOf(model);
    expectClose(k, ref.W.flat(), 6);
    expectClose(b, ref.b, 6);
    const other = tdModel();
    const yChanged = [[[1], [99], [2]], [[-40], [7], [1]]];
    expect(await other.trainOnBatch(XT, yChanged, { sampleWeight: WT })).toBe(loss);
    expect(await weightsOf(other)).toEqual([k, b]);
  });

  it('without sampleWeightMode, per-sample weights average the loss over time first', async () => {
    const model = new Sequential();
    model.add(layers.timeDistributed({ layer: layers.dense({ units: 1 }), inputShape: [3, 2] }));
    model.setWeights([tensor(W0.flat(), [2, 1]), tensor(B0, [1])]);
    model.compile({ optimizer: sgd01(), loss: 'mse' });
    const p = refForward(W0, B0, XT.flat());
    const l = p.map((r, i) => (r[0] - YT.flat()[i][0]) ** 2);
    const perSample = [(l[0] + l[1] + l[2]) / 3, (l[3] + l[4] + l[5]) / 3];
    const out = await model.testOnBatch(XT, YT, { sampleWeight: [3, 0] });
    expectClose([out as number], [(perSample[0] * 3) / 2 / 0.5], 6);
    await expect(model.testOnBatch(XT, YT, { sampleWeight: WT })).rejects.toThrow(/sampleWeightMode: 'temporal'/);
  });

  it("LSTM returnSequences: the loss equals the temporal formula on the model's own predictions; zeroed timesteps change nothing", async () => {
    const make = () => {
      const model = new Sequential();
      model.add(layers.lstm({ units: 2, returnSequences: true, inputShape: [3, 2], kernelInitializer: 'ones', recurrentInitializer: 'ones', biasInitializer: 'zeros' }));
      model.add(layers.timeDistributed({ layer: layers.dense({ units: 1, kernelInitializer: 'ones' }) }));
      model.compile({ optimizer: sgd01(), loss: 'mse', sampleWeightMode: 'temporal' });
      return model;
    };
    const a = make();
    const pred = rows(await values(await a.predict(XT)), 1).map((r) => r[0]);
    const y = YT.flat().map((r) => r[0]);
    const w = WT.flat();
    const expected = pred.reduce((s, v, i) => s + (v - y[i]) ** 2 * w[i], 0) / 6 / (3 / 6);
    const loss = await a.trainOnBatch(XT, YT, { sampleWeight: WT });
    expectClose([loss as number], [expected], 5);
    const b = make();
    const yChanged = [[[1], [-5], [2]], [[3], [9], [1]]];
    expect(await b.trainOnBatch(XT, yChanged, { sampleWeight: WT })).toBe(loss);
    expect(await weightsOf(b)).toEqual(await weightsOf(a));
  });

  it('Masking + LSTM: masked timesteps are dropped and the rest renormalised by the mask mean, then weighted (Keras 2 weighted_masked_objective)', async () => {
    const model = new Sequential();
    model.add(layers.masking({ maskValue: 0, inputShape: [3, 2] }));
    model.add(layers.lstm({ units: 2, returnSequences: true, kernelInitializer: 'ones', recurrentInitializer: 'ones' }));
    model.add(layers.timeDistributed({ layer: layers.dense({ units: 1, kernelInitializer: 'ones' }) }));
    model.compile({ optimizer: sgd01(), loss: 'mse', sampleWeightMode: 'temporal' });
    // Sample 1's last timestep is all zeros: masked.
    const x = [[[1, 0], [0, 1], [1, 1]], [[2, -1], [-1, 0.5], [0, 0]]];
    const w = [[1, 2, 2], [0, 1, 3]];
    const pred = rows(await values(await model.predict(x)), 1).map((r) => r[0]);
    const y = YT.flat().map((r) => r[0]);
    const m = [1, 1, 1, 1, 1, 0];
    const meanMask = 5 / 6;
    const wf = w.flat();
    const nz = wf.filter((v) => v !== 0).length / 6;
    const expected = pred.reduce((s, v, i) => s + (((v - y[i]) ** 2 * m[i]) / meanMask) * wf[i], 0) / 6 / nz;
    expectClose([(await model.testOnBatch(x, YT, { sampleWeight: w })) as number], [expected], 5);
  });

  it('classWeight with 3-D targets is a clear error (Keras 2), weights unchanged', async () => {
    const model = tdModel();
    const before = await weightsOf(model);
    await expect(model.trainOnBatch(XT, YT, { classWeight: { 0: 1 } })).rejects.toThrow(/classWeight.*3\+ dimensional/);
    expect(await weightsOf(model)).toEqual(before);
  });
});

describe('Sequential: optimizer applies to the weighted loss exactly once', () => {
  it('SGD lr 0.1 through optimizers.sgd and the name sgd (Keras default lr 0.01) give the expected steps', async () => {
    const byName = linearModel(W0, B0);
    byName.compile({ optimizer: 'sgd', loss: 'mse' });
    await byName.trainOnBatch(X, Y);
    const ref = refMseStep(W0, B0, X, Y, { lr: 0.01 });
    expectClose((await weightsOf(byName))[0], ref.W.flat(), 6);
    const inst = linearModel(W0, B0);
    inst.compile({ optimizer: optimizers.sgd({ learningRate: 0.1 }), loss: 'mse' });
    await inst.trainOnBatch(X, Y);
    expectClose((await weightsOf(inst))[0], refMseStep(W0, B0, X, Y).W.flat(), 6);
  });
});
