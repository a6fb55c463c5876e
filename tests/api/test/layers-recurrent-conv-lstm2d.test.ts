import { describe, expect, it } from 'vitest';
import { Sequential, layers, loadModel, memory, saving, setRandomSeed, tensor, tidy, type Tensor } from '@layerwise/api';
import { checkGradients, checkRoundTrip } from './layers-helpers.js';
import { expectClose, flat, hardSigmoid, kerasArtifacts } from './recurrent-reference.js';

// A float64 ConvLSTM2D (Keras 2.2.4's ConvLSTM2DCell + K.rnn), NHWC, written independently of layerwise.
type Img = number[][][]; // [rows][cols][channels]
interface ConvWeights { K: number[][][][]; R: number[][][][]; b: number[] } // [kh][kw][in][4f]
interface ConvOptions { strides: number[]; padding: 'valid' | 'same'; dilation: number[] }

/** TF's conv2d of one image with the columns [from, from+n) of `w` (a gate block), stride/padding/dilation. */
function conv(x: Img, w: number[][][][], from: number, n: number, o: ConvOptions): Img {
  const [rows, cols] = [x.length, x[0].length];
  const [kh, kw] = [w.length, w[0].length];
  const size = (len: number, k: number, s: number, d: number): { out: number; before: number } => {
    const eff = (k - 1) * d + 1;
    if (o.padding === 'valid') return { out: Math.ceil((len - eff + 1) / s), before: 0 };
    const out = Math.ceil(len / s);
    return { out, before: Math.floor(Math.max((out - 1) * s + eff - len, 0) / 2) };
  };
  const r = size(rows, kh, o.strides[0], o.dilation[0]);
  const c = size(cols, kw, o.strides[1], o.dilation[1]);
  return Array.from({ length: r.out }, (_, i) => Array.from({ length: c.out }, (_, j) => Array.from({ length: n }, (_, f) => {
    let s = 0;
    for (let a = 0; a < kh; a++) {
      for (let bb = 0; bb < kw; bb++) {
        const y = i * o.strides[0] - r.before + a * o.dilation[0];
        const z = j * o.strides[1] - c.before + bb * o.dilation[1];
        if (y < 0 || y >= rows || z < 0 || z >= cols) continue;
        x[y][z].forEach((v, ch) => { s += v * w[a][bb][ch][from + f]; });
      }
    }
    return s;
  })));
}

const map = (a: Img, f: (v: number, i: number, j: number, k: number) => number): Img => a.map((r, i) => r.map((c, j) => c.map((v, k) => f(v, i, j, k))));

/** K.rnn over ConvLSTM2DCell for one sample: the outputs (processing order) and final [h, c]. */
function convLstmRef(seq: Img[], w: ConvWeights, filters: number, o: ConvOptions, opts: { goBackwards?: boolean; mask?: number[]; initial?: [Img, Img] } = {}): { outs: Img[]; h: Img; c: Img } {
  const zerosLike = (a: Img): Img => map(a, () => 0);
  const first = conv(seq[0], w.K, 0, filters, o);
  let h = opts.initial ? opts.initial[0] : zerosLike(first);
  let c = opts.initial ? opts.initial[1] : zerosLike(first);
  const same: ConvOptions = { strides: [1, 1], padding: 'same', dilation: [1, 1] };
  const outs: Img[] = [];
  const order = seq.map((_, t) => (opts.goBackwards ? seq.length - 1 - t : t));
  for (const t of order) {
    const gate = (g: number): Img => {
      const xg = conv(seq[t], w.K, g * filters, filters, o);
      const hg = conv(h, w.R, g * filters, filters, same);
      return map(xg, (v, i, j, k) => v + hg[i][j][k] + w.b[g * filters + k]);
    };
    const [zi, zf, zc, zo] = [0, 1, 2, 3].map(gate);
    const cNext = map(c, (v, i, j, k) => hardSigmoid(zf[i][j][k]) * v + hardSigmoid(zi[i][j][k]) * Math.tanh(zc[i][j][k]));
    const hNext = map(cNext, (v, i, j, k) => hardSigmoid(zo[i][j][k]) * Math.tanh(v));
    if (!opts.mask || opts.mask[t]) {
      h = hNext;
      c = cNext;
    }
    outs.push(h);
  }
  return { outs, h, c };
}

const BATCH = 2;
const STEPS = 3;
const ROWS = 5;
const COLS = 4;
const CHANNELS = 2;
const FILTERS = 2;
const KERNEL = [3, 2];
const X: Img[][] = Array.from({ length: BATCH }, (_, b) => Array.from({ length: STEPS }, (_, t) => Array.from({ length: ROWS }, (_, i) =>
  Array.from({ length: COLS }, (_, j) => Array.from({ length: CHANNELS }, (_, k) => Math.sin(0.3 + b * 1.7 + t * 0.9 + i * 0.45 + j * 0.8 + k * 1.3))))));
const W: ConvWeights = {
  K: Array.from({ length: KERNEL[0] }, (_, a) => Array.from({ length: KERNEL[1] }, (_, bb) => Array.from({ length: CHANNELS }, (_, ch) =>
    Array.from({ length: 4 * FILTERS }, (_, f) => 0.3 * Math.cos(a * 0.7 + bb * 1.9 + ch * 0.4 + f * 0.55))))),
  R: Array.from({ length: KERNEL[0] }, (_, a) => Array.from({ length: KERNEL[1] }, (_, bb) => Array.from({ length: FILTERS }, (_, ch) =>
    Array.from({ length: 4 * FILTERS }, (_, f) => 0.25 * Math.sin(1 + a * 0.3 + bb * 1.1 + ch * 0.9 + f * 0.35))))),
  b: Array.from({ length: 4 * FILTERS }, (_, f) => 0.1 * Math.cos(f)),
};

const toChannelsFirst = (img: Img): number[][][] => img[0][0].map((_, k) => img.map((r) => r.map((c) => c[k])));

function convLstm(args: Record<string, unknown>, inputShape = [STEPS, ROWS, COLS, CHANNELS]): layers.ConvLSTM2D {
  const layer = layers.convLstm2d({ filters: FILTERS, kernelSize: KERNEL, ...args });
  layer.buildFor([null, ...inputShape]);
  layer.setWeights([tensor(flat(W.K), [...KERNEL, CHANNELS, 4 * FILTERS]), tensor(flat(W.R), [...KERNEL, FILTERS, 4 * FILTERS]), tensor(W.b)]);
  return layer;
}

const OPTION_CASES: { name: string; o: ConvOptions }[] = [
  { name: "padding 'same', stride 1", o: { strides: [1, 1], padding: 'same', dilation: [1, 1] } },
  { name: "padding 'valid', stride 1", o: { strides: [1, 1], padding: 'valid', dilation: [1, 1] } },
  { name: "padding 'same', strides [2, 1]", o: { strides: [2, 1], padding: 'same', dilation: [1, 1] } },
  { name: "padding 'valid', strides 2", o: { strides: [2, 2], padding: 'valid', dilation: [1, 1] } },
  { name: "padding 'same', dilation 2", o: { strides: [1, 1], padding: 'same', dilation: [2, 2] } },
  { name: "padding 'valid', dilation [2, 1]", o: { strides: [1, 1], padding: 'valid', dilation: [2, 1] } },
];

describe('ConvLSTM2D forward (Keras 2.2.4 ConvLSTM2DCell vs a float64 loop)', () => {
  for (const { name, o } of OPTION_CASES) {
    it(`${name}: returnSequences true and false, goBackwards`, () => {
      for (const goBackwards of [false, true]) {
        const args = { strides: o.strides, padding: o.padding, dilationRate: o.dilation, goBackwards };
        const seq = convLstm({ ...args, returnSequences: true });
        const last = convLstm(args);
        const refs = X.map((s) => convLstmRef(s, W, FILTERS, o, { goBackwards }));
        const [r, c] = [refs[0].h.length, refs[0].h[0].length];
        tidy(() => {
          const y = seq.apply(tensor(flat(X), [BATCH, STEPS, ROWS, COLS, CHANNELS]));
          expect(y.shape).toEqual([BATCH, STEPS, r, c, FILTERS]);
          expectClose(y, refs.map((ref) => ref.outs));
          expectClose(last.apply(tensor(flat(X), [BATCH, STEPS, ROWS, COLS, CHANNELS])), refs.map((ref) => ref.h));
        });
        expect(seq.computeOutputShape([null, STEPS, ROWS, COLS, CHANNELS])).toEqual([null, STEPS, r, c, FILTERS]);
        expect(last.computeOutputShape([null, STEPS, ROWS, COLS, CHANNELS])).toEqual([null, r, c, FILTERS]);
        seq.dispose();
        last.dispose();
      }
    });
  }

  it("dataFormat 'channelsFirst': input [batch, time, channels, rows, cols], states and outputs channels first", () => {
    const o: ConvOptions = { strides: [1, 2], padding: 'same', dilation: [1, 1] };
    const layer = convLstm({ dataFormat: 'channelsFirst', strides: o.strides, padding: 'same', returnSequences: true }, [STEPS, CHANNELS, ROWS, COLS]);
    const refs = X.map((s) => convLstmRef(s, W, FILTERS, o));
    tidy(() => {
      const xcf = tensor(flat(X.map((s) => s.map(toChannelsFirst))), [BATCH, STEPS, CHANNELS, ROWS, COLS]);
      const [y, h, c] = layer.callWithStates(xcf);
      expect(y.shape).toEqual([BATCH, STEPS, FILTERS, ROWS, 2]);
      expectClose(y, refs.map((ref) => ref.outs.map(toChannelsFirst)));
      expectClose(h, refs.map((ref) => toChannelsFirst(ref.h)));
      expectClose(c, refs.map((ref) => toChannelsFirst(ref.c)));
    });
    expect(layer.computeOutputShape([null, STEPS, CHANNELS, ROWS, COLS])).toEqual([null, STEPS, FILTERS, ROWS, 2]);
    layer.dispose();
  });

  it('returnState: callWithStates gives [output, h, c]; masking carries the states over masked steps', () => {
    const o: ConvOptions = { strides: [1, 1], padding: 'same', dilation: [1, 1] };
    const layer = convLstm({ padding: 'same', returnSequences: true, returnState: true });
    const maskRows = [[1, 0, 1], [0, 1, 1]];
    const refs = X.map((s, b) => convLstmRef(s, W, FILTERS, o, { mask: maskRows[b] }));
    tidy(() => {
      const mask = tensor(maskRows, [BATCH, STEPS], 'bool');
      const [y, h, c] = layer.callWithStates(tensor(flat(X), [BATCH, STEPS, ROWS, COLS, CHANNELS]), { training: false, mask });
      expectClose(y, refs.map((ref) => ref.outs));
      expectClose(h, refs.map((ref) => ref.h));
      expectClose(c, refs.map((ref) => ref.c));
      layer.apply(tensor(flat(X), [BATCH, STEPS, ROWS, COLS, CHANNELS]), { training: false, mask });
    });
    expect(layer.lastStates!.map((s) => s.shape)).toEqual([[BATCH, ROWS, COLS, FILTERS], [BATCH, ROWS, COLS, FILTERS]]);
    layer.dispose();
  });

  it('stateful: the second batch starts from the first batch final states', () => {
    const o: ConvOptions = { strides: [1, 1], padding: 'valid', dilation: [1, 1] };
    const layer = convLstm({ stateful: true, returnSequences: true });
    const refs = X.map((s) => convLstmRef(s, W, FILTERS, o));
    const part = (from: number, to: number): Tensor => tensor(flat(X.map((s) => s.slice(from, to))), [BATCH, to - from, ROWS, COLS, CHANNELS]);
    tidy(() => {
      expectClose(layer.apply(part(0, 2)), refs.map((r) => r.outs.slice(0, 2)));
      expectClose(layer.apply(part(2, 3)), refs.map((r) => r.outs.slice(2)));
    });
    expect(layer.states!.map((s) => s.shape)).toEqual([[BATCH, 3, 3, FILTERS], [BATCH, 3, 3, FILTERS]]);
    layer.resetStates();
    tidy(() => expectClose(layer.apply(part(0, 3)), refs.map((r) => r.outs)));
    expect(() => layer.resetStates([tensor(new Array(BATCH * 9 * FILTERS).fill(0), [BATCH, 3, 3, FILTERS]), tensor(new Array(BATCH * 4 * FILTERS).fill(0), [BATCH, 2, 2, FILTERS])]))
      .toThrow(/resetStates: state 1 must have shape \(2, 3, 3, 2\), got \(2, 2, 2, 2\)/);
    layer.dispose();
  });

  it('dropout and recurrentDropout: ignored at inference; while training, seeded draws are reproducible and change the result', () => {
    const layer = convLstm({ padding: 'same', dropout: 0.3, recurrentDropout: 0.3 });
    const x = tensor(flat(X), [BATCH, STEPS, ROWS, COLS, CHANNELS]);
    const o: ConvOptions = { strides: [1, 1], padding: 'same', dilation: [1, 1] };
    tidy(() => {
      expectClose(layer.apply(x), X.map((s) => convLstmRef(s, W, FILTERS, o).h));
      setRandomSeed(5);
      const a = Array.from(layer.apply(x, { training: true, mask: null }).dataSync());
      setRandomSeed(5);
      expect(Array.from(layer.apply(x, { training: true, mask: null }).dataSync())).toEqual(a);
      expect(a).not.toEqual(Array.from(layer.apply(x).dataSync()));
    });
    x.dispose();
    layer.dispose();
  });
});

describe('ConvLSTM2D weights, config, loading, training', () => {
  it("Keras's weight shapes, order, names, unitForgetBias and parameter count", () => {
    const layer = layers.convLstm2d({ filters: 3, kernelSize: [3, 2], name: 'cl' });
    layer.buildFor([null, null, 6, 6, 4]);
    expect(layer.weights.map((w) => [w.name, w.shape])).toEqual([
      ['cl/kernel', [3, 2, 4, 12]], ['cl/recurrent_kernel', [3, 2, 3, 12]], ['cl/bias', [12]],
    ]);
    expect(Array.from(layer.bias!.value.dataSync())).toEqual([0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0]);
    expect(layer.countParams()).toBe(3 * 2 * 4 * 12 + 3 * 2 * 3 * 12 + 12);
    expect(layer.name.replace(/_\d+$/, '')).toBe('cl');
    expect(layers.convLstm2d({ filters: 1, kernelSize: 1 }).name.replace(/_\d+$/, '')).toBe('conv_lst_m2d');
    const model = new Sequential({ layers: [layers.convLstm2d({ filters: 4, kernelSize: 3, inputShape: [5, 8, 8, 1], returnSequences: true, name: 'c1' }), layers.flatten({ name: 'f' })] });
    const lines: string[] = [];
    model.summary(65, undefined, (l) => lines.push(l));
    expect(lines.find((l) => l.startsWith('c1 (ConvLSTM2D)'))).toMatch(/\(None, 5, 6, 6, 4\)\s+736\s*$/);
    layer.dispose();
  });

  it('config round trip with every argument Keras has; the Keras JSON keys', async () => {
    const layer = convLstm({
      strides: [2, 1], padding: 'same', dilationRate: 1, activation: 'relu', recurrentActivation: 'sigmoid', unitForgetBias: false,
      dropout: 0.1, recurrentDropout: 0.2, returnSequences: true, goBackwards: true, kernelRegularizer: 'l2',
    });
    const x = tensor(flat(X), [BATCH, STEPS, ROWS, COLS, CHANNELS]);
    checkRoundTrip(layer, x).dispose();
    expect(layer.getConfig()).toMatchObject({ filters: FILTERS, kernelSize: KERNEL, strides: [2, 1], dataFormat: 'channelsLast', unroll: false, returnState: false });
    const model = new Sequential({ layers: [layers.convLstm2d({ filters: 2, kernelSize: 3, inputShape: [3, 4, 4, 1], name: 'c' })] });
    const handler = saving.memoryHandler();
    await model.save(handler, { includeOptimizer: false });
    const written = ((await handler.load()).modelTopology as { config: { layers: { config: Record<string, unknown> }[] } }).config.layers[0].config;
    expect(written).toMatchObject({ filters: 2, kernel_size: [3, 3], strides: [1, 1], padding: 'valid', data_format: 'channels_last', dilation_rate: [1, 1], recurrent_activation: 'hard_sigmoid', unit_forget_bias: true, return_sequences: false });
    x.dispose();
    layer.dispose();
  });

  it("loads Keras 2.2.4's JSON for ConvLSTM2D (class name, arguments, weight names)", async () => {
    const artifacts = kerasArtifacts([{ class_name: 'ConvLSTM2D', config: {
      name: 'conv_lst_m2d_1', trainable: true, batch_input_shape: [null, STEPS, ROWS, COLS, CHANNELS], dtype: 'float32',
      return_sequences: true, return_state: false, go_backwards: false, stateful: false, unroll: false,
      filters: FILTERS, kernel_size: KERNEL, strides: [1, 1], padding: 'same', data_format: 'channels_last', dilation_rate: [1, 1],
      activation: 'tanh', recurrent_activation: 'hard_sigmoid', use_bias: true,
      kernel_initializer: { class_name: 'VarianceScaling', config: { scale: 1.0, mode: 'fan_avg', distribution: 'uniform', seed: null } },
      recurrent_initializer: { class_name: 'Orthogonal', config: { gain: 1.0, seed: null } }, bias_initializer: { class_name: 'Zeros', config: {} },
      unit_forget_bias: true, kernel_regularizer: null, recurrent_regularizer: null, bias_regularizer: null, activity_regularizer: null,
      kernel_constraint: null, recurrent_constraint: null, bias_constraint: null, dropout: 0.0, recurrent_dropout: 0.0,
    } }], [
      { name: 'conv_lst_m2d_1/kernel', shape: [...KERNEL, CHANNELS, 4 * FILTERS], values: flat(W.K) },
      { name: 'conv_lst_m2d_1/recurrent_kernel', shape: [...KERNEL, FILTERS, 4 * FILTERS], values: flat(W.R) },
      { name: 'conv_lst_m2d_1/bias', shape: [4 * FILTERS], values: W.b },
    ]);
    const model = await loadModel(saving.fromArtifacts(artifacts));
    const y = (await model.predict(tensor(flat(X), [BATCH, STEPS, ROWS, COLS, CHANNELS]))) as Tensor;
    expectClose(y, X.map((s) => convLstmRef(s, W, FILTERS, { strides: [1, 1], padding: 'same', dilation: [1, 1] }).outs));
    y.dispose();
  });

  it('gradients match finite differences (strides 2, valid; and same with a mask)', () => {
    const small = (args: Record<string, unknown>): layers.ConvLSTM2D => {
      const layer = layers.convLstm2d({ filters: 2, kernelSize: 2, ...args });
      layer.buildFor([null, 2, 4, 3, 2]);
      return layer;
    };
    const x = tensor(flat(X.map((s) => s.slice(0, 2).map((img) => img.slice(0, 4).map((r) => r.slice(0, 3))))), [BATCH, 2, 4, 3, 2]);
    const a = small({ strides: 2, returnSequences: true });
    checkGradients(a, x);
    const b = small({ padding: 'same' });
    checkGradients(b, x, { training: false, mask: tensor([[1, 0], [1, 1]], [BATCH, 2], 'bool') });
    [a, b, x].forEach((t) => t.dispose());
  });

  it('fit lowers the loss and frees its intermediates', async () => {
    setRandomSeed(2);
    const model = new Sequential({ layers: [
      layers.convLstm2d({ filters: 2, kernelSize: 3, padding: 'same', returnSequences: true, inputShape: [STEPS, ROWS, COLS, CHANNELS] }),
      layers.convLstm2d({ filters: 1, kernelSize: 2, dataFormat: 'channelsLast' }),
      layers.flatten(),
      layers.dense({ units: 1 }),
    ] });
    model.compile({ optimizer: 'adam', loss: 'mse' });
    const x = tensor(flat(X), [BATCH, STEPS, ROWS, COLS, CHANNELS]);
    await model.fit(x, [[0.3], [-0.2]], { epochs: 1, verbose: 0 });
    const before = memory().buffers;
    const h = await model.fit(x, [[0.3], [-0.2]], { epochs: 6, verbose: 0 });
    expect(memory().buffers).toBe(before);
    expect(h.history.loss[5]).toBeLessThan(h.history.loss[0]);
    x.dispose();
  });

  it('bad input names the layer and the argument', () => {
    expect(() => layers.convLstm2d({ filters: 2, kernelSize: 3, unroll: true, name: 'u' })).toThrow(/u: unroll is not possible with convolutional RNNs/);
    expect(() => layers.convLstm2d({ filters: 2, kernelSize: 3, padding: 'causal' as never, name: 'p' })).toThrow(/p: padding must be 'valid', 'same', got "causal"/);
    expect(() => layers.convLstm2d({ filters: 0, kernelSize: 3, name: 'f' })).toThrow(/f: filters must be a positive integer, got 0/);
    const layer = layers.convLstm2d({ filters: 2, kernelSize: 3, name: 'r' });
    expect(() => layer.buildFor([null, 3, 5, 5])).toThrow(/r: expected input of shape \(batch, timesteps, rows, cols, channels\) with known channels, got \(None, 3, 5, 5\)/);
  });
});
