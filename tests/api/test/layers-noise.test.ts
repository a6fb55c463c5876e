import { describe, expect, it } from 'vitest';
import { Sequential, layers, memory, ops, saving, setRandomSeed, tensor, tidy } from '@layerwise/api';
import { expectClose, vals, wave } from './layers-helpers.js';

// Keras 2.2.4: layers/noise.py (GaussianNoise, GaussianDropout, AlphaDropout) and
// layers/core.py (SpatialDropout1D/2D/3D: Dropout with noise shape (batch, 1.., channels);
// ActivityRegularization). Noise is active in training only. The expected values below
// redraw the same numbers from a generator seeded alike (ops.Random: uniform next(),
// normal() by Box-Muller) and apply Keras's formula to them in float64.

const TRAIN = { training: true, mask: null };

const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
const std = (a: number[]) => {
  const m = mean(a);
  return Math.sqrt(mean(a.map((v) => (v - m) ** 2)));
};

describe('noise layers are the identity at inference', () => {
  it('GaussianNoise, GaussianDropout, AlphaDropout, SpatialDropout1D/2D/3D, ActivityRegularization', () => {
    const x = tensor(wave(2 * 3 * 2 * 2 * 2), [2, 3, 2, 2, 2]);
    const cases: [InstanceType<typeof layers.Layer>, number[]][] = [
      [layers.gaussianNoise({ stddev: 1 }), [2, 24]], [layers.gaussianDropout({ rate: 0.5 }), [2, 24]], [layers.alphaDropout({ rate: 0.5 }), [2, 24]],
      [layers.spatialDropout1d({ rate: 0.5 }), [2, 6, 4]], [layers.spatialDropout2d({ rate: 0.5 }), [2, 3, 4, 2]],
      [layers.spatialDropout3d({ rate: 0.5 }), [2, 3, 2, 2, 2]], [layers.activityRegularization({ l1: 1 }), [2, 24]],
    ];
    for (const [l, shape] of cases) {
      const input = ops.reshape(x, shape);
      expect(vals(l.apply(input))).toEqual(vals(x));
      expect(l.countParams()).toBe(0);
    }
  });
});

describe('GaussianNoise and GaussianDropout (training)', () => {
  it('GaussianNoise adds N(0, stddev) from the global generator', () => {
    const x = tensor(wave(12), [3, 4]);
    setRandomSeed(21);
    const y = vals(layers.gaussianNoise({ stddev: 0.7 }).apply(x, TRAIN));
    const r = new ops.Random(21);
    expectClose(y, wave(12).map((v) => v + 0.7 * r.normal()), 1e-5);
    // Over many samples the added noise has mean 0 and standard deviation 0.7.
    const big = vals(layers.gaussianNoise({ stddev: 0.7 }).apply(ops.zeros([100, 100]), TRAIN));
    expect(Math.abs(mean(big))).toBeLessThan(0.02);
    expect(std(big)).toBeCloseTo(0.7, 1);
  });

  it('GaussianDropout multiplies by N(1, sqrt(rate / (1 - rate)))', () => {
    const x = tensor(wave(12), [3, 4]);
    setRandomSeed(22);
    const y = vals(layers.gaussianDropout({ rate: 0.2 }).apply(x, TRAIN));
    const r = new ops.Random(22);
    const s = Math.sqrt(0.2 / 0.8);
    expectClose(y, wave(12).map((v) => v * (1 + s * r.normal())), 1e-5);
    const big = vals(layers.gaussianDropout({ rate: 0.6 }).apply(ops.ones([100, 100]), TRAIN));
    expect(mean(big)).toBeCloseTo(1, 1);
    expect(std(big)).toBeCloseTo(Math.sqrt(0.6 / 0.4), 1);
    // rate 0 is the identity, as in Keras.
    expect(vals(layers.gaussianDropout({ rate: 0 }).apply(x, TRAIN))).toEqual(vals(x));
  });

  it('refuses bad stddev and rate', () => {
    expect(() => layers.gaussianNoise({ name: 'g', stddev: -1 })).toThrow('g: stddev must be a finite number >= 0, got -1');
    expect(() => layers.gaussianDropout({ name: 'gd', rate: 1 })).toThrow('gd: rate must be a number in [0, 1), got 1');
  });
});

describe('AlphaDropout (training)', () => {
  const alpha = 1.6732632423543772848170429916717;
  const scale = 1.0507009873554804934193349852946;
  const alphaP = -alpha * scale;

  it("drops to SELU's saturation, then a * x + b; mask drawn as Dropout's (u >= rate), seeded", () => {
    const rate = 0.3;
    const xv = wave(20);
    const y = vals(layers.alphaDropout({ rate, seed: 9 }).apply(tensor(xv, [4, 5]), TRAIN));
    const r = new ops.Random(9);
    const a = ((1 - rate) * (1 + rate * alphaP ** 2)) ** -0.5;
    const b = -a * alphaP * rate;
    expectClose(y, xv.map((v) => {
      const kept = r.next() >= rate ? 1 : 0;
      return a * (v * kept + alphaP * (1 - kept)) + b;
    }), 1e-5);
    // noiseShape: one mask entry per row.
    const rows = vals(layers.alphaDropout({ rate, seed: 9, noiseShape: [null, 1] }).apply(tensor(xv, [4, 5]), TRAIN));
    const r2 = new ops.Random(9);
    const keptRows = [0, 1, 2, 3].map(() => (r2.next() >= rate ? 1 : 0));
    expectClose(rows, xv.map((v, i) => a * (v * keptRows[Math.floor(i / 5)] + alphaP * (1 - keptRows[Math.floor(i / 5)])) + b), 1e-5);
  });

  it('keeps a standard normal input at mean 0 and variance 1 (the self-normalising property)', () => {
    const r = new ops.Random(3);
    const x = tensor(Float32Array.from({ length: 40000 }, () => r.normal()), [200, 200]);
    const y = vals(layers.alphaDropout({ rate: 0.2, seed: 4 }).apply(x, TRAIN));
    expect(Math.abs(mean(y))).toBeLessThan(0.03);
    expect(std(y)).toBeCloseTo(1, 1);
  });
});

describe('SpatialDropout1D/2D/3D (training)', () => {
  /** Keras's mask: one uniform draw per (sample, channel), in that row-major order; kept maps are scaled by 1 / (1 - rate). */
  function expected(xv: number[], shape: number[], rate: number, seed: number, channelsFirst: boolean): number[] {
    const r = new ops.Random(seed);
    const batch = shape[0];
    const channels = channelsFirst ? shape[1] : shape[shape.length - 1];
    const keep = Array.from({ length: batch * channels }, () => (r.next() >= rate ? 1 / (1 - rate) : 0));
    const inner = shape.slice(1).reduce((p, d) => p * d, 1);
    return xv.map((v, i) => {
      const b = Math.floor(i / inner);
      const c = channelsFirst ? Math.floor((i % inner) / (inner / channels)) : i % channels;
      return v * keep[b * channels + c];
    });
  }

  it('drop whole feature maps; channelsFirst; seeded', () => {
    const cases: [InstanceType<typeof layers.Layer>, number[], boolean][] = [
      [layers.spatialDropout1d({ rate: 0.4, seed: 1 }), [3, 5, 4], false],
      [layers.spatialDropout2d({ rate: 0.5, seed: 2 }), [2, 3, 3, 4], false],
      [layers.spatialDropout2d({ rate: 0.5, seed: 3, dataFormat: 'channelsFirst' }), [2, 4, 3, 3], true],
      [layers.spatialDropout3d({ rate: 0.3, seed: 4 }), [2, 2, 2, 3, 3], false],
      [layers.spatialDropout3d({ rate: 0.3, seed: 5, dataFormat: 'channels_first' }), [2, 3, 2, 2, 2], true],
    ];
    cases.forEach(([l, shape, first], k) => {
      const xv = wave(shape.reduce((a, b) => a * b, 1)).map((v) => v + 3);
      const y = vals(l.apply(tensor(xv, shape), TRAIN));
      expectClose(y, expected(xv, shape, [0.4, 0.5, 0.5, 0.3, 0.3][k], k + 1, first), 1e-5);
      expect(y.some((v) => v === 0) && y.some((v) => v !== 0)).toBe(true);
    });
  });

  it('refuses inputs of the wrong rank', () => {
    expect(() => layers.spatialDropout2d({ rate: 0.5, name: 's' }).apply(tensor(wave(6), [2, 3]))).toThrow('s: expected input of rank 4 (batch, rows, cols, channels), got shape (None, 3)');
  });
});

describe('ActivityRegularization', () => {
  it('the identity, adding l1 sum|x| + l2 sum x^2 of its input to the loss (train and evaluate)', async () => {
    const model = new Sequential({ layers: [layers.activityRegularization({ l1: 0.1, l2: 0.02, inputShape: [3] })] });
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    const x = [[1, -2, 0.5], [3, 0, -1]];
    const y = [[0, 0, 0], [0, 0, 0]];
    const flat = x.flat();
    const mse = flat.reduce((s, v) => s + v * v, 0) / 6;
    const penalty = flat.reduce((s, v) => s + 0.1 * Math.abs(v) + 0.02 * v * v, 0);
    expect(await model.evaluate(x, y, { verbose: 0 }) as number).toBeCloseTo(mse + penalty, 5);
    expect(await model.trainOnBatch(x, y) as number).toBeCloseTo(mse + penalty, 5);
    expect(() => layers.activityRegularization({ name: 'a', l1: -1 })).toThrow('a: l1 must be a finite number >= 0, got -1');
    model.dispose();
  });
});

describe('noise layers in training: only the training pass is noisy', () => {
  it('trainOnBatch sees the noise, evaluate does not', async () => {
    const model = new Sequential({ layers: [layers.gaussianNoise({ stddev: 0.5, inputShape: [4] })] });
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    const x = [[1, 2, 3, 4], [0, -1, 2, 1]];
    expect(await model.evaluate(x, x, { verbose: 0 })).toBe(0);
    setRandomSeed(31);
    const r = new ops.Random(31);
    const noise = Array.from({ length: 8 }, () => 0.5 * r.normal());
    expect(await model.trainOnBatch(x, x) as number).toBeCloseTo(mean(noise.map((v) => Math.fround(v) ** 2)), 5);
    const before = memory().buffers;
    tidy(() => { for (const l of [layers.alphaDropout({ rate: 0.5 }), layers.spatialDropout1d({ rate: 0.5 })]) l.apply(tensor(wave(8), [2, 2, 2]), TRAIN); });
    expect(memory().buffers).toBe(before);
    model.dispose();
  });
});

describe('noise layers: masks and Keras files', () => {
  it('pass a mask on', () => {
    const mask = tensor([[1, 0]], [1, 2], 'bool');
    const x = tensor(wave(4), [1, 2, 2]);
    for (const l of [layers.gaussianNoise({ stddev: 1 }), layers.gaussianDropout({ rate: 0.1 }), layers.alphaDropout({ rate: 0.1 }),
      layers.spatialDropout1d({ rate: 0.1 }), layers.activityRegularization()]) {
      expect(l.computeMask(x, mask)).toBe(mask);
    }
  });

  it('are written with the keys Keras writes (AlphaDropout and SpatialDropout2D/3D keep what they need besides), and read back', async () => {
    const model = new Sequential({ layers: [
      layers.gaussianNoise({ stddev: 0.1, inputShape: [2, 2, 2, 2] }),
      layers.gaussianDropout({ rate: 0.2 }),
      layers.alphaDropout({ rate: 0.1, seed: 3, noiseShape: [null, 1, 2, 2, 2] }),
      layers.spatialDropout3d({ rate: 0.3, dataFormat: 'channelsFirst' }),
      layers.reshape({ targetShape: [4, 4] }),
      layers.spatialDropout1d({ rate: 0.3, seed: 1 }),
      layers.reshape({ targetShape: [2, 2, 4] }),
      layers.spatialDropout2d({ rate: 0.3 }),
      layers.activityRegularization({ l1: 0.01 }),
    ] });
    const handler = saving.memoryHandler();
    await model.save(handler);
    const cfg = (handler.artifacts!.modelTopology as { config: { layers: { class_name: string; config: Record<string, unknown> }[] } }).config.layers;
    const base = (c: Record<string, unknown>) => ({ name: c.name, trainable: true, dtype: 'float32' });
    expect(cfg[0].config).toEqual({ ...base(cfg[0].config), batch_input_shape: [null, 2, 2, 2, 2], stddev: 0.1 });
    expect(cfg[1].config).toEqual({ ...base(cfg[1].config), rate: 0.2 });
    expect(cfg[2].config).toEqual({ ...base(cfg[2].config), rate: 0.1, noise_shape: [null, 1, 2, 2, 2], seed: 3 });
    expect(cfg[3].config).toEqual({ ...base(cfg[3].config), rate: 0.3, noise_shape: null, seed: null, data_format: 'channels_first' });
    expect(cfg[5].config).toEqual({ ...base(cfg[5].config), rate: 0.3, noise_shape: null, seed: 1 });
    expect(cfg[7].config).toEqual({ ...base(cfg[7].config), rate: 0.3, noise_shape: null, seed: null, data_format: 'channels_last' });
    expect(cfg[8].config).toEqual({ ...base(cfg[8].config), l1: 0.01, l2: 0 });
    expect(cfg[3].config.name).toMatch(/^spatial_dropout3d/);
    const loaded = await saving.loadModel(handler);
    expect(loaded.layers.map((l) => l.getConfig())).toEqual(model.layers.map((l) => l.getConfig()));
    model.dispose();
    loaded.dispose();
  });
});
