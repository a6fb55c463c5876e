import { describe, expect, it } from 'vitest';
import {
  Model, Sequential, constraints, input, layers, loadModel, memory, regularizers, saving, setRandomSeed, tensor, tidy, type Tensor,
} from '@layerwise/api';
import { expectClose, flat, kerasArtifacts, kerasCellConfig, makeInput, makeWeights, reference, type RefWeights } from './recurrent-reference.js';

// return_state and initial_state as layers of several outputs and inputs (Keras's list
// outputs), activity regularizers and weight constraints on the recurrent layers.

const BATCH = 2;
const STEPS = 4;
const FEATURES = 3;
const X = makeInput(BATCH, STEPS, FEATURES);
const W = makeWeights('lstm', FEATURES, 3);
const WB = makeWeights('lstm', FEATURES, 3, 0.6);
const H0 = [[0.1, -0.3, 0.2], [0.5, 0.05, -0.4]];
const C0 = [[-0.2, 0.4, 0.1], [0.3, -0.1, 0.25]];
const weightsOf = (w: RefWeights): Tensor[] => [tensor(w.W), tensor(w.U), tensor(w.b)];

function lstmWith(w: RefWeights, extra: Record<string, unknown> = {}): layers.LSTM {
  const layer = layers.lstm({ units: 3, ...extra });
  layer.buildFor([null, STEPS, FEATURES]);
  layer.setWeights(weightsOf(w));
  return layer;
}

describe('returnState: a layer of several outputs', () => {
  it('RNN on symbolic tensors: applyMulti gives [output, h, c] with their shapes; apply asks for applyMulti', () => {
    const x = layers.input({ shape: [STEPS, FEATURES] });
    const lstm = layers.lstm({ units: 3, returnSequences: true, returnState: true, name: 'ls' });
    const [y, h, c] = lstm.applyMulti(x);
    expect([y.shape, h.shape, c.shape]).toEqual([[null, STEPS, 3], [null, 3], [null, 3]]);
    expect(() => layers.gru({ units: 2, returnState: true, name: 'g1' }).apply(x)).toThrow(/g1.apply: the layer has 2 outputs; use applyMulti\(\)/);
    const conv = layers.convLstm2d({ filters: 2, kernelSize: 3, returnState: true });
    const outs = conv.applyMulti(layers.input({ shape: [3, 6, 5, 1] }));
    expect(outs.map((t) => t.shape)).toEqual([[null, 4, 3, 2], [null, 4, 3, 2], [null, 4, 3, 2]]);
    const stack = layers.rnn({ cell: [layers.lstmCell({ units: 3 }), layers.simpleRNNCell({ units: 2 })], returnState: true });
    expect(stack.applyMulti(x).map((t) => t.shape)).toEqual([[null, 2], [null, 3], [null, 3], [null, 2]]);
  });

  it('on tensors: applyMulti gives the values; apply gives the output and keeps the states in lastStates', () => {
    const lstm = lstmWith(W, { returnState: true });
    const ref = reference('lstm', X, W, 3);
    tidy(() => {
      const [y, h, c] = lstm.applyMulti(tensor(X));
      expectClose(y, ref.h);
      expectClose(h, ref.h);
      expectClose(c, ref.c);
      expectClose(lstm.apply(tensor(X)), ref.h);
    });
    expectClose(lstm.lastStates![1], ref.c);
    const mask = tensor([[1, 1, 0, 0], [1, 1, 1, 1]], [BATCH, STEPS], 'bool');
    expect(lstm.computeMask(tensor(X), mask)).toEqual([null, null, null]);
    const seq = layers.gru({ units: 2, returnSequences: true, returnState: true });
    expect(seq.computeMask(tensor(X), mask)).toEqual([mask, null]);
    lstm.dispose();
  });

  it('Bidirectional: [merged, forward h, c, backward h, c] symbolically and on tensors; mergeMode null adds the second output', () => {
    const x = layers.input({ shape: [STEPS, FEATURES] });
    const merged = layers.bidirectional({ layer: layers.lstm({ units: 3, returnState: true }) });
    expect(merged.applyMulti(x).map((t) => t.shape)).toEqual([[null, 6], [null, 3], [null, 3], [null, 3], [null, 3]]);
    const apart = layers.bidirectional({ layer: layers.gru({ units: 2, returnSequences: true, returnState: true }), mergeMode: null });
    expect(apart.applyMulti(x).map((t) => t.shape)).toEqual([[null, STEPS, 2], [null, STEPS, 2], [null, 2], [null, 2]]);
    const mask = tensor([[1, 1, 0, 0], [1, 1, 1, 1]], [BATCH, STEPS], 'bool');
    expect(apart.computeMask(tensor(X), mask)).toEqual([mask, mask, null, null]);
  });
});

describe("initialState: Keras's initial_state as extra inputs", () => {
  it('RNN: apply([x, h0, c0]) starts from the given states; symbolic shapes are checked against the cell', () => {
    const lstm = lstmWith(W, { returnSequences: true });
    const ref = reference('lstm', X, W, 3, { initial: { h: H0, c: C0 } });
    tidy(() => expectClose(lstm.apply([tensor(X), tensor(H0), tensor(C0)]), ref.seq));
    const x = layers.input({ shape: [STEPS, FEATURES] });
    const h = layers.input({ shape: [3] });
    const c = layers.input({ shape: [3] });
    expect(layers.lstm({ units: 3 }).apply([x, h, c]).shape).toEqual([null, 3]);
    expect(() => layers.lstm({ units: 3, name: 'i2' }).apply([x, h, layers.input({ shape: [4] })])).toThrow(/i2: initial state: state 1 must have shape \(None, 3\), got \(None, 4\)/);
    expect(() => layers.lstm({ units: 3, name: 'i3' }).apply([x, h])).toThrow(/i3: initial state: expected 2 state tensor\(s\), got 1/);
    lstm.dispose();
  });

  it('Bidirectional: [x, forward h, c, backward h, c]', () => {
    const layer = layers.bidirectional({ layer: layers.lstm({ units: 3, returnSequences: true }), mergeMode: 'sum' });
    layer.buildFor([null, STEPS, FEATURES]);
    layer.setWeights([...weightsOf(W), ...weightsOf(WB)]);
    const hb = H0.map((r) => r.map((v) => -v));
    const cb = C0.map((r) => r.map((v) => v / 2));
    const f = reference('lstm', X, W, 3, { initial: { h: H0, c: C0 } });
    const b = reference('lstm', X, WB, 3, { goBackwards: true, initial: { h: hb, c: cb } });
    tidy(() => {
      const y = layer.apply([tensor(X), tensor(H0), tensor(C0), tensor(hb), tensor(cb)]);
      expectClose(y, f.seq.map((s, i) => s.map((v, t) => v.map((q, j) => q + b.seq[i][STEPS - 1 - t][j]))));
    });
    expect(() => tidy(() => layer.apply([tensor(X), tensor(H0), tensor(C0)]))).toThrow(/initialState must hold the forward layer's 2 state\(s\) then the backward layer's 2, got 2 tensor\(s\)/);
    layer.dispose();
  });

  it('ConvLSTM2D: [x, h0, c0] of the state shape', () => {
    const layer = layers.convLstm2d({ filters: 1, kernelSize: 1, useBias: false, kernelInitializer: 'zeros', recurrentInitializer: 'zeros' });
    const x = tensor(new Array(2 * 2 * 3 * 3).fill(0), [2, 2, 3, 3, 1]);
    const h0 = tensor(new Array(18).fill(0.5), [2, 3, 3, 1]);
    const c0 = tensor(new Array(18).fill(2), [2, 3, 3, 1]);
    // Zero weights: every gate is hard_sigmoid(0) = 0.5, so c_t = 0.5 c_{t-1} and h = 0.5 tanh(c).
    tidy(() => expectClose(layer.apply([x, h0, c0]), new Array(18).fill(0.5 * Math.tanh(0.5))));
    [layer, x, h0, c0].forEach((t) => t.dispose());
  });
});

describe('in functional models', () => {
  it("seq2seq: an encoder's returned states start the decoder (Keras's return_state + initial_state); predict, fit, save and load", async () => {
    const WD = makeWeights('lstm', FEATURES, 3, 1.7);
    const XD = makeInput(BATCH, STEPS, FEATURES, 0.9);
    const enc = input({ shape: [STEPS, FEATURES] });
    const dec = input({ shape: [STEPS, FEATURES] });
    const encoder = layers.lstm({ units: 3, returnState: true, name: 'encoder' });
    const [, h, c] = encoder.applyMulti(enc);
    const decoder = layers.lstm({ units: 3, returnSequences: true, name: 'decoder' });
    const y = decoder.apply([dec, h, c]);
    const model = new Model({ inputs: [enc, dec], outputs: y });
    encoder.setWeights(weightsOf(W));
    decoder.setWeights(weightsOf(WD));
    const e = reference('lstm', X, W, 3);
    const expected = reference('lstm', XD, WD, 3, { initial: { h: e.h, c: e.c! } }).seq;
    const out = (await model.predict([X, XD])) as Tensor;
    expectClose(out, expected);
    const handler = saving.memoryHandler();
    await model.save(handler, { includeOptimizer: false });
    const loaded = await loadModel(handler);
    const again = (await loaded.predict([X, XD])) as Tensor;
    expect(Array.from(again.dataSync())).toEqual(Array.from(out.dataSync()));
    model.compile({ optimizer: 'adam', loss: 'mse' });
    const target = Array.from({ length: BATCH }, () => Array.from({ length: STEPS }, () => [0.2, -0.1, 0.3]));
    const history = await model.fit([X, XD], target, { epochs: 4, verbose: 0 });
    expect(history.history.loss[3]).toBeLessThan(history.history.loss[0]);
    [out, again].forEach((t) => t.dispose());
  });

  it('Bidirectional with mergeMode null gives a model two outputs', async () => {
    const x = input({ shape: [STEPS, FEATURES] });
    const bi = layers.bidirectional({ layer: layers.lstm({ units: 3 }), mergeMode: null });
    const [f, b] = bi.applyMulti(x);
    const model = new Model({ inputs: x, outputs: [f, b] });
    bi.setWeights([...weightsOf(W), ...weightsOf(WB)]);
    const [yf, yb] = (await model.predict(X)) as Tensor[];
    expectClose(yf, reference('lstm', X, W, 3).h);
    expectClose(yb, reference('lstm', X, WB, 3, { goBackwards: true }).h);
    [yf, yb].forEach((t) => t.dispose());
  });

  it('a Sequential model refuses a layer of several outputs (Keras 2: one output per layer)', () => {
    expect(() => new Sequential({ layers: [layers.gru({ units: 2, returnState: true, inputShape: [STEPS, FEATURES], name: 'rs' })] }))
      .toThrow(/rs.*2 outputs/);
  });
});

describe('activity regularizers and weight constraints on the recurrent layers', () => {
  it("activityRegularizer (SimpleRNN, LSTM, GRU, ConvLSTM2D, as Keras): the penalty of the pass's outputs; saved and loaded", async () => {
    const lstm = lstmWith(W, { activityRegularizer: regularizers.l2(0.1) });
    const ref = reference('lstm', X, W, 3);
    tidy(() => {
      lstm.apply(tensor(X));
      const losses = lstm.regularizationLosses();
      expect(losses.length).toBe(1);
      expect(losses[0].dataSync()[0]).toBeCloseTo(0.1 * flat(ref.h).reduce((s, v) => s + v * v, 0), 5);
    });
    expect(lstm.getConfig().activityRegularizer).toEqual({ className: 'L1L2', config: { l1: 0, l2: 0.1 } });
    expect(layers.gru({ units: 2 }).getConfig().activityRegularizer).toBeNull();
    const model = new Sequential({ layers: [layers.simpleRNN({ units: 2, inputShape: [STEPS, FEATURES], activityRegularizer: 'l1' })] });
    const handler = saving.memoryHandler();
    await model.save(handler, { includeOptimizer: false });
    const loaded = await loadModel(handler);
    expect(loaded.layers[0].activityRegularizer).not.toBeNull();
    lstm.dispose();
  });

  it('kernel, recurrent and bias constraints apply after each optimizer step, on layers and cells, and round-trip', async () => {
    setRandomSeed(9);
    const model = new Sequential({ layers: [
      layers.lstm({ units: 3, inputShape: [STEPS, FEATURES], returnSequences: true, kernelConstraint: constraints.maxNorm({ maxValue: 0.3 }), recurrentConstraint: 'nonNeg' }),
      layers.rnn({ cell: layers.gruCell({ units: 2, biasConstraint: constraints.minMaxNorm({ minValue: 0.5, maxValue: 0.5, axis: 0 }), biasInitializer: 'ones' }) }),
    ] });
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    await model.fit(X, [[0.5, 0.5], [-0.5, 0.1]], { epochs: 2, verbose: 0 });
    const [kernel, recurrent, , , , bias] = model.getWeights().map((t) => t.arraySync() as number[][] | number[]);
    for (let j = 0; j < 12; j++) expect(Math.hypot(...(kernel as number[][]).map((r) => r[j]))).toBeLessThanOrEqual(0.3 + 1e-6);
    expect(flat(recurrent).every((v) => v >= 0)).toBe(true);
    expect(Math.hypot(...(bias as number[]))).toBeCloseTo(0.5, 5);
    const handler = saving.memoryHandler();
    await model.save(handler, { includeOptimizer: false });
    const written = ((await handler.load()).modelTopology as { config: { layers: { config: Record<string, unknown> }[] } }).config.layers;
    expect(written[0].config.kernel_constraint).toEqual({ class_name: 'MaxNorm', config: { max_value: 0.3, axis: 0 } });
    expect(written[0].config.recurrent_constraint).toEqual({ class_name: 'NonNeg', config: {} });
    expect((written[1].config.cell as { config: Record<string, unknown> }).config.bias_constraint).toMatchObject({ class_name: 'MinMaxNorm' });
    const loaded = await loadModel(handler);
    expect(loaded.layers[0].weights.map((w) => w.constraint?.className ?? null)).toEqual(['MaxNorm', 'NonNeg', null]);
    expect(loaded.layers[1].weights.map((w) => w.constraint?.className ?? null)).toEqual([null, null, 'MinMaxNorm']);
  });

  it("a Keras 2.2.4 file's constraint in a nested cell config is kept", async () => {
    const w = makeWeights('simple', FEATURES, 2);
    const artifacts = kerasArtifacts([{ class_name: 'RNN', config: {
      name: 'rnn_1', batch_input_shape: [null, STEPS, FEATURES], return_sequences: false, return_state: false, go_backwards: false, stateful: false, unroll: false,
      cell: { class_name: 'SimpleRNNCell', config: kerasCellConfig('simple_rnn_cell_1', 2, { kernel_constraint: { class_name: 'NonNeg', config: {} } }) },
    } }], [
      { name: 'rnn_1/kernel', shape: [FEATURES, 2], values: flat(w.W) }, { name: 'rnn_1/recurrent_kernel', shape: [2, 2], values: flat(w.U) },
      { name: 'rnn_1/bias', shape: [2], values: w.b as number[] },
    ]);
    const model = await loadModel(saving.fromArtifacts(artifacts));
    expect(model.layers[0].weights[0].constraint?.className).toBe('NonNeg');
    const before = memory().buffers;
    const y = (await model.predict(X)) as Tensor;
    expectClose(y, reference('simple', X, w, 2).h);
    y.dispose();
    expect(memory().buffers).toBe(before);
  });
});
