import { describe, expect, it } from 'vitest';
import { Model, Sequential, input, layers, loadModel, memory, model, optimizers, regularizers, saving, tensor, type Tensor } from '@layerwise/api';
import { Dataset } from '@layerwise/data';
import { values } from './sequential-helpers.js';

/** Float64 x @ W + b for one row. */
const affine = (x: number[], W: number[][], b: number[]): number[] => b.map((bj, j) => bj + x.reduce((s, xi, i) => s + xi * W[i][j], 0));
const softmax = (z: number[]): number[] => {
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp(v - m));
  const s = e.reduce((a, v) => a + v, 0);
  return e.map((v) => v / s);
};
/**
 * Keras 2's weighted_masked_objective on per-sample scores: mean(s * w) / mean(w != 0)
 * (a batch whose weights are all zero gives 0 here, where Keras 2.2.4 divides 0 by 0).
 */
const weighted = (scores: number[], w: number[]): number => {
  const n = scores.length;
  const nz = w.filter((v) => v !== 0).length / n;
  return scores.reduce((acc, s, i) => acc + s * w[i], 0) / n / Math.max(nz, 1e-7);
};

function setDense(layer: { setWeights(w: Tensor[]): void }, W: number[][], b: number[]): void {
  const ts = [tensor(W), tensor(b)];
  layer.setWeights(ts);
  for (const t of ts) t.dispose();
}

describe('functional Model: two outputs, loss weights and per-output sample weights (Keras 2.2.4 formula)', () => {
  // x [4, 2] -> h = Dense(3, L2 0.01) -> a = Dense(1) (mse), b = Dense(3, softmax) (categorical_crossentropy)
  const X = [[0.5, -1], [1, 2], [-0.3, 0.8], [2, -0.5]];
  const Wh = [[0.2, -0.4, 0.1], [0.3, 0.5, -0.2]];
  const bh = [0.05, -0.1, 0.0];
  const Wa = [[0.7], [-0.3], [0.2]];
  const ba = [0.1];
  const Wb = [[0.4, -0.2, 0.1], [0.0, 0.3, -0.5], [0.6, 0.1, 0.2]];
  const bb = [0.0, 0.1, -0.1];
  const YA = [[1], [-0.5], [0.25], [2]];
  const YB = [[1, 0, 0], [0, 0, 1], [0, 1, 0], [0, 0, 1]];
  const WA = [1, 2, 0, 0.5];
  const WB = [0.5, 1, 1, 0];

  function build(): Model {
    const x = input({ shape: [2], name: 'x' });
    const h = layers.dense({ units: 3, name: 'h', kernelRegularizer: regularizers.l2(0.01) }).apply(x);
    const a = layers.dense({ units: 1, name: 'a' }).apply(h);
    const b = layers.dense({ units: 3, activation: 'softmax', name: 'b' }).apply(h);
    const m = new Model({ inputs: x, outputs: [a, b], name: 'two_heads' });
    setDense(m.getLayer('h'), Wh, bh);
    setDense(m.getLayer('a'), Wa, ba);
    setDense(m.getLayer('b'), Wb, bb);
    m.compile({ optimizer: optimizers.sgd({ learningRate: 0.1 }), loss: { a: 'mse', b: 'categorical_crossentropy' },
      lossWeights: { a: 1, b: 0.2 }, metrics: { b: ['acc'] } });
    return m;
  }

  /** The hand computation: per-output weighted losses, total = 1 * a + 0.2 * b + 0.01 * sum(Wh^2); b's accuracy. */
  function expected(wa = WA, wb = WB, rows = [0, 1, 2, 3]) {
    const hs = rows.map((r) => affine(X[r], Wh, bh));
    const pa = hs.map((h) => affine(h, Wa, ba));
    const pb = hs.map((h) => softmax(affine(h, Wb, bb)));
    const mse = pa.map((p, i) => (p[0] - YA[rows[i]][0]) ** 2);
    const eps = 1e-7;
    const cce = pb.map((p, i) => -p.reduce((s, v, j) => s + YB[rows[i]][j] * Math.log(Math.min(Math.max(v, eps), 1 - eps)), 0));
    const aLoss = weighted(mse, rows.map((r) => wa[r]));
    const bLoss = weighted(cce, rows.map((r) => wb[r]));
    const reg = 0.01 * Wh.flat().reduce((s, v) => s + v * v, 0);
    const argmax = (r: number[]) => r.indexOf(Math.max(...r));
    const acc = pb.reduce((s, p, i) => s + (argmax(p) === argmax(YB[rows[i]]) ? 1 : 0), 0) / rows.length;
    return { loss: aLoss + 0.2 * bLoss + reg, aLoss, bLoss, acc };
  }

  it('metricsNames follow Keras 2: loss, per-output losses, then each output\'s metrics', () => {
    const m = build();
    expect(m.metricsNames).toEqual(['loss', 'a_loss', 'b_loss', 'b_acc']);
    expect(m.outputNames).toEqual(['a', 'b']);
    m.dispose();
  });

  it('evaluate and the fit History equal the hand computation (records and lists alike)', async () => {
    const e = expected();
    const m = build();
    const byName = await m.evaluate(X, { a: YA, b: YB }, { sampleWeight: { a: WA, b: WB }, verbose: 0 }) as number[];
    const xt = tensor(X);
    // One input given as a list of one Tensor.
    const byList = await m.evaluate([xt], [YA, YB], { sampleWeight: [WA, WB], verbose: 0 }) as number[];
    // Batches of 3 and 1: Keras 2 weights each batch's values by its size (the zero-weight
    // normalisation is per batch, so this differs from the whole-data value).
    const batched = await m.evaluate([xt], [YA, YB], { sampleWeight: [WA, WB], verbose: 0, batchSize: 3 }) as number[];
    xt.dispose();
    for (const r of [byName, byList]) {
      expect(r[0]).toBeCloseTo(e.loss, 5);
      expect(r[1]).toBeCloseTo(e.aLoss, 5);
      expect(r[2]).toBeCloseTo(e.bLoss, 5);
      expect(r[3]).toBeCloseTo(e.acc, 6);
    }
    const e3 = expected(WA, WB, [0, 1, 2]);
    const e1 = expected(WA, WB, [3]);
    expect(batched[0]).toBeCloseTo((3 * e3.loss + e1.loss) / 4, 5);
    expect(batched[2]).toBeCloseTo((3 * e3.bLoss + e1.bLoss) / 4, 5);
    const h = await m.fit(X, { a: YA, b: YB }, { sampleWeight: { a: WA, b: WB }, batchSize: 4, epochs: 1, shuffle: false, verbose: 0,
      validationData: [X, [YA, YB], [WA, WB]] });
    expect(Object.keys(h.history).sort()).toEqual(['a_loss', 'b_acc', 'b_loss', 'loss', 'val_a_loss', 'val_b_acc', 'val_b_loss', 'val_loss']);
    // One batch: the logged loss is the loss before the update.
    expect(h.history.loss[0]).toBeCloseTo(e.loss, 5);
    expect(h.history.a_loss[0]).toBeCloseTo(e.aLoss, 5);
    expect(h.history.b_loss[0]).toBeCloseTo(e.bLoss, 5);
    expect(h.history.b_acc[0]).toBeCloseTo(e.acc, 6);
    // Validation runs after the update, so it differs from the training values.
    expect(h.history.val_loss[0]).toBeLessThan(e.loss);
    // Once the optimizer has its slots, training frees everything it makes.
    const before = memory().buffers;
    await m.fit(X, { a: YA, b: YB }, { epochs: 2, batchSize: 3, verbose: 0, validationSplit: 0.25 });
    expect(memory().buffers).toBe(before);
    m.dispose();
  });

  it('without sample weights every weight is 1; the a-head alone moves under a loss dict that leaves b out', async () => {
    const ones = [1, 1, 1, 1];
    const e = expected(ones, ones);
    const m = build();
    const r = await m.testOnBatch(X, [YA, YB]) as number[];
    expect(r[0]).toBeCloseTo(e.loss, 5);
    m.compile({ optimizer: 'sgd', loss: { a: 'mse' } });
    expect(m.metricsNames).toEqual(['loss', 'a_loss']);
    const bBefore = await values(m.getLayer('b').getWeights()[0]);
    await m.fit(X, YA, { epochs: 1, verbose: 0 });
    expect(await values(m.getLayer('b').getWeights()[0])).toEqual(bBefore);
    m.dispose();
  });

  it('bad data and compile arguments name the input or output', async () => {
    const m = build();
    await expect(m.fit(X, [YA], { verbose: 0 })).rejects.toThrow(/'y' is a list of 1 arrays but the model has 2 trained outputs \('a', 'b'\)/);
    await expect(m.fit(X, { a: YA, c: YB }, { verbose: 0 })).rejects.toThrow(/'y' names 'c'/);
    await expect(m.fit(X, { a: YA }, { verbose: 0 })).rejects.toThrow(/no data for output 'b'/);
    await expect(m.fit(X, { a: YA, b: [[1, 0]] }, { verbose: 0 })).rejects.toThrow(/output 'b'/);
    expect(() => m.compile({ optimizer: 'sgd', loss: ['mse'] })).toThrow(/loss has 1 entries but model 'two_heads' has 2 outputs \('a', 'b'\)/);
    expect(() => m.compile({ optimizer: 'sgd', loss: 'mse', lossWeights: { c: 1 } })).toThrow(/unknown output\(s\) 'c'; the outputs are 'a', 'b'/);
    m.dispose();
  });
});

describe('functional Model: graphs', () => {
  it('a residual block: Add of a Dense path and the input, predict equals the float64 formula', async () => {
    const x = input({ shape: [3] });
    const d = layers.dense({ units: 3, activation: 'relu', name: 'res_dense' });
    const y = layers.add().apply([d.apply(x), x]);
    const m = model({ inputs: x, outputs: y });
    const W = [[0.1, -0.2, 0.3], [0.4, 0.5, -0.6], [-0.7, 0.8, 0.9]];
    const b = [0.1, 0, -0.1];
    setDense(d, W, b);
    const X = [[1, 2, 3], [-1, 0.5, 2]];
    const p = await m.predict(X) as Tensor;
    const want = X.map((r) => affine(r, W, b).map((v, i) => Math.max(v, 0) + r[i]));
    (await values(p)).forEach((v, i) => expect(v).toBeCloseTo(want.flat()[i], 5));
    p.dispose();
    m.dispose();
  });

  it('two inputs, a shared layer and concatenate; summary shows Connected to', () => {
    const a = input({ shape: [4], name: 'in_a' });
    const b = input({ shape: [4], name: 'in_b' });
    const shared = layers.dense({ units: 2, name: 'shared' });
    const merged = layers.concatenate({ name: 'cat' }).apply([shared.apply(a), shared.apply(b)]);
    const out = layers.dense({ units: 1, name: 'out' }).apply(merged);
    const m = new Model({ inputs: [a, b], outputs: out, name: 'siamese' });
    expect(m.layers.map((l) => l.name)).toEqual(['in_a', 'in_b', 'shared', 'cat', 'out']);
    expect(m.inputNames).toEqual(['in_a', 'in_b']);
    expect(m.weights).toHaveLength(4);
    const lines: string[] = [];
    m.summary(undefined, undefined, (l) => lines.push(l));
    expect(lines[1]).toBe('Layer (type)                    Output Shape         Param #     Connected to                     ');
    expect(lines.find((l) => l.startsWith('shared (Dense)'))).toBe('shared (Dense)                  (None, 2)            10          in_a[0][0]                       ');
    expect(lines).toContain('                                                                 in_b[0][0]                       ');
    expect(lines).toContain('cat (Concatenate)               (None, 4)            0           shared[0][0]                     ');
    expect(lines).toContain('                                                                 shared[1][0]                     ');
    expect(lines.slice(-4, -1)).toEqual(['Total params: 15', 'Trainable params: 15', 'Non-trainable params: 0']);
    m.dispose();
  });

  it('graph errors: a non-input, a disconnected graph, duplicate names', () => {
    const x = input({ shape: [2] });
    const h = layers.dense({ units: 2 }).apply(x);
    expect(() => new Model({ inputs: h, outputs: h })).toThrow(/inputs\[0\].*must come from input\(\)/);
    const other = input({ shape: [2] });
    const y = layers.add().apply([h, layers.dense({ units: 2 }).apply(other)]);
    expect(() => new Model({ inputs: x, outputs: y })).toThrow(/graph disconnected/);
    expect(() => new Model({ inputs: x, outputs: layers.dense({ units: 1, name: h.sourceLayer.name }).apply(h) })).toThrow(/two layers are named/);
  });

  it('nested models: a Sequential inside a Model shares its weights, freezes with trainable, and is one summary row', async () => {
    const inner = new Sequential({ name: 'encoder', layers: [layers.dense({ units: 3, inputShape: [2], activation: 'tanh' }), layers.dense({ units: 2 })] });
    const x = input({ shape: [2] });
    const z = inner.apply(x);
    const out = layers.dense({ units: 1, name: 'head' }).apply(z);
    const m = new Model({ inputs: x, outputs: out });
    expect(m.layers.map((l) => l.className)).toEqual(['InputLayer', 'Sequential', 'Dense']);
    expect(m.weights).toHaveLength(6);
    const X = [[0.1, 0.2], [0.3, -0.4]];
    const direct = await inner.predict(X);
    const viaOuter = m.predictOnBatch(X);
    const head = m.getLayer('head');
    const [W, b] = head.getWeights();
    const wv = await values(W);
    const bv = await values(b);
    const dv = await values(direct);
    const ov = await values(await viaOuter as Tensor);
    ov.forEach((v, i) => expect(v).toBeCloseTo(dv[i * 2] * wv[0] + dv[i * 2 + 1] * wv[1] + bv[0], 5));
    for (const t of [W, b, direct, await viaOuter as Tensor]) t.dispose();
    inner.trainable = false;
    expect(m.trainableWeights).toHaveLength(2);
    m.compile({ optimizer: 'sgd', loss: 'mse' });
    const before = await values(inner.getWeights()[0]);
    await m.fit(X, [[1], [0]], { verbose: 0 });
    expect(await values(inner.getWeights()[0])).toEqual(before);
    const lines: string[] = [];
    m.summary(undefined, undefined, (l) => lines.push(l));
    expect(lines.find((l) => l.startsWith('encoder'))).toMatch(/^encoder \(Sequential\)\s+\(None, 2\)\s+17\s+$/);
    m.dispose();
  });

  it('generators and Datasets yield multi-input, multi-output batches', async () => {
    const a = input({ shape: [2], name: 'p' });
    const b = input({ shape: [1], name: 'q' });
    const h = layers.concatenate().apply([a, b]);
    const o1 = layers.dense({ units: 1, name: 'o1' }).apply(h);
    const o2 = layers.dense({ units: 2, activation: 'softmax', name: 'o2' }).apply(h);
    const m = new Model({ inputs: [a, b], outputs: [o1, o2] });
    m.compile({ optimizer: 'adam', loss: ['mse', 'categorical_crossentropy'], metrics: ['mae'] });
    expect(m.metricsNames).toEqual(['loss', 'o1_loss', 'o2_loss', 'o1_mean_absolute_error', 'o2_mean_absolute_error']);
    function* gen() {
      for (;;) yield [{ p: [[1, 2], [3, 4]], q: [[1], [0]] }, [[[1], [2]], [[1, 0], [0, 1]]]];
    }
    const h1 = await m.fitGenerator(gen(), { stepsPerEpoch: 2, epochs: 2, verbose: 0 });
    expect(h1.history.o2_loss).toHaveLength(2);
    const f32 = (data: number[], shape: number[]) => ({ data: Float32Array.from(data), shape });
    const ds = Dataset.fromGenerator(function* () {
      for (let i = 0; i < 4; i++) yield [[f32([i, 1], [2]), f32([0.5], [1])], { o1: f32([i], [1]), o2: f32([1, 0], [2]) }];
    }).batch(2);
    const h2 = await m.fit(ds, undefined, { epochs: 1, verbose: 0 });
    expect(h2.history.loss).toHaveLength(1);
    const r = await m.evaluateGenerator(ds, { verbose: 0 }) as number[];
    expect(r).toHaveLength(5);
    const preds = await m.predictGenerator(ds) as Tensor[];
    expect(preds.map((p) => p.shape)).toEqual([[4, 1], [4, 2]]);
    for (const p of preds) p.dispose();
    m.dispose();
  });

  it('save and load: a functional model with a shared layer and a nested model predicts the same', async () => {
    const inner = new Sequential({ name: 'inner_seq', layers: [layers.dense({ units: 3, inputShape: [3], activation: 'relu' })] });
    const x1 = input({ shape: [3], name: 'left' });
    const x2 = input({ shape: [3], name: 'right' });
    const shared = layers.dense({ units: 3, name: 'tied' });
    const l = inner.apply(shared.apply(x1));
    const r = shared.apply(x2);
    const y = layers.dot({ axes: 1, normalize: true, name: 'cos' }).apply([l, r]);
    const z = layers.dense({ units: 2, name: 'logits' }).apply(layers.concatenate().apply([y, layers.subtract().apply([l, r])]));
    const m = new Model({ inputs: [x1, x2], outputs: [z, y], name: 'round_trip' });
    m.compile({ optimizer: 'adam', loss: ['mse', 'mse'], lossWeights: [1, 0.5] });
    const X1 = [[1, 2, 3], [0, -1, 1]];
    const X2 = [[0.5, 0.5, -1], [2, 0, 1]];
    await m.fit([X1, X2], [[[1, 0], [0, 1]], [[0.5], [-0.5]]], { verbose: 0 });
    const handler = saving.memoryHandler();
    await m.save(handler);
    // Loss weights, which tfjs-layers cannot load, put the training config beside model_config
    // (as a converted Keras file has it), so tfjs still loads the model, uncompiled.
    const saved = handler.artifacts!.modelTopology as { model_config: unknown; training_config: { loss_weights: unknown } };
    expect(saved.training_config.loss_weights).toEqual({ logits: 1, cos: 0.5 });
    const topo = saved.model_config as { class_name: string; config: { layers: { name: string; inbound_nodes: unknown[] }[]; output_layers: unknown } };
    expect(topo.class_name).toBe('Model');
    expect(topo.config.layers.find((e) => e.name === 'tied')!.inbound_nodes).toEqual([[['left', 0, 0, {}]], [['right', 0, 0, {}]]]);
    expect(topo.config.layers.find((e) => e.name === 'cos')!.inbound_nodes).toEqual([[['inner_seq', 1, 0, {}], ['tied', 1, 0, {}]]]);
    const back = await loadModel(handler);
    expect(back.metricsNames).toEqual(m.metricsNames);
    const p1 = await m.predict([X1, X2]) as Tensor[];
    const p2 = await back.predict({ left: X1, right: X2 }) as Tensor[];
    for (let i = 0; i < 2; i++) expect(await values(p2[i])).toEqual(await values(p1[i]));
    // The optimizer state came along: one more step agrees.
    const y1 = [[[1, 0], [0, 1]], [[0.5], [-0.5]]];
    expect(await back.trainOnBatch([X1, X2], y1)).toEqual(await m.trainOnBatch([X1, X2], y1));
    for (const t of [...p1, ...p2]) t.dispose();
    m.dispose();
    back.dispose();
  });
});

describe('functional Model: per-output weighting modes', () => {
  function build(): Model {
    const x = input({ shape: [3, 2], name: 'steps' });
    const seq = layers.timeDistributed({ layer: layers.dense({ units: 1 }), name: 'seq' }).apply(x);
    const cls = layers.dense({ units: 3, activation: 'softmax', name: 'cls' }).apply(layers.globalAveragePooling1d({}).apply(x));
    return new Model({ inputs: x, outputs: [seq, cls] });
  }
  const X = [[[1, 0], [0, 1], [1, 1]], [[-1, 2], [0.5, 0.5], [2, -1]]];
  const YS = [[[0.5], [1], [0]], [[1], [-1], [0.25]]];
  const YC = [[0, 1, 0], [0, 0, 1]];

  it("sampleWeightMode { seq: 'temporal' } weights each timestep of that output only", async () => {
    const m = build();
    m.compile({ optimizer: 'sgd', loss: { seq: 'mse', cls: 'categorical_crossentropy' }, sampleWeightMode: { seq: 'temporal', cls: null } });
    const W = [[1, 0, 2], [0, 1, 1]];
    const r = await m.evaluate(X, { seq: YS, cls: YC }, { sampleWeight: { seq: W }, verbose: 0 }) as number[];
    const [ps, pc] = await m.predict(X) as Tensor[];
    const s = await values(ps);
    const c = await values(pc);
    ps.dispose();
    pc.dispose();
    // [b, t] squared errors, weighted per step, divided by the fraction of non-zero weights.
    const sq = YS.flat().map((y, i) => (s[i] - y[0]) ** 2);
    const seqLoss = weighted(sq, W.flat());
    const ce = YC.map((row, i) => -Math.log(c[i * 3 + row.indexOf(1)]));
    const clsLoss = ce.reduce((a, v) => a + v, 0) / 2;
    expect(m.metricsNames).toEqual(['loss', 'seq_loss', 'cls_loss']);
    expect(r[1]).toBeCloseTo(seqLoss, 5);
    expect(r[2]).toBeCloseTo(clsLoss, 5);
    expect(r[0]).toBeCloseTo(seqLoss + clsLoss, 5);
    await expect(m.evaluate(X, { seq: YS, cls: YC }, { sampleWeight: { cls: W }, verbose: 0 })).rejects.toThrow(/output 'cls'.*'sampleWeight'/);
    m.dispose();
  });

  it('classWeight by output name equals the sample weights it stands for', async () => {
    const m3 = build();
    const m4 = build();
    const start = m3.getWeights();
    m4.setWeights(start);
    for (const t of start) t.dispose();
    for (const mm of [m3, m4]) mm.compile({ optimizer: 'sgd', loss: ['mse', 'categorical_crossentropy'], weightedMetrics: { cls: ['acc'] } });
    expect(m3.metricsNames).toEqual(['loss', 'seq_loss', 'cls_loss', 'cls_weighted_acc']);
    // The targets' classes are 1 and 2: class weights 3 and 0.5 are those samples' weights.
    const a = await m3.trainOnBatch(X, [YS, YC], { classWeight: { cls: { 0: 1, 1: 3, 2: 0.5 } } }) as number[];
    const b = await m4.trainOnBatch(X, [YS, YC], { sampleWeight: { cls: [3, 0.5] } }) as number[];
    a.forEach((v, i) => expect(v).toBeCloseTo(b[i], 6));
    await expect(m3.trainOnBatch(X, [YS, YC], { classWeight: { 0: 1 } as never })).rejects.toThrow(/'classWeight' must be a record by output name/);
    m3.dispose();
    m4.dispose();
  });
});
