import { describe, expect, it } from 'vitest';
import { layers, memory, ops, tensor, tidy, valueAndGrads } from '@layerwise/api';
import { checkGradients, checkRoundTrip, expectClose, vals, wave } from './layers-helpers.js';

const TRAIN = { training: true, mask: null };
const INFER = { training: false, mask: null };

/** Per-feature statistics of x [n, f] (float64): mean and population variance. */
function columnStats(x: number[], n: number, f: number): { mean: number[]; variance: number[] } {
  const mean = Array.from({ length: f }, (_, j) => { let s = 0; for (let i = 0; i < n; i++) s += x[i * f + j]; return s / n; });
  const variance = mean.map((m, j) => { let s = 0; for (let i = 0; i < n; i++) s += (x[i * f + j] - m) ** 2; return s / n; });
  return { mean, variance };
}

describe('BatchNormalization', () => {
  const n = 6; const f = 3;
  const xv = wave(n * f).map((v, i) => v * (1 + (i % 3)) + (i % 3));
  const x = tensor(xv, [n, f]);
  const gamma = [1.5, 0.5, -1];
  const beta = [0.1, 0.2, 0.3];

  it('weights: gamma, beta trainable, then moving_mean, moving_variance non-trainable', () => {
    const bn = layers.batchNormalization();
    bn.apply(x);
    expect(bn.weights.map((w) => w.name.split('/')[1])).toEqual(['gamma', 'beta', 'moving_mean', 'moving_variance']);
    expect(bn.trainableWeights.map((w) => w.name.split('/')[1])).toEqual(['gamma', 'beta']);
    expect(bn.nonTrainableWeights.map((w) => w.name.split('/')[1])).toEqual(['moving_mean', 'moving_variance']);
    expect(bn.weights.map((w) => w.shape)).toEqual([[3], [3], [3], [3]]);
    expect(bn.countParams()).toBe(12);
    expect(bn.getWeights().map((w) => vals(w))).toEqual([[1, 1, 1], [0, 0, 0], [0, 0, 0], [1, 1, 1]]);
    expect(layers.batchNormalization({ center: false, scale: false }).getConfig()).toMatchObject({ momentum: 0.99, epsilon: 1e-3, axis: -1 });
  });

  it('inference normalises with the moving statistics', () => {
    const bn = layers.batchNormalization({ epsilon: 0.01 });
    bn.apply(x);
    const mm = [0.5, -1, 2]; const mv = [2, 0.5, 4];
    bn.setWeights([tensor(gamma), tensor(beta), tensor(mm), tensor(mv)]);
    const y = bn.apply(x, INFER);
    expectClose(vals(y), xv.map((v, i) => { const j = i % f; return gamma[j] * (v - mm[j]) / Math.sqrt(mv[j] + 0.01) + beta[j]; }));
    // Inference leaves the statistics alone.
    expect(vals(bn.movingMean!.value)).toEqual(mm);
  });

  it('training normalises with batch statistics and moves the moving statistics (Keras 2 formula)', () => {
    const bn = layers.batchNormalization({ momentum: 0.8 });
    bn.apply(x);
    const mm0 = [0.5, -1, 2]; const mv0 = [2, 0.5, 4];
    bn.setWeights([tensor(gamma), tensor(beta), tensor(mm0), tensor(mv0)]);
    const { mean, variance } = columnStats(xv, n, f);
    const y = bn.apply(x, TRAIN);
    expectClose(vals(y), xv.map((v, i) => { const j = i % f; return gamma[j] * (v - mean[j]) / Math.sqrt(variance[j] + 1e-3) + beta[j]; }), 1e-4);
    // moving = moving * momentum + batch * (1 - momentum); the variance scaled by n / (n - (1 + epsilon)).
    expectClose(vals(bn.movingMean!.value), mm0.map((m, j) => m * 0.8 + mean[j] * 0.2), 1e-5);
    expectClose(vals(bn.movingVariance!.value), mv0.map((v, j) => v * 0.8 + variance[j] * (n / (n - 1.001)) * 0.2), 1e-5);
  });

  it('the update survives a tidy and a gradient tape; frozen layers do not update', () => {
    const bn = layers.batchNormalization({ momentum: 0.5 });
    bn.apply(x);
    const { mean } = columnStats(xv, n, f);
    const { grads } = valueAndGrads(() => tidy(() => ops.sum(ops.mul(bn.apply(x, TRAIN), tensor(wave(n * f, 2), [n, f])))), [x, ...bn.trainableWeights.map((w) => w.value)]);
    expect(grads.length).toBe(3);
    expect(bn.movingMean!.value.isDisposed).toBe(false);
    expectClose(vals(bn.movingMean!.value), mean.map((m) => m * 0.5), 1e-5);

    const frozen = layers.batchNormalization({ trainable: false });
    frozen.apply(x);
    expect(frozen.trainableWeights.length).toBe(0);
    expect(frozen.nonTrainableWeights.length).toBe(4);
    const y = frozen.apply(x, TRAIN);
    expect(vals(frozen.movingMean!.value)).toEqual([0, 0, 0]);
    const stats = columnStats(xv, n, f);
    expectClose(vals(y), xv.map((v, i) => (v - stats.mean[i % f]) / Math.sqrt(stats.variance[i % f] + 1e-3)), 1e-4);
  });

  it('training steps inside tidy leak no buffers (old moving statistics are freed)', () => {
    const bn = layers.batchNormalization();
    bn.apply(x);
    tidy(() => { bn.apply(x, TRAIN); });
    const before = memory().buffers;
    for (let i = 0; i < 3; i++) tidy(() => { bn.apply(x, TRAIN); });
    expect(memory().buffers).toBe(before);
  });

  it('axis 1 of a 4-D input (channels first) reduces over batch, rows and cols', () => {
    const bn = layers.batchNormalization({ axis: 1, momentum: 0 });
    const shape = [2, 2, 3, 2];
    const data = wave(24);
    const x4 = tensor(data, shape);
    bn.apply(x4);
    expect(bn.weights.map((w) => w.shape)).toEqual([[2], [2], [2], [2]]);
    const y = bn.apply(x4, TRAIN);
    const channelOf = (i: number): number => Math.floor(i / 6) % 2;
    const mean = [0, 1].map((c) => { const v = data.filter((_, i) => channelOf(i) === c); return v.reduce((a, b) => a + b, 0) / v.length; });
    const variance = [0, 1].map((c) => { const v = data.filter((_, i) => channelOf(i) === c); return v.reduce((a, b) => a + (b - mean[c]) ** 2, 0) / v.length; });
    expectClose(vals(y), data.map((v, i) => (v - mean[channelOf(i)]) / Math.sqrt(variance[channelOf(i)] + 1e-3)), 1e-4);
    expectClose(vals(bn.movingMean!.value), mean, 1e-5);
    expectClose(vals(bn.movingVariance!.value), variance.map((v) => v * 12 / (12 - 1.001)), 1e-5);
  });

  it('gradients match finite differences in training and inference', () => {
    const bn = layers.batchNormalization({ gammaInitializer: { className: 'Constant', config: { value: 1.3 } }, betaInitializer: 'ones' });
    checkGradients(bn, x, TRAIN);
    checkGradients(bn, x, INFER);
  });

  it('config round-trips; bad config and input are errors naming the layer', () => {
    const bn = layers.batchNormalization({ momentum: 0.9, epsilon: 1e-2, center: false, movingVarianceInitializer: 'zeros' });
    bn.apply(x);
    bn.setWeights([tensor(gamma), tensor([0, 1, 2]), tensor([1, 2, 3])]);
    checkRoundTrip(bn, x, INFER);
    expect(() => layers.batchNormalization({ momentum: 2, name: 'bn' })).toThrow('bn: momentum must be a number in [0, 1], got 2');
    expect(() => layers.batchNormalization({ epsilon: 0, name: 'bn' })).toThrow('bn: epsilon must be a number > 0, got 0');
    expect(() => layers.batchNormalization({ axis: 3, name: 'bn2' }).apply(x)).toThrow('bn2: axis 3 is out of range for input of shape (None, 3)');
    expect(() => layers.batchNormalization({ axis: 0, name: 'bn3' }).apply(x)).toThrow(/bn3: axis 0 is the batch axis/);
    expect(() => layers.batchNormalization({ name: 'bn4' }).buildFor([null, null])).toThrow('bn4: axis -1 of the input (None, None) must have a known size');
    const built = layers.batchNormalization({ name: 'bn5' });
    built.apply(x);
    expect(() => built.apply(tensor(wave(8), [2, 4]))).toThrow('bn5: the layer was built for inputs of rank 2 with 3 features on axis 1, got shape (2, 4)');
  });
});

describe('LayerNormalization', () => {
  it('normalises each sample over the last axis, then gamma and beta', () => {
    const xv = wave(8);
    const x = tensor(xv, [2, 4]);
    const ln = layers.layerNormalization();
    ln.apply(x);
    expect(ln.weights.map((w) => w.name.split('/')[1])).toEqual(['gamma', 'beta']);
    expect(ln.weights.map((w) => w.shape)).toEqual([[4], [4]]);
    const g = [1, 2, -1, 0.5]; const b = [0, 0.1, 0.2, 0.3];
    ln.setWeights([tensor(g), tensor(b)]);
    const y = ln.apply(x, TRAIN);
    const ref: number[] = [];
    for (let r = 0; r < 2; r++) {
      const row = xv.slice(r * 4, r * 4 + 4);
      const m = row.reduce((a, c) => a + c, 0) / 4;
      const v = row.reduce((a, c) => a + (c - m) ** 2, 0) / 4;
      row.forEach((c, j) => ref.push(g[j] * (c - m) / Math.sqrt(v + 1e-3) + b[j]));
    }
    expectClose(vals(y), ref, 1e-4);
    expectClose(vals(ln.apply(x, INFER)), ref, 1e-4);
    expect(ln.computeOutputShape([null, 4])).toEqual([null, 4]);
    checkGradients(ln, x);
    checkRoundTrip(ln, x);
  });

  it('several axes: statistics over both, weights shaped like them', () => {
    const xv = wave(2 * 3 * 2);
    const x = tensor(xv, [2, 3, 2]);
    const ln = layers.layerNormalization({ axis: [-2, -1], epsilon: 1e-5, center: false });
    const y = ln.apply(x);
    expect(ln.weights.map((w) => w.shape)).toEqual([[3, 2]]);
    const ref: number[] = [];
    for (let s = 0; s < 2; s++) {
      const part = xv.slice(s * 6, s * 6 + 6);
      const m = part.reduce((a, c) => a + c, 0) / 6;
      const v = part.reduce((a, c) => a + (c - m) ** 2, 0) / 6;
      part.forEach((c) => ref.push((c - m) / Math.sqrt(v + 1e-5)));
    }
    expectClose(vals(y), ref, 1e-4);
    checkGradients(ln, x);
    checkRoundTrip(ln, x);
    expect(() => layers.layerNormalization({ axis: 0, name: 'ln' }).apply(x)).toThrow('ln: axis [0] must name distinct non-batch axes of the input (None, 3, 2)');
    expect(() => layers.layerNormalization({ axis: [], name: 'ln2' })).toThrow('ln2: axis must be an integer or a non-empty list of integers, got []');
  });

  it('both classes are registered', () => {
    expect(layers.registeredLayerClasses()).toContain('BatchNormalization');
    expect(layers.registeredLayerClasses()).toContain('LayerNormalization');
  });
});
