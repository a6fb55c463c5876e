import { describe, expect, it } from 'vitest';
import { dispose, grads, layers, memory, ops, tensor, tidy, type Tensor } from '@layerwise/api';
import {
  expectClose, flat, GATES, layerOf, makeInput, makeWeights as refWeights, reference, type Kind, type Mat, type RefWeights,
} from './recurrent-reference.js';

// Deterministic data and weights.
const BATCH = 2;
const STEPS = 3;
const FEATURES = 2;
const UNITS = 3;
const X: number[][][] = makeInput(BATCH, STEPS, FEATURES);

const makeWeights = (kind: Kind, features = FEATURES, units = UNITS): RefWeights => refWeights(kind, features, units);

function makeLayer(kind: Kind, extra: Record<string, unknown> = {}): layers.RNN {
  return layerOf(kind, { units: UNITS, ...extra });
}

/** A built layer holding `w`. */
function layerWith(kind: Kind, w: RefWeights, extra: Record<string, unknown> = {}): layers.RNN {
  const layer = makeLayer(kind, extra);
  layer.buildFor([null, null, w.W.length]);
  layer.setWeights([tensor(w.W), tensor(w.U), tensor(w.b)]);
  return layer;
}

const KINDS: Kind[] = ['simple', 'lstm', 'gru', 'gruAfter'];

describe('SimpleRNN, LSTM, GRU forward (Keras 2 semantics vs a float64 reference)', () => {
  for (const kind of KINDS) {
    it(`${kind}: returnSequences true and false, goBackwards`, () => {
      const w = makeWeights(kind);
      for (const goBackwards of [false, true]) {
        const ref = reference(kind, X, w, UNITS, { goBackwards });
        const seqLayer = layerWith(kind, w, { returnSequences: true, goBackwards });
        const lastLayer = layerWith(kind, w, { goBackwards });
        tidy(() => {
          const seq = seqLayer.apply(tensor(X));
          expect(seq.shape).toEqual([BATCH, STEPS, UNITS]);
          expectClose(seq, ref.seq);
          const last = lastLayer.apply(tensor(X));
          expect(last.shape).toEqual([BATCH, UNITS]);
          expectClose(last, ref.h);
        });
        expect(seqLayer.computeOutputShape([null, STEPS, FEATURES])).toEqual([null, STEPS, UNITS]);
        expect(lastLayer.computeOutputShape([null, STEPS, FEATURES])).toEqual([null, UNITS]);
        seqLayer.dispose();
        lastLayer.dispose();
      }
    });
  }

  it('goBackwards outputs the sequence in processing order (last input step first), as Keras 2 does', () => {
    const w = makeWeights('simple');
    const ref = reference('simple', X, w, UNITS, { goBackwards: true });
    const reversedX = X.map((s) => s.slice().reverse());
    const forwardOnReversed = reference('simple', reversedX, w, UNITS);
    expect(ref.seq).toEqual(forwardOnReversed.seq);
    const layer = layerWith('simple', w, { returnSequences: true, goBackwards: true });
    tidy(() => expectClose(layer.apply(tensor(X)), forwardOnReversed.seq));
    layer.dispose();
  });

  it('returnState: callWithStates gives [output, h, c] for LSTM and [output, h] for GRU/SimpleRNN; lastStates holds them after call', () => {
    for (const kind of KINDS) {
      const w = makeWeights(kind);
      const ref = reference(kind, X, w, UNITS);
      const layer = layerWith(kind, w, { returnSequences: true, returnState: true });
      tidy(() => {
        const out = layer.callWithStates(tensor(X));
        expect(out.length).toBe(kind === 'lstm' ? 3 : 2);
        expectClose(out[0], ref.seq);
        expectClose(out[1], ref.h);
        if (kind === 'lstm') expectClose(out[2], ref.c);
      });
      const before = memory().buffers;
      tidy(() => { layer.apply(tensor(X)); });
      const states = layer.lastStates!;
      expect(states.length).toBe(kind === 'lstm' ? 2 : 1);
      expectClose(states[0], ref.h);
      if (kind === 'lstm') expectClose(states[1], ref.c);
      // The layer owns exactly its kept states (views of the final state buffers).
      expect(memory().buffers).toBe(before + states.length);
      layer.dispose();
      expect(states.every((s) => s.isDisposed)).toBe(true);
      expect(memory().buffers).toBe(before);
    }
  });

  it('without returnState nothing is kept, and a call inside tidy leaves no buffers', () => {
    const layer = layerWith('lstm', makeWeights('lstm'), { returnSequences: true });
    const x = tensor(X);
    const before = memory().buffers;
    tidy(() => { layer.apply(x, { training: false, mask: null }).dataSync(); });
    expect(memory().buffers).toBe(before);
    expect(layer.lastStates).toBeNull();
    x.dispose();
    layer.dispose();
  });
});

describe('masking (K.rnn: masked steps carry states over and repeat the previous output)', () => {
  // Sample 0 is zero-padded at the end; sample 1 has a masked step at the start and in the middle.
  const maskRows = [[1, 1, 0], [0, 1, 0]];
  const paddedX = X.map((s, b) => s.map((step, t) => (maskRows[b][t] ? step : step.map(() => 0))));

  for (const kind of KINDS) {
    it(`${kind}: returnSequences, last output and states follow the mask, forwards and backwards`, () => {
      const w = makeWeights(kind);
      for (const goBackwards of [false, true]) {
        const ref = reference(kind, paddedX, w, UNITS, { mask: maskRows, goBackwards });
        const layer = layerWith(kind, w, { returnSequences: true, goBackwards });
        tidy(() => {
          const mask = tensor(maskRows, [BATCH, STEPS], 'bool');
          const out = layer.callWithStates(tensor(paddedX), { training: false, mask });
          expectClose(out[0], ref.seq);
          expectClose(out[1], ref.h);
          if (kind === 'lstm') expectClose(out[2], ref.c);
        });
        layer.dispose();
      }
    });
  }

  it('a fully padded tail gives the same final state as the unpadded shorter sequence', () => {
    const w = makeWeights('lstm');
    const layer = layerWith('lstm', w);
    tidy(() => {
      const mask = tensor([[1, 1, 0], [1, 1, 0]], [2, 3], 'bool');
      const padded = layer.apply(tensor(X), { training: false, mask });
      const short = layer.apply(tensor(X.map((s) => s.slice(0, 2))));
      expectClose(padded, Array.from(short.dataSync()), 1e-6);
    });
    layer.dispose();
  });

  it('the first step masked outputs zeros (the initial state), and computeMask passes the mask only with returnSequences', () => {
    const w = makeWeights('gru');
    const seqLayer = layerWith('gru', w, { returnSequences: true });
    const lastLayer = layerWith('gru', w);
    tidy(() => {
      const mask = tensor([[0, 1, 1], [1, 1, 1]], [2, 3], 'bool');
      const seq = seqLayer.apply(tensor(X), { training: false, mask });
      expect(Array.from(seq.dataSync()).slice(0, UNITS)).toEqual([0, 0, 0]);
      expect(seqLayer.computeMask(tensor(X), mask)).toBe(mask);
      expect(lastLayer.computeMask(tensor(X), mask)).toBeNull();
    });
    expect(seqLayer.supportsMasking).toBe(true);
    seqLayer.dispose();
    lastLayer.dispose();
  });
});

describe('gradients through the time loop', () => {
  const coef = (n: number): number[] => Array.from({ length: n }, (_, i) => Math.cos(i * 0.77) + 0.3);

  for (const kind of ['lstm', 'gru', 'gruAfter', 'simple'] as Kind[]) {
    it(`${kind}: d(sum(out * c))/d weights matches float64 finite differences`, () => {
      const w = makeWeights(kind);
      const maskRows = [[1, 1, 1], [1, 0, 1]];
      const layer = layerWith(kind, w, { returnSequences: true });
      const c = coef(BATCH * STEPS * UNITS);
      const refLoss = (ww: RefWeights): number => flat(reference(kind, X, ww, UNITS, { mask: maskRows }).seq).reduce((s, v, i) => s + v * c[i], 0);
      const x = tensor(X);
      const mask = tensor(maskRows, [BATCH, STEPS], 'bool');
      const ct = tensor(c, [BATCH, STEPS, UNITS]);
      const [gW, gU, gb] = grads(() => ops.sum(ops.mul(layer.apply(x, { training: true, mask }), ct)),
        [layer.kernel!.value, layer.recurrentKernel!.value, layer.bias!.value]);
      const eps = 1e-6;
      const check = (g: Tensor, which: 'W' | 'U' | 'b'): void => {
        const analytic = g.dataSync();
        const n = analytic.length;
        for (const idx of [0, 1, Math.floor(n / 2), n - 1]) {
          const perturbed = (delta: number): RefWeights => {
            const copy: RefWeights = JSON.parse(JSON.stringify(w));
            const target = copy[which];
            const flatTarget = flat(target);
            flatTarget[idx] += delta;
            if (Array.isArray(target[0])) {
              const cols = (target[0] as number[]).length;
              copy[which] = (target as Mat).map((r, i) => r.map((_, j) => flatTarget[i * cols + j])) as never;
            } else {
              copy[which] = flatTarget as never;
            }
            return copy;
          };
          const numeric = (refLoss(perturbed(eps)) - refLoss(perturbed(-eps))) / (2 * eps);
          expect(Math.abs(analytic[idx] - numeric)).toBeLessThan(2e-4 * Math.max(1, Math.abs(numeric)));
        }
      };
      check(gW, 'W');
      check(gU, 'U');
      check(gb, 'b');
      dispose([gW, gU, gb, x, mask, ct]);
      layer.dispose();
    });
  }
});

describe('dropout and recurrentDropout', () => {
  /** The masks the layer draws after setRandomSeed(seed): input masks (one per gate) first, then recurrent ones. */
  function drawMasks(seed: number, gates: number, batch: number, features: number, units: number, rate: number, recRate: number): { inMasks?: Mat[]; recMasks?: Mat[] } {
    const r = new ops.Random(seed);
    const draw = (cols: number, p: number): Mat[] => Array.from({ length: gates }, () =>
      Array.from({ length: batch }, () => Array.from({ length: cols }, () => (r.next() < 1 - p ? 1 / (1 - p) : 0))));
    const inMasks = rate > 0 ? draw(features, rate) : undefined;
    const recMasks = recRate > 0 ? draw(units, recRate) : undefined;
    return { inMasks, recMasks };
  }

  for (const kind of KINDS) {
    it(`${kind}: one mask per gate drawn per batch, fixed over time, only while training, reproducible with setRandomSeed`, () => {
      const features = 6;
      const units = 5;
      const xs = Array.from({ length: 3 }, (_, b) => Array.from({ length: 4 }, (_, t) => Array.from({ length: features }, (_, i) => Math.cos(b + t * 0.6 + i * 0.45))));
      const w = makeWeights(kind, features, units);
      const layer = makeLayer(kind, { units, dropout: 0.4, recurrentDropout: 0.3, returnSequences: true });
      layer.buildFor([null, null, features]);
      layer.setWeights([tensor(w.W), tensor(w.U), tensor(w.b)]);
      tidy(() => {
        const x = tensor(xs);
        // Inference ignores both rates.
        expectClose(layer.apply(x, { training: false, mask: null }), reference(kind, xs, w, units).seq);
        ops.setRandomSeed(1234);
        const a = Array.from(layer.apply(x, { training: true, mask: null }).dataSync());
        const masks = drawMasks(1234, GATES[kind], 3, features, units, 0.4, 0.3);
        expect(flat(masks.inMasks).some((v) => v === 0)).toBe(true);
        expectClose(tensor(a, [3, 4, units]), reference(kind, xs, w, units, masks).seq);
        ops.setRandomSeed(1234);
        expect(Array.from(layer.apply(x, { training: true, mask: null }).dataSync())).toEqual(a);
        // The next batch draws fresh masks.
        expect(Array.from(layer.apply(x, { training: true, mask: null }).dataSync())).not.toEqual(a);
      });
      layer.dispose();
    });
  }

  it('rates outside [0, 1) are rejected with the layer name', () => {
    expect(() => layers.lstm({ units: 2, name: 'l_bad', dropout: 1 })).toThrow(/l_bad: dropout must be a number in \[0, 1\), got 1/);
    expect(() => layers.gru({ units: 2, name: 'g_bad', recurrentDropout: -0.1 })).toThrow(/g_bad: recurrentDropout must be a number in \[0, 1\)/);
  });
});

describe('weights: Keras 2 layout, order, initialisation and counts', () => {
  it('shapes, names and countParams for 16 features, 64 units', () => {
    const cases: [layers.RNN, number[][], number][] = [
      [layers.lstm({ units: 64, name: 'w_lstm' }), [[16, 256], [64, 256], [256]], 4 * (16 * 64 + 64 * 64 + 64)],
      [layers.gru({ units: 64, name: 'w_gru' }), [[16, 192], [64, 192], [192]], 3 * (16 * 64 + 64 * 64 + 64)],
      [layers.gru({ units: 64, name: 'w_gru2', resetAfter: true }), [[16, 192], [64, 192], [2, 192]], 3 * (16 * 64 + 64 * 64 + 2 * 64)],
      [layers.simpleRNN({ units: 64, name: 'w_rnn' }), [[16, 64], [64, 64], [64]], 16 * 64 + 64 * 64 + 64],
    ];
    for (const [layer, shapes, count] of cases) {
      layer.buildFor([null, 10, 16]);
      expect(layer.weights.map((v) => v.shape)).toEqual(shapes);
      expect(layer.weights.map((v) => v.name)).toEqual(['kernel', 'recurrent_kernel', 'bias'].map((n) => `${layer.name}/${n}`));
      expect(layer.countParams()).toBe(count);
      layer.dispose();
    }
    expect(4 * (16 * 64 + 64 * 64 + 64)).toBe(20736);
    const noBias = layers.lstm({ units: 4, useBias: false });
    noBias.buildFor([null, null, 3]);
    expect(noBias.weights.map((v) => v.shape)).toEqual([[3, 16], [4, 16]]);
    noBias.dispose();
  });

  it('LSTM unitForgetBias starts the f block of the bias at 1 (i, c, o at biasInitializer); off gives all zeros', () => {
    const on = layers.lstm({ units: 3 });
    on.buildFor([null, null, 2]);
    expect(Array.from(on.bias!.value.dataSync())).toEqual([0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0]);
    const onOnes = layers.lstm({ units: 2, biasInitializer: 'ones' });
    onOnes.buildFor([null, null, 2]);
    expect(Array.from(onOnes.bias!.value.dataSync())).toEqual([1, 1, 1, 1, 1, 1, 1, 1]);
    const off = layers.lstm({ units: 3, unitForgetBias: false });
    off.buildFor([null, null, 2]);
    expect(Array.from(off.bias!.value.dataSync())).toEqual(new Array(12).fill(0));
    [on, onOnes, off].forEach((l) => l.dispose());
  });

  it('recurrent_kernel is orthogonal by default (each [units, units] of the [units, 4 units] block rows are orthonormal)', () => {
    const layer = layers.lstm({ units: 4 });
    layer.buildFor([null, null, 3]);
    const u = layer.recurrentKernel!.value.arraySync() as number[][];
    // Rows of a [4, 16] orthogonal matrix are orthonormal.
    for (let i = 0; i < 4; i++) {
      for (let j = 0; j < 4; j++) {
        const dot = u[i].reduce((s, v, k) => s + v * u[j][k], 0);
        expect(dot).toBeCloseTo(i === j ? 1 : 0, 5);
      }
    }
    layer.dispose();
  });

  it('Keras 2 defaults: tanh, hard_sigmoid, glorot_uniform, orthogonal, zeros, resetAfter false, unitForgetBias true', () => {
    const l = layers.lstm({ units: 2 });
    const g = layers.gru({ units: 2 });
    const s = layers.simpleRNN({ units: 2 });
    const lc = l.getConfig();
    expect(lc).toMatchObject({
      units: 2, activation: 'tanh', recurrentActivation: 'hard_sigmoid', useBias: true, unitForgetBias: true, implementation: 1,
      kernelInitializer: { className: 'GlorotUniform' }, recurrentInitializer: { className: 'Orthogonal' }, biasInitializer: { className: 'Zeros' },
      dropout: 0, recurrentDropout: 0, returnSequences: false, returnState: false, goBackwards: false, stateful: false, unroll: false,
    });
    expect(g.getConfig()).toMatchObject({ recurrentActivation: 'hard_sigmoid', resetAfter: false, activation: 'tanh' });
    expect(s.getConfig()).toMatchObject({ activation: 'tanh' });
    expect(s.getConfig()).not.toHaveProperty('recurrentActivation');
    expect([l.name, g.name, s.name].map((n) => n.replace(/_\d+$/, ''))).toEqual(['lstm', 'gru', 'simple_rnn']);
  });

  it('Keras 2 inputDim / inputLength mean inputShape [inputLength, inputDim]', () => {
    expect(layers.lstm({ units: 2, inputDim: 5, inputLength: 7 }).batchInputShape).toEqual([null, 7, 5]);
    expect(layers.gru({ units: 2, inputDim: 5 }).batchInputShape).toEqual([null, null, 5]);
    expect(layers.simpleRNN({ units: 2, inputShape: [4, 3], batchSize: 8 }).batchInputShape).toEqual([8, 4, 3]);
  });

  it('implementation 1 and 2 and unroll give identical results', () => {
    const w = makeWeights('lstm');
    const a = layerWith('lstm', w, { implementation: 1 });
    const b = layerWith('lstm', w, { implementation: 2, unroll: true });
    tidy(() => expect(Array.from(a.apply(tensor(X)).dataSync())).toEqual(Array.from(b.apply(tensor(X)).dataSync())));
    expect(() => layers.gru({ units: 2, implementation: 3 })).toThrow(/implementation must be 0, 1 or 2, got 3/);
    a.dispose();
    b.dispose();
  });
});

describe('config round trip through deserializeLayer', () => {
  for (const kind of KINDS) {
    it(`${kind}: same config and, with the same weights, the same outputs`, () => {
      const w = makeWeights(kind);
      const layer = layerWith(kind, w, {
        returnSequences: true, goBackwards: true, dropout: 0.25, recurrentDropout: 0.1, activation: 'relu',
        kernelRegularizer: 'l2', ...(kind === 'simple' ? {} : { recurrentActivation: 'sigmoid' }), ...(kind === 'lstm' ? { unitForgetBias: false } : {}),
      });
      const config = JSON.parse(JSON.stringify(layer.getConfig())) as Record<string, unknown>;
      const copy = layers.deserializeLayer(layer.className, config) as layers.RNN;
      expect(copy.className).toBe(layer.className);
      expect(copy.getConfig()).toEqual(config);
      expect(config).toMatchObject({ returnSequences: true, goBackwards: true, dropout: 0.25, recurrentDropout: 0.1, activation: 'relu', kernelRegularizer: { className: 'L1L2', config: { l1: 0, l2: 0.01 } } });
      copy.buildFor([null, null, FEATURES]);
      copy.setWeights(layer.getWeights());
      tidy(() => expectClose(copy.apply(tensor(X)), Array.from(layer.apply(tensor(X)).dataSync()), 0));
      expect(copy.regularizationLosses().length).toBe(1);
      layer.dispose();
      copy.dispose();
    });
  }
});

describe('stateful', () => {
  it('carries the final states into the next batch; resetStates starts again from zeros', () => {
    const w = makeWeights('lstm');
    const layer = layerWith('lstm', w, { stateful: true, returnSequences: true });
    const full = reference('lstm', X, w, UNITS);
    tidy(() => {
      const first = layer.apply(tensor(X.map((s) => s.slice(0, 2))));
      const second = layer.apply(tensor(X.map((s) => s.slice(2))));
      expectClose(first, full.seq.map((s) => s.slice(0, 2)));
      expectClose(second, full.seq.map((s) => s.slice(2)));
      const states = layer.states!;
      expectClose(states[0], full.h);
      expectClose(states[1], full.c);
    });
    layer.resetStates();
    expect(layer.states).toBeNull();
    tidy(() => expectClose(layer.apply(tensor(X)), full.seq));
    // Explicit initial states.
    const h0 = [[0.1, -0.2, 0.3], [0.5, 0.4, -0.1]];
    const c0 = [[0.2, 0.2, -0.3], [-0.5, 0.1, 0.05]];
    layer.resetStates([tensor(h0), tensor(c0)]);
    tidy(() => expectClose(layer.apply(tensor(X)), reference('lstm', X, w, UNITS, { initial: { h: h0, c: c0 } }).seq));
    expect(() => tidy(() => layer.apply(tensor([X[0]])))).toThrow(/stateful layer holds states for batch size 2 but got a batch of 1/);
    const plain = layers.gru({ units: 2, name: 'not_stateful' });
    expect(() => plain.resetStates()).toThrow(/not_stateful.resetStates: the layer is not stateful/);
    layer.dispose();
  });

  it('training through a stateful layer twice keeps gradients valid (held states are released safely)', () => {
    const w = makeWeights('gru');
    const layer = layerWith('gru', w, { stateful: true });
    const x = tensor(X);
    for (let i = 0; i < 2; i++) {
      const [g] = grads(() => ops.sum(layer.apply(x, { training: true, mask: null })), [layer.kernel!.value]);
      expect(Array.from(g.dataSync()).every(Number.isFinite)).toBe(true);
      g.dispose();
    }
    const before = memory().buffers;
    tidy(() => { layer.apply(x); });
    expect(memory().buffers).toBe(before);
    x.dispose();
    layer.dispose();
  });
});

describe('bad input', () => {
  it('names the layer and the expected vs actual shapes', () => {
    expect(() => layers.lstm({ units: 0, name: 'u0' })).toThrow(/u0: units must be a positive integer, got 0/);
    expect(() => layers.gru({ units: 2, name: 'ga', activation: 'nope' })).toThrow(/ga: activation: unknown activation 'nope'/);
    const l = layers.simpleRNN({ units: 2, name: 'r2' });
    expect(() => l.buildFor([null, 4])).toThrow(/r2: expected input of shape \(batch, timesteps, features\) with known features, got \(None, 4\)/);
    l.buildFor([null, null, 3]);
    expect(() => tidy(() => l.apply(tensor([[[1, 2]]])))).toThrow(/r2: expected input of shape \[batch, timesteps, 3\], got \[1,1,2\]|r2: expected input of shape \[batch, timesteps, 3\], got \[1, 1, 2\]/);
    expect(() => tidy(() => l.apply(tensor([[[1, 2, 3]]]), { training: false, mask: tensor([[true, false]], [1, 2], 'bool') })))
      .toThrow(/r2: mask must have shape \[1, 1\] \(batch, timesteps\)/);
    l.dispose();
  });
});
