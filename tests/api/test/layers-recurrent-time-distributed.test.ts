import { describe, expect, it } from 'vitest';
import { dispose, grads, layers, memory, ops, tensor, tidy } from '@layerwise/api';

// x [2, 3, 4]; Dense(units 2) per timestep computed by hand in float64.
const X = Array.from({ length: 2 }, (_, b) => Array.from({ length: 3 }, (_, t) => Array.from({ length: 4 }, (_, i) => Math.sin(b * 2.3 + t * 0.9 + i * 0.4))));
const W = Array.from({ length: 4 }, (_, i) => [0.3 * i - 0.5, Math.cos(i)]);
const B = [0.1, -0.2];
const denseRef = (v: number[]): number[] => [0, 1].map((j) => Math.tanh(v.reduce((s, vi, i) => s + vi * W[i][j], B[j])));

function wrappedDense(name?: string): layers.TimeDistributed {
  const td = layers.timeDistributed({ layer: layers.dense({ units: 2, activation: 'tanh' }), inputShape: [3, 4], name });
  td.buildFor([null, 3, 4]);
  td.setWeights([tensor(W), tensor(B)]);
  return td;
}

const closeTo = (actual: ArrayLike<number>, expected: number[], tol = 1e-6): void => {
  expect(actual.length).toBe(expected.length);
  Array.from(actual).forEach((v, i) => expect(Math.abs(v - expected[i])).toBeLessThanOrEqual(tol));
};

describe('TimeDistributed', () => {
  it('TimeDistributed(Dense) equals Dense applied to each timestep', () => {
    const td = wrappedDense();
    tidy(() => {
      const y = td.apply(tensor(X));
      expect(y.shape).toEqual([2, 3, 2]);
      closeTo(y.dataSync(), X.flatMap((s) => s.flatMap(denseRef)));
      // And the inner layer on one timestep slice gives the same rows.
      const step1 = td.layer.apply(tensor(X.map((s) => s[1])));
      closeTo(step1.dataSync(), X.flatMap((s) => denseRef(s[1])));
    });
    expect(td.outputShape).toEqual([null, 3, 2]);
    expect(td.computeOutputShape([5, 3, 4])).toEqual([5, 3, 2]);
    td.dispose();
  });

  it('its weights are the inner layer\'s (same variables, order, count); trainable false freezes them', () => {
    const td = wrappedDense();
    expect(td.weights).toEqual(td.layer.weights);
    expect(td.weights.map((w) => w.shape)).toEqual([[4, 2], [2]]);
    expect(td.countParams()).toBe(4 * 2 + 2);
    closeTo(td.getWeights()[0].dataSync(), W.flat());
    td.trainable = false;
    expect(td.trainableWeights).toEqual([]);
    expect(td.nonTrainableWeights.length).toBe(2);
    td.dispose();
  });

  it('gradients reach the inner weights (summed over every timestep)', () => {
    const td = wrappedDense();
    const x = tensor(X);
    const [gb] = grads(() => ops.sum(td.apply(x, { training: true, mask: null })), [td.layer.weights[1].value]);
    // d sum tanh(z) / d b_j = sum over (batch, time) of 1 - tanh(z_j)^2.
    const expected = [0, 1].map((j) => X.flat().reduce((s, v) => s + 1 - denseRef(v)[j] ** 2, 0));
    closeTo(gb.dataSync(), expected, 1e-5);
    dispose([gb, x]);
    td.dispose();
  });

  it('wraps an LSTM over a 4-D input ([batch, outer time, inner time, features])', () => {
    const inner = layers.lstm({ units: 3 });
    const td = layers.timeDistributed({ layer: inner });
    const x4 = Array.from({ length: 2 }, (_, b) => Array.from({ length: 2 }, (_, o) => Array.from({ length: 3 }, (_, t) => [Math.sin(b + o + t), Math.cos(b * o + t)])));
    tidy(() => {
      const y = td.apply(tensor(x4));
      expect(y.shape).toEqual([2, 2, 3]);
      const direct = inner.apply(tensor(x4.flat()));
      closeTo(y.dataSync(), Array.from(direct.dataSync()));
    });
    expect(td.countParams()).toBe(4 * (2 * 3 + 3 * 3 + 3));
    td.dispose();
  });

  it('passes the incoming mask on and frees its intermediates', () => {
    const td = wrappedDense();
    const x = tensor(X);
    const mask = tensor([[true, true, false], [true, false, false]], [2, 3], 'bool');
    expect(td.supportsMasking).toBe(true);
    expect(td.computeMask(x, mask)).toBe(mask);
    const before = memory().buffers;
    tidy(() => { td.apply(x, { training: false, mask }).dataSync(); });
    expect(memory().buffers).toBe(before);
    dispose([x, mask]);
    td.dispose();
  });

  it('config holds the inner layer as { className, config } and round-trips through deserializeLayer', () => {
    const td = wrappedDense('td_rt');
    const config = JSON.parse(JSON.stringify(td.getConfig())) as Record<string, unknown>;
    expect(config).toMatchObject({ name: 'td_rt', batchInputShape: [null, 3, 4], layer: { className: 'Dense', config: { units: 2, activation: 'tanh' } } });
    const copy = layers.deserializeLayer('TimeDistributed', config) as layers.TimeDistributed;
    expect(copy).toBeInstanceOf(layers.TimeDistributed);
    expect(copy.layer).toBeInstanceOf(layers.Dense);
    expect(copy.getConfig()).toEqual(config);
    copy.buildFor([null, 3, 4]);
    copy.setWeights(td.getWeights());
    tidy(() => closeTo(copy.apply(tensor(X)).dataSync(), Array.from(td.apply(tensor(X)).dataSync()), 0));
    expect(() => layers.deserializeLayer('TimeDistributed', { layer: 'Dense' })).toThrow(/TimeDistributed: config.layer must be \{ className, config \}/);
    td.dispose();
    copy.dispose();
  });

  it('rejects inputs without a time axis and non-layers, naming the layer', () => {
    const td = layers.timeDistributed({ layer: layers.dense({ units: 2 }), name: 'td_bad' });
    expect(() => td.buildFor([null, 4])).toThrow(/td_bad: expected input of shape \(batch, timesteps, \.\.\.\) with rank >= 3, got \(None, 4\)/);
    expect(() => layers.timeDistributed({ layer: {} as never, name: 'td_nl' })).toThrow(/td_nl: 'layer' must be a Layer instance/);
  });
});
