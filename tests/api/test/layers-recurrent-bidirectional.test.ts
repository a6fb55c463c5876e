import { describe, expect, it } from 'vitest';
import { Sequential, layers, loadModel, memory, saving, tensor, tidy, type Tensor } from '@layerwise/api';
import { checkGradients, checkRoundTrip } from './layers-helpers.js';
import {
  expectClose, flat, kerasArtifacts, kerasCellConfig, layerOf, makeInput, makeWeights, reference,
  type Kind, type Mat, type RefOptions, type RefWeights,
} from './recurrent-reference.js';

const BATCH = 2;
const STEPS = 4;
const FEATURES = 3;
const UNITS = 3;
const X = makeInput(BATCH, STEPS, FEATURES);
type Merge = 'concat' | 'sum' | 'mul' | 'ave';

const innerLayer = (kind: Kind, extra: Record<string, unknown> = {}): layers.RNN => layerOf(kind, { units: UNITS, ...extra });

const weightsOf = (w: RefWeights): Tensor[] => [tensor(w.W), tensor(w.U), tensor(w.b)];

/** A built Bidirectional with forward weights `wf` and backward weights `wb`. */
function bidi(kind: Kind, wf: RefWeights, wb: RefWeights, inner: Record<string, unknown> = {}, outer: Record<string, unknown> = {}): layers.Bidirectional {
  const layer = layers.bidirectional({ layer: innerLayer(kind, inner), ...outer });
  layer.buildFor([null, STEPS, FEATURES]);
  layer.setWeights([...weightsOf(wf), ...weightsOf(wb)]);
  return layer;
}

/** Keras's Bidirectional.call in float64: forward and backward runs, the backward sequence put back in input order, merged. */
function bidiReference(kind: Kind, wf: RefWeights, wb: RefWeights, merge: Merge | null, opts: RefOptions & { returnSequences?: boolean } = {}): {
  outputs: unknown[]; forward: ReturnType<typeof reference>; backward: ReturnType<typeof reference>;
} {
  const goBackwards = opts.goBackwards ?? false;
  const forward = reference(kind, X, wf, UNITS, { ...opts, goBackwards });
  const backward = reference(kind, X, wb, UNITS, { ...opts, goBackwards: !goBackwards });
  const y = opts.returnSequences ? forward.seq : forward.h;
  const yRev = opts.returnSequences ? backward.seq.map((s) => s.slice().reverse()) : backward.h;
  const combine = (a: unknown, b: unknown, f: (p: number, q: number) => number): unknown =>
    Array.isArray(a) ? a.map((v, i) => combine(v, (b as unknown[])[i], f)) : f(a as number, b as number);
  const rows = (a: unknown, b: unknown): unknown => (Array.isArray((a as unknown[])[0])
    ? (a as unknown[]).map((v, i) => rows(v, (b as unknown[])[i]))
    : [...(a as number[]), ...(b as number[])]);
  const merged = merge === 'concat' ? rows(y, yRev)
    : merge === 'sum' ? combine(y, yRev, (p, q) => p + q)
      : merge === 'mul' ? combine(y, yRev, (p, q) => p * q)
        : merge === 'ave' ? combine(y, yRev, (p, q) => (p + q) / 2) : null;
  return { outputs: merge === null ? [y, yRev] : [merged], forward, backward };
}

const WF = makeWeights('lstm', FEATURES, UNITS);
const WB = makeWeights('lstm', FEATURES, UNITS, 0.8);

describe('Bidirectional forward (Keras 2 semantics vs a float64 reference)', () => {
  for (const merge of ['concat', 'sum', 'mul', 'ave'] as Merge[]) {
    it(`mergeMode ${merge}: returnSequences true and false`, () => {
      for (const returnSequences of [false, true]) {
        const layer = bidi('lstm', WF, WB, { returnSequences }, { mergeMode: merge });
        const ref = bidiReference('lstm', WF, WB, merge, { returnSequences });
        tidy(() => {
          const y = layer.apply(tensor(X));
          const width = merge === 'concat' ? 2 * UNITS : UNITS;
          expect(y.shape).toEqual(returnSequences ? [BATCH, STEPS, width] : [BATCH, width]);
          expectClose(y, ref.outputs[0]);
        });
        expect(layer.computeOutputShape([null, STEPS, FEATURES])).toEqual(returnSequences ? [null, STEPS, merge === 'concat' ? 6 : 3] : [null, merge === 'concat' ? 6 : 3]);
        layer.dispose();
      }
    });
  }

  for (const kind of ['simple', 'gru', 'gruAfter'] as Kind[]) {
    it(`wraps ${kind} too`, () => {
      const wf = makeWeights(kind, FEATURES, UNITS);
      const wb = makeWeights(kind, FEATURES, UNITS, 1.3);
      const layer = bidi(kind, wf, wb, { returnSequences: true });
      tidy(() => expectClose(layer.apply(tensor(X)), bidiReference(kind, wf, wb, 'concat', { returnSequences: true }).outputs[0]));
      layer.dispose();
    });
  }

  it('goBackwards on the wrapped layer: the forward layer reads backwards, its copy forwards', () => {
    for (const returnSequences of [false, true]) {
      const layer = bidi('lstm', WF, WB, { returnSequences, goBackwards: true });
      expect(layer.forwardLayer.goBackwards).toBe(true);
      expect(layer.backwardLayer.goBackwards).toBe(false);
      tidy(() => expectClose(layer.apply(tensor(X)), bidiReference('lstm', WF, WB, 'concat', { returnSequences, goBackwards: true }).outputs[0]));
      layer.dispose();
    }
  });

  it('returnState: [output, forward h, c, backward h, c] in Keras order; lastStates holds the states after a call', () => {
    const layer = bidi('lstm', WF, WB, { returnSequences: true, returnState: true }, { mergeMode: 'sum' });
    const ref = bidiReference('lstm', WF, WB, 'sum', { returnSequences: true });
    tidy(() => {
      const out = layer.callWithStates(tensor(X));
      expect(out.length).toBe(5);
      expectClose(out[0], ref.outputs[0]);
      expectClose(out[1], ref.forward.h);
      expectClose(out[2], ref.forward.c);
      expectClose(out[3], ref.backward.h);
      expectClose(out[4], ref.backward.c);
      layer.apply(tensor(X));
    });
    const states = layer.lastStates!;
    expect(states.length).toBe(4);
    expectClose(states[2], ref.backward.h);
    layer.dispose();
    expect(states.every((s) => s.isDisposed)).toBe(true);
  });

  it('mergeMode null: two outputs, so an error in a Sequential model; applyMulti and callWithStates give [forward, backward, ...states]', async () => {
    const inner = layers.gru({ units: 2 });
    const layer = layers.bidirectional({ layer: inner, mergeMode: null, name: 'two' });
    const fail = async (): Promise<void> => {
      const model = new Sequential({ layers: [layers.embedding({ inputDim: 5, outputDim: 3, inputLength: 4 }), layer] });
      (await model.predict([[1, 2, 3, 4]])).dispose();
    };
    await expect(fail()).rejects.toThrow(/two.*the layer has 2 outputs/);
    const wf = makeWeights('gru', FEATURES, 2);
    const wb = makeWeights('gru', FEATURES, 2, 0.4);
    const free = layers.bidirectional({ layer: layers.gru({ units: 2, returnSequences: true }), mergeMode: null });
    tidy(() => {
      const x = tensor(X);
      free.callWithStates(x);
      free.setWeights([...weightsOf(wf), ...weightsOf(wb)]);
      const [y, yRev, hf, hb] = free.callWithStates(x);
      const forward = reference('gru', X, wf, 2);
      const backward = reference('gru', X, wb, 2, { goBackwards: true });
      expectClose(y, forward.seq);
      expectClose(yRev, backward.seq.map((s) => s.slice().reverse()));
      expectClose(hf, forward.h);
      expectClose(hb, backward.h);
      const outs = free.applyMulti(x);
      expect(outs.length).toBe(2);
      expectClose(outs[1], backward.seq.map((s) => s.slice().reverse()));
    });
    expect(() => layers.bidirectional({ layer: layers.lstm({ units: 2 }), mergeMode: 'max' as never, name: 'mm' })).toThrow(/mm: mergeMode must be 'concat', 'sum', 'mul', 'ave' or null, got "max"/);
    expect(() => layers.bidirectional({ layer: layers.dense({ units: 2 }) as never, name: 'nd' })).toThrow(/nd: 'layer' must be a recurrent layer .* got Dense/);
    free.dispose();
    layer.dispose();
  });
});

describe('masking through Bidirectional', () => {
  const maskRows = [[1, 1, 1, 0], [1, 1, 0, 0]];
  const padded = X.map((s, b) => s.map((step, t) => (maskRows[b][t] ? step : step.map(() => 0))));

  it('both directions skip the padded steps; the mask passes on with returnSequences (Embedding maskZero -> Bidirectional -> LSTM)', () => {
    for (const returnSequences of [false, true]) {
      const layer = bidi('lstm', WF, WB, { returnSequences });
      tidy(() => {
        const mask = tensor(maskRows, [BATCH, STEPS], 'bool');
        const y = layer.apply(tensor(padded), { training: false, mask });
        const forward = reference('lstm', padded, WF, UNITS, { mask: maskRows });
        const backward = reference('lstm', padded, WB, UNITS, { mask: maskRows, goBackwards: true });
        const expected = returnSequences
          ? forward.seq.map((s, b) => s.map((v, t) => [...v, ...backward.seq[b][STEPS - 1 - t]]))
          : forward.h.map((v, b) => [...v, ...backward.h[b]]);
        expectClose(y, expected);
        expect(layer.computeMask(y, mask)).toBe(returnSequences ? mask : null);
      });
      layer.dispose();
    }
  });

  it('in a model: the final state of a padded sequence equals that of the unpadded one', async () => {
    const make = (): Sequential => new Sequential({ layers: [
      layers.embedding({ inputDim: 10, outputDim: 3, inputLength: 5, maskZero: true, name: 'emb' }),
      layers.bidirectional({ layer: layers.lstm({ units: 2 }), name: 'bi' }),
    ] });
    const model = make();
    const y = await model.predict([[3, 4, 5, 0, 0], [7, 1, 2, 8, 9]]);
    const short = new Sequential({ layers: [layers.embedding({ inputDim: 10, outputDim: 3, inputLength: 3 }), layers.bidirectional({ layer: layers.lstm({ units: 2 }) })] });
    short.build([null, 3]);
    short.setWeights(model.getWeights());
    const ys = await short.predict([[3, 4, 5]]);
    expectClose(ys, Array.from(y.dataSync()).slice(0, 4), 1e-6);
    [y, ys].forEach((t) => t.dispose());
  });
});

describe('stateful inside Bidirectional', () => {
  it('each direction carries its own states across batches; resetStates clears both', () => {
    const layer = bidi('lstm', WF, WB, { stateful: true, returnSequences: true });
    const first = X.map((s) => s.slice(0, 2));
    const second = X.map((s) => s.slice(2));
    const fwd = reference('lstm', X, WF, UNITS);
    // The backward layer reads each batch last step first, starting the second from the first's final states.
    const b1 = reference('lstm', first, WB, UNITS, { goBackwards: true });
    const b2 = reference('lstm', second, WB, UNITS, { goBackwards: true, initial: { h: b1.h, c: b1.c! } });
    const merge = (f: number[][][], b: number[][][]): number[][][] => f.map((s, i) => s.map((v, t) => [...v, ...b[i][s.length - 1 - t]]));
    tidy(() => {
      expectClose(layer.apply(tensor(first)), merge(fwd.seq.map((s) => s.slice(0, 2)), b1.seq));
      expectClose(layer.apply(tensor(second)), merge(fwd.seq.map((s) => s.slice(2)), b2.seq));
    });
    layer.resetStates();
    expect(layer.forwardLayer.states).toBeNull();
    expect(layer.backwardLayer.states).toBeNull();
    tidy(() => expectClose(layer.apply(tensor(X)), bidiReference('lstm', WF, WB, 'concat', { returnSequences: true }).outputs[0]));
    layer.dispose();
  });
});

describe('weights, config, loading, summary', () => {
  it("Keras's weight order (forward then backward) and names; the weights argument; trainable", () => {
    const layer = layers.bidirectional({ layer: layers.lstm({ units: UNITS, name: 'enc' }), name: 'bi', weights: [...weightsOf(WF), ...weightsOf(WB)] });
    layer.buildFor([null, STEPS, FEATURES]);
    expect(layer.weights.map((w) => w.name)).toEqual([
      'bi/forward_enc/kernel', 'bi/forward_enc/recurrent_kernel', 'bi/forward_enc/bias',
      'bi/backward_enc/kernel', 'bi/backward_enc/recurrent_kernel', 'bi/backward_enc/bias',
    ]);
    expect(layer.backwardLayer.name).toBe('backward_enc');
    expect(layer.layer.name).toBe('enc');
    const got = layer.getWeights();
    expect(flat(got.map((t) => Array.from(t.dataSync())))).toEqual(flat([WF.W, WF.U, WF.b, WB.W, WB.U, WB.b]).map(Math.fround));
    // The wrapped layer is the forward direction: its weights are the forward weights.
    expect(layer.layer.getWeights().length).toBe(3);
    layer.trainable = false;
    expect(layer.trainableWeights).toEqual([]);
    expect(layer.nonTrainableWeights.length).toBe(6);
    got.forEach((t) => t.dispose());
    layer.dispose();
  });

  it('config: the wrapped layer as { className, config } and mergeMode; round trip; Keras JSON keys', async () => {
    for (const mergeMode of ['concat', 'ave'] as Merge[]) {
      const layer = bidi('gru', makeWeights('gru', FEATURES, UNITS), makeWeights('gru', FEATURES, UNITS, 2), { returnSequences: true, goBackwards: true, dropout: 0.2 }, { mergeMode });
      const config = layer.getConfig();
      expect(config).toMatchObject({ mergeMode, layer: { className: 'GRU', config: { units: UNITS, goBackwards: true, returnSequences: true } } });
      checkRoundTrip(layer, tensor(X)).dispose();
      layer.dispose();
    }
    const model = new Sequential({ layers: [layers.bidirectional({ layer: layers.lstm({ units: 2, name: 'l' }), inputShape: [STEPS, FEATURES], name: 'b', mergeMode: 'mul' })] });
    const handler = saving.memoryHandler();
    await model.save(handler, { includeOptimizer: false });
    const artifacts = await handler.load();
    const written = (artifacts.modelTopology as { config: { layers: { class_name: string; config: Record<string, unknown> }[] } }).config.layers[0];
    expect(written.class_name).toBe('Bidirectional');
    expect(written.config).toMatchObject({ name: 'b', merge_mode: 'mul', batch_input_shape: [null, STEPS, FEATURES], layer: { class_name: 'LSTM', config: { name: 'l', units: 2 } } });
    expect(artifacts.weightSpecs!.map((s) => s.name)).toEqual([
      'b/forward_l/kernel', 'b/forward_l/recurrent_kernel', 'b/forward_l/bias', 'b/backward_l/kernel', 'b/backward_l/recurrent_kernel', 'b/backward_l/bias',
    ]);
    const loaded = await loadModel(handler);
    const [a, c] = [await model.predict(X), (await loaded.predict(X)) as Tensor];
    expect(Array.from(c.dataSync())).toEqual(Array.from(a.dataSync()));
    [a, c].forEach((t) => t.dispose());
  });

  it("loads Keras 2.2.4's JSON for Bidirectional(LSTM) with its weight names (bidirectional_1/forward_lstm_1/kernel)", async () => {
    const spec = (name: string, v: number[] | Mat): { name: string; shape: number[]; values: number[] } => ({
      name, shape: Array.isArray(v[0]) ? [v.length, (v[0] as number[]).length] : [v.length], values: flat(v),
    });
    const artifacts = kerasArtifacts([{ class_name: 'Bidirectional', config: {
      name: 'bidirectional_1', trainable: true, batch_input_shape: [null, STEPS, FEATURES], dtype: 'float32', merge_mode: 'concat',
      layer: { class_name: 'LSTM', config: {
        ...kerasCellConfig('lstm_1', UNITS, { recurrent_activation: 'hard_sigmoid', unit_forget_bias: true, implementation: 1 }),
        activity_regularizer: null, return_sequences: true, return_state: false, go_backwards: false, stateful: false, unroll: false,
      } },
    } }], ['forward', 'backward'].flatMap((d) => {
      const w = d === 'forward' ? WF : WB;
      return [spec(`bidirectional_1/${d}_lstm_1/kernel`, w.W), spec(`bidirectional_1/${d}_lstm_1/recurrent_kernel`, w.U), spec(`bidirectional_1/${d}_lstm_1/bias`, w.b as number[])];
    }));
    const model = await loadModel(saving.fromArtifacts(artifacts));
    const y = (await model.predict(X)) as Tensor;
    expectClose(y, bidiReference('lstm', WF, WB, 'concat', { returnSequences: true }).outputs[0]);
    y.dispose();
  });

  it("summary: the issue's text classifier (Embedding 10000x64, Bidirectional(LSTM 64), Dense) counts as Keras prints it", () => {
    const model = new Sequential({ layers: [
      layers.embedding({ inputDim: 10000, outputDim: 64, inputLength: 100 }),
      layers.bidirectional({ layer: layers.lstm({ units: 64 }), name: 'bi' }),
      layers.dense({ units: 1, activation: 'sigmoid' }),
    ] });
    const lines: string[] = [];
    model.summary(65, undefined, (l) => lines.push(l));
    expect(lines.find((l) => l.startsWith('bi (Bidirectional)'))).toMatch(/\(None, 128\)\s+66048\s*$/);
    expect(lines).toContain('Total params: 706,177');
    model.layers.forEach((l) => l.dispose());
  });
});

describe('training through Bidirectional', () => {
  it('gradients match finite differences (concat, sequences, a mask)', () => {
    const layer = bidi('lstm', WF, WB, { returnSequences: true });
    checkGradients(layer, tensor(X), { training: false, mask: tensor([[1, 1, 0, 1], [1, 1, 1, 1]], [BATCH, STEPS], 'bool') });
    layer.dispose();
    const ave = bidi('gru', makeWeights('gru', FEATURES, UNITS), makeWeights('gru', FEATURES, UNITS, 1), {}, { mergeMode: 'mul' });
    checkGradients(ave, tensor(X));
    ave.dispose();
  });

  it('fit lowers the loss and frees its intermediates', async () => {
    const model = new Sequential({ layers: [
      layers.embedding({ inputDim: 12, outputDim: 4, inputLength: 6, maskZero: true }),
      layers.bidirectional({ layer: layers.lstm({ units: 4, returnSequences: true }), mergeMode: 'ave' }),
      layers.bidirectional({ layer: layers.gru({ units: 3 }) }),
      layers.dense({ units: 1, activation: 'sigmoid' }),
    ] });
    model.compile({ optimizer: 'adam', loss: 'binary_crossentropy' });
    const x = [[1, 2, 3, 0, 0, 0], [4, 5, 6, 7, 0, 0], [8, 9, 10, 11, 1, 2], [3, 3, 0, 0, 0, 0]];
    const y = [[1], [0], [1], [0]];
    await model.fit(x, y, { epochs: 1, verbose: 0 });
    const before = memory().buffers;
    const h = await model.fit(x, y, { epochs: 8, verbose: 0 });
    expect(memory().buffers).toBe(before);
    expect(h.history.loss[7]).toBeLessThan(h.history.loss[0]);
  });
});
