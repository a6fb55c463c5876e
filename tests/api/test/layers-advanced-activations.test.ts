import { describe, expect, it } from 'vitest';
import { Sequential, constraints, layers, optimizers, saving, tensor } from '@layerwise/api';
import { checkGradients, checkRoundTrip, expectClose, vals, wave } from './layers-helpers.js';

// References in float64, from Keras 2.2.4's layers/advanced_activations.py and the
// TensorFlow backend it calls (K.relu, K.elu, activations.softmax).

/** Sample values kept at least `gap` from each kink, so finite differences do not straddle one. */
function awayFrom(values: number[], kinks: number[], gap = 0.05): number[] {
  return values.map((v) => {
    for (const k of kinks) if (Math.abs(v - k) < gap) return k + (v < k ? -gap : gap);
    return v;
  });
}

/** K.relu(x, alpha, max_value, threshold) as Keras 2.2.4's TensorFlow backend composes it. */
function refRelu(x: number, alpha: number, maxValue: number | null, threshold: number): number {
  const negative = alpha !== 0 ? Math.max(threshold - x, 0) : 0;
  let y = threshold !== 0 ? x * (x > threshold ? 1 : 0) : Math.max(x, 0);
  if (maxValue !== null) y = Math.min(Math.max(y, 0), maxValue);
  return y - alpha * negative;
}

function layerOf<T extends InstanceType<typeof layers.Layer>>(l: T, shape: number[], kinks: number[]) {
  const xv = awayFrom(wave(shape.reduce((a, b) => a * b, 1)).map((v) => v * 2), kinks);
  const x = tensor(xv, shape);
  return { l, x, xv, y: vals(l.apply(x)) };
}

describe('LeakyReLU, ReLU, ELU, ThresholdedReLU', () => {
  it('LeakyReLU: default alpha 0.3, and 0.05', () => {
    const a = layerOf(layers.leakyReLU(), [3, 5], [0]);
    expectClose(a.y, a.xv.map((v) => (v >= 0 ? v : 0.3 * v)), 1e-6);
    const b = layerOf(layers.leakyReLU({ alpha: 0.05 }), [2, 3, 4], [0]);
    expectClose(b.y, b.xv.map((v) => (v >= 0 ? v : 0.05 * v)), 1e-6);
    checkGradients(b.l, b.x);
    checkRoundTrip(b.l, b.x);
  });

  it("ReLU: Keras's max_value / negative_slope / threshold cases", () => {
    const cases: [number | null, number, number][] = [[null, 0, 0], [6, 0, 0], [1.5, 0, 0], [null, 0.2, 0], [1.5, 0.2, 0.5], [null, 0, -0.5], [2, 0.1, -0.5], [null, 0.3, 1]];
    for (const [maxValue, negativeSlope, threshold] of cases) {
      const r = layerOf(layers.reLU({ maxValue, negativeSlope, threshold }), [4, 6], [0, threshold, maxValue ?? 0]);
      expectClose(r.y, r.xv.map((v) => refRelu(v, negativeSlope, maxValue, threshold)), 1e-6);
      checkGradients(r.l, r.x);
    }
    expect(layers.reLU().getConfig()).toMatchObject({ maxValue: null, negativeSlope: 0, threshold: 0 });
    expect(() => layers.reLU({ name: 'r', maxValue: -1 })).toThrow('r: maxValue must be a finite number >= 0, got -1');
    expect(() => layers.reLU({ name: 'r2', negativeSlope: -0.1 })).toThrow('r2: negativeSlope must be a finite number >= 0, got -0.1');
  });

  it('ELU: alpha 1 (default) and 0.4; large inputs stay finite', () => {
    const a = layerOf(layers.elu(), [3, 4], [0]);
    expectClose(a.y, a.xv.map((v) => (v > 0 ? v : Math.expm1(v))), 1e-6);
    const b = layerOf(layers.elu({ alpha: 0.4 }), [3, 4], [0]);
    expectClose(b.y, b.xv.map((v) => (v > 0 ? v : 0.4 * Math.expm1(v))), 1e-6);
    checkGradients(b.l, b.x);
    expect(vals(layers.elu().apply(tensor([[200, -200]])))).toEqual([200, -1]);
  });

  it('ThresholdedReLU: x * (x > theta), theta 1 (default) and -0.25; theta itself gives 0', () => {
    const a = layerOf(layers.thresholdedReLU(), [3, 4], [1]);
    expectClose(a.y, a.xv.map((v) => (v > 1 ? v : 0)), 1e-6);
    const b = layerOf(layers.thresholdedReLU({ theta: -0.25 }), [3, 4], [-0.25]);
    expectClose(b.y, b.xv.map((v) => (v > -0.25 ? v : 0)), 1e-6);
    checkGradients(b.l, b.x);
    expect(vals(layers.thresholdedReLU({ theta: 0.5 }).apply(tensor([[0.5, 0.50001, 2]])))).toEqual([0, Math.fround(0.50001), 2]);
  });
});

describe('Softmax', () => {
  const refSoftmax = (x: number[], shape: number[], axis: number): number[] => {
    const stride = shape.slice(axis + 1).reduce((a, b) => a * b, 1);
    const n = shape[axis];
    return x.map((_, i) => {
      const base = i - (Math.floor(i / stride) % n) * stride;
      const row = Array.from({ length: n }, (_, k) => x[base + k * stride]);
      const m = Math.max(...row);
      return Math.exp(x[i] - m) / row.reduce((s, v) => s + Math.exp(v - m), 0);
    });
  };

  it('along the last axis (default), along axis 1 of a rank-3 input, with gradients', () => {
    const a = layerOf(layers.softmax(), [2, 3, 4], []);
    expectClose(a.y, refSoftmax(a.xv, [2, 3, 4], 2), 1e-6);
    const b = layerOf(layers.softmax({ axis: 1 }), [2, 3, 4], []);
    expectClose(b.y, refSoftmax(b.xv, [2, 3, 4], 1), 1e-6);
    checkGradients(b.l, b.x);
    const c = layerOf(layers.softmax({ axis: -3 }), [2, 3, 2, 2], []);
    expectClose(c.y, refSoftmax(c.xv, [2, 3, 2, 2], 1), 1e-6);
    checkRoundTrip(c.l, c.x);
  });

  it('as Keras 2: a rank-2 input is normalised along its last axis whatever the axis; rank 1 and bad axes are refused', () => {
    const a = layerOf(layers.softmax({ axis: 0 }), [3, 4], []);
    expectClose(a.y, refSoftmax(a.xv, [3, 4], 1), 1e-6);
    expect(() => layers.softmax({ name: 's' }).apply(tensor([1, 2, 3]))).toThrow('s: cannot apply softmax to an input of rank 1, got shape (None,)');
    expect(() => layers.softmax({ name: 's2', axis: 3 }).apply(tensor(wave(8), [2, 2, 2]))).toThrow('s2: axis 3 is out of range for input of shape (None, 2, 2)');
    expect(() => layers.softmax({ name: 's3', axis: 0.5 })).toThrow('s3: axis must be an integer, got 0.5');
  });
});

describe('PReLU', () => {
  it('alpha of the input shape (zeros by default: relu), one weight per element; summary count', () => {
    const l = layers.prelu();
    const x = tensor(wave(2 * 3 * 4), [2, 3, 4]);
    expect(vals(l.apply(x))).toEqual(vals(x).map((v) => Math.max(v, 0)));
    expect(l.weights.map((w) => [w.name, w.shape])).toEqual([[`${l.name}/alpha`, [3, 4]]]);
    expect(l.countParams()).toBe(12);
  });

  it('sharedAxes [1, 2] on images: one alpha per channel; values and gradients (input and alpha)', () => {
    const l = layers.prelu({ sharedAxes: [1, 2], alphaInitializer: { className: 'Constant', config: { value: 0.25 } } });
    const shape = [2, 3, 3, 2];
    const xv = awayFrom(wave(36), [0]);
    const x = tensor(xv, shape);
    l.apply(x);
    expect(l.weights[0].shape).toEqual([1, 1, 2]);
    l.setWeights([tensor([0.2, -0.6], [1, 1, 2])]);
    const y = vals(l.apply(x));
    expectClose(y, xv.map((v, i) => (v > 0 ? v : [0.2, -0.6][i % 2] * v)), 1e-6);
    checkGradients(l, x);
    const one = layers.prelu({ sharedAxes: 1 });
    one.apply(x);
    expect(one.weights[0].shape).toEqual([1, 3, 2]);
    checkRoundTrip(l, x);
  });

  it('alphaConstraint is applied after a step, alphaRegularizer counts in the loss', async () => {
    const model = new Sequential({ layers: [layers.prelu({
      inputShape: [3], alphaInitializer: 'ones', alphaConstraint: constraints.maxNorm({ maxValue: 0.5, axis: 0 }),
      alphaRegularizer: { className: 'L1L2', config: { l2: 0.1 } },
    })] });
    model.compile({ optimizer: optimizers.sgd({ learningRate: 0.1 }), loss: 'mse' });
    const x = [[-1, -2, 3], [-0.5, 1, -1]];
    const y = [[0, 0, 0], [0, 0, 0]];
    // alpha = 1: out = x; mse = mean(x^2) = 16.25 / 6; penalty 0.1 * 3.
    expect(await model.trainOnBatch(x, y) as number).toBeCloseTo(16.25 / 6 + 0.3, 5);
    // d/dalpha_j = sum_i 2 out_ij / 6 * (-relu(-x_ij)) + 0.2 alpha_j; out = x on the negative side.
    const grad = [0, 1, 2].map((j) => x.reduce((s, row) => s + (row[j] < 0 ? (2 * row[j] / 6) * row[j] : 0), 0) + 0.2);
    const stepped = grad.map((g) => 1 - 0.1 * g);
    const norm = Math.hypot(...stepped);
    expectClose(vals(model.layers[0].getWeights()[0]), stepped.map((v) => (v * Math.min(norm, 0.5)) / (1e-7 + norm)), 1e-5);
    model.dispose();
  });

  it('refuses a batch shared axis and unknown axes', () => {
    expect(() => layers.prelu({ name: 'p', sharedAxes: [0] })).toThrow('p: sharedAxes must be an axis >= 1 (0 is the batch) or a list of them, got [0]');
    expect(() => layers.prelu({ name: 'p2', sharedAxes: 3 }).apply(tensor(wave(6), [2, 3]))).toThrow('p2: shared axis 3 is out of range for input of shape (None, 3)');
    expect(() => new Sequential({ layers: [layers.prelu({ name: 'p3', batchInputShape: [null, null, 3] })] })).toThrow('p3: every axis of the input but the batch and the shared ones must be known to size alpha');
  });
});

describe('advanced activations: masks and Keras files', () => {
  it('pass a mask on', () => {
    const mask = tensor([[1, 0]], [1, 2], 'bool');
    const x = tensor(wave(4), [1, 2, 2]);
    for (const l of [layers.leakyReLU(), layers.prelu(), layers.elu(), layers.thresholdedReLU(), layers.softmax(), layers.reLU()]) {
      expect(l.computeMask(x, mask)).toBe(mask);
    }
  });

  it('are written with the keys and values Keras writes, and read back', async () => {
    const model = new Sequential({ layers: [
      layers.leakyReLU({ alpha: 0.1, inputShape: [2, 3] }),
      layers.prelu({ sharedAxes: [1], alphaConstraint: 'nonNeg' }),
      layers.elu({ alpha: 0.5 }),
      layers.thresholdedReLU({ theta: 0.2 }),
      layers.softmax({ axis: 1 }),
      layers.reLU({ maxValue: 6, negativeSlope: 0.1, threshold: 0.5 }),
    ] });
    const handler = saving.memoryHandler();
    await model.save(handler);
    const cfg = (handler.artifacts!.modelTopology as { config: { layers: { class_name: string; config: Record<string, unknown> }[] } }).config.layers;
    expect(cfg.map((l) => l.class_name)).toEqual(['LeakyReLU', 'PReLU', 'ELU', 'ThresholdedReLU', 'Softmax', 'ReLU']);
    const base = (c: Record<string, unknown>) => ({ name: c.name, trainable: true, dtype: 'float32' });
    expect(cfg[0].config).toEqual({ ...base(cfg[0].config), batch_input_shape: [null, 2, 3], alpha: 0.1 });
    expect(cfg[1].config).toEqual({
      ...base(cfg[1].config), alpha_initializer: { class_name: 'Zeros', config: {} }, alpha_regularizer: null,
      alpha_constraint: { class_name: 'NonNeg', config: {} }, shared_axes: [1],
    });
    expect(cfg[2].config).toEqual({ ...base(cfg[2].config), alpha: 0.5 });
    expect(cfg[3].config).toEqual({ ...base(cfg[3].config), theta: 0.2 });
    expect(cfg[4].config).toEqual({ ...base(cfg[4].config), axis: 1 });
    expect(cfg[5].config).toEqual({ ...base(cfg[5].config), max_value: 6, negative_slope: 0.1, threshold: 0.5 });
    expect(cfg[0].config.name).toMatch(/^leaky_re_lu/);
    expect(cfg[1].config.name).toMatch(/^p_re_lu/);
    expect(model.countParams()).toBe(3);

    const loaded = await saving.loadModel(handler);
    expect(loaded.layers.map((l) => l.getConfig())).toEqual(model.layers.map((l) => l.getConfig()));
    const x = tensor(wave(12), [2, 2, 3]);
    expect(vals(await loaded.predict(x))).toEqual(vals(await model.predict(x)));
    model.dispose();
    loaded.dispose();
  });
});
