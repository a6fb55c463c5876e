import { describe, expect, it } from 'vitest';
import { layers, memory, ops, regularizers, setRandomSeed, tensor, tidy, valueAndGrads } from '@layerwise/api';
import { checkGradients, checkRoundTrip, expectClose, vals, wave } from './layers-helpers.js';

const TRAIN = { training: true, mask: null };
const INFER = { training: false, mask: null };

/** Plain float64 x [n, k] @ w [k, m] + b. */
function affine(x: number[], n: number, k: number, w: number[], m: number, b: number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) {
    let s = b[j];
    for (let t = 0; t < k; t++) s += x[i * k + t] * w[t * m + j];
    out.push(s);
  }
  return out;
}

describe('Dense', () => {
  it('computes activation(x @ kernel + bias) with kernel [in, units] then bias', () => {
    const layer = layers.dense({ units: 2, activation: 'relu', inputShape: [3] });
    const x = tensor([[1, 2, 3], [-1, 0, 2]]);
    layer.apply(x);
    expect(layer.weights.map((w) => w.name)).toEqual([`${layer.name}/kernel`, `${layer.name}/bias`]);
    expect(layer.weights.map((w) => w.shape)).toEqual([[3, 2], [2]]);
    expect(layer.countParams()).toBe(8);
    const w = [0.5, -1, 0.25, 2, -0.75, 0.1];
    layer.setWeights([tensor(w, [3, 2]), tensor([0.5, -0.5])]);
    const y = layer.apply(x);
    expect(y.shape).toEqual([2, 2]);
    expectClose(vals(y), affine([1, 2, 3, -1, 0, 2], 2, 3, w, 2, [0.5, -0.5]).map((v) => Math.max(v, 0)));
    expect(layer.computeOutputShape([null, 7, 3])).toEqual([null, 7, 2]);
  });

  it('gradients match finite differences; config round-trips with regularizers', () => {
    const layer = layers.dense({ units: 3, activation: 'tanh', kernelRegularizer: regularizers.l2(0.1) });
    const x = tensor(wave(8), [2, 4]);
    checkGradients(layer, x);
    const copy = checkRoundTrip(layer, x);
    expect(copy.getConfig().kernelRegularizer).toEqual({ className: 'L1L2', config: { l1: 0, l2: 0.1 } });
  });

  it('rejects bad config and input', () => {
    expect(() => layers.dense({ units: 0, name: 'd0' })).toThrow('d0: units must be a positive integer, got 0');
    expect(() => layers.dense({ units: 2, activation: 'nope', name: 'd2' })).toThrow(/d2: unknown activation 'nope'/);
    expect(() => layers.dense({ units: 2, kernelInitializer: 'nope', name: 'd3' })).toThrow("d3: kernelInitializer: unknown initializer 'nope'");
    expect(() => layers.dense({ units: 2, name: 'd1' }).apply(tensor([1, 2]))).toThrow(/d1: expected input of shape \(batch, \.\.\., features\)/);
  });
});

describe('Activation', () => {
  it('applies the named function (softmax over the last axis)', () => {
    const x = tensor([[1, 2, 3], [0, -1, 1]]);
    const soft = layers.activation({ activation: 'softmax' }).apply(x);
    const ref = [[1, 2, 3], [0, -1, 1]].flatMap((row) => {
      const e = row.map(Math.exp);
      const s = e.reduce((a, b) => a + b);
      return e.map((v) => v / s);
    });
    expectClose(vals(soft), ref);
    const hs = layers.activation({ activation: 'hard_sigmoid' });
    expectClose(vals(hs.apply(tensor([-3, 0, 1, 3]))), [0, 0.5, 0.7, 1]);
    expect(hs.getConfig().activation).toBe('hard_sigmoid');
    checkGradients(layers.activation({ activation: 'elu' }), tensor(wave(6), [2, 3]));
    checkRoundTrip(hs, tensor(wave(6), [2, 3]));
    expect(layers.activation({ activation: 'relu' }).countParams()).toBe(0);
  });

  it('an unknown name is an error naming the layer', () => {
    expect(() => layers.activation({ activation: 'nope', name: 'act' })).toThrow(/act: unknown activation 'nope'/);
  });
});

describe('Dropout', () => {
  const x = tensor(Array.from({ length: 400 }, (_, i) => 1 + (i % 7)), [20, 20]);

  it('is the identity at inference', () => {
    const layer = layers.dropout({ rate: 0.5 });
    expect(vals(layer.apply(x, INFER))).toEqual(vals(x));
  });

  it('drops about `rate` of the values and scales the rest by 1 / (1 - rate) while training', () => {
    const layer = layers.dropout({ rate: 0.25, seed: 7 });
    const y = vals(layer.apply(x, TRAIN));
    const xs = vals(x);
    let dropped = 0;
    y.forEach((v, i) => {
      if (v === 0) dropped++;
      else expect(v).toBeCloseTo(xs[i] / 0.75, 5);
    });
    expect(dropped / y.length).toBeGreaterThan(0.17);
    expect(dropped / y.length).toBeLessThan(0.33);
  });

  it('a seed makes the masks reproducible; successive calls draw new masks', () => {
    const a = layers.dropout({ rate: 0.5, seed: 42 });
    const b = layers.dropout({ rate: 0.5, seed: 42 });
    const a1 = vals(a.apply(x, TRAIN));
    const a2 = vals(a.apply(x, TRAIN));
    expect(vals(b.apply(x, TRAIN))).toEqual(a1);
    expect(vals(b.apply(x, TRAIN))).toEqual(a2);
    expect(a2).not.toEqual(a1);
  });

  it('without a seed, setRandomSeed makes runs reproducible', () => {
    const layer = layers.dropout({ rate: 0.5 });
    setRandomSeed(3);
    const first = vals(layer.apply(x, TRAIN));
    setRandomSeed(3);
    expect(vals(layer.apply(x, TRAIN))).toEqual(first);
  });

  it('noiseShape shares the mask along size-1 axes', () => {
    const layer = layers.dropout({ rate: 0.5, noiseShape: [null, 1, null], seed: 1 });
    const input = tensor(Array.from({ length: 4 * 5 * 6 }, () => 1), [4, 5, 6]);
    const y = layer.apply(input, TRAIN).arraySync() as number[][][];
    for (const sample of y) for (const step of sample) expect(step).toEqual(sample[0]);
    expect(new Set(y.flat(2))).toEqual(new Set([0, 2]));
    expect(() => layers.dropout({ rate: 0.5, noiseShape: [null, 3, null], name: 'dn' }).apply(input, TRAIN))
      .toThrow('dn: noiseShape [null,3,null] does not broadcast to the input shape (4, 5, 6) (axis 1)');
  });

  it('the gradient is the kept mask scaled by 1 / (1 - rate)', () => {
    const layer = layers.dropout({ rate: 0.4, seed: 9 });
    const input = tensor(wave(30), [5, 6]);
    // The seed stream moves on each call, so compare against a twin with the same seed.
    const twin = layers.dropout({ rate: 0.4, seed: 9 });
    const y = vals(twin.apply(input, TRAIN));
    const { grads: [g] } = valueAndGrads(() => ops.sum(layer.apply(input, TRAIN)), [input]);
    expectClose(vals(g), y.map((v) => (v === 0 ? 0 : 1 / 0.6)));
  });

  it('config round-trips; bad rates are errors', () => {
    checkRoundTrip(layers.dropout({ rate: 0.3, noiseShape: [null, 1], seed: 5 }), tensor(wave(6), [2, 3]));
    expect(() => layers.dropout({ rate: 1, name: 'dr' })).toThrow('dr: rate must be a number in [0, 1), got 1');
    expect(() => layers.dropout({ rate: -0.1, name: 'dr' })).toThrow('dr: rate must be a number in [0, 1), got -0.1');
  });
});

describe('Flatten', () => {
  it('flattens each sample in row-major order; channelsFirst flattens as channels-last', () => {
    const data = Array.from({ length: 2 * 2 * 3 * 2 }, (_, i) => i);
    const x = tensor(data, [2, 2, 3, 2]);
    const layer = layers.flatten();
    const y = layer.apply(x);
    expect(y.shape).toEqual([2, 12]);
    expect(vals(y)).toEqual(data);
    expect(layer.computeOutputShape([null, 2, 3, 2])).toEqual([null, 12]);
    const cf = layers.flatten({ dataFormat: 'channelsFirst' }).apply(x);
    // Input [b, c=2, h=3, w=2] -> channels-last [b, 3, 2, 2] -> flatten.
    const expected: number[] = [];
    for (let b = 0; b < 2; b++) for (let h = 0; h < 3; h++) for (let w = 0; w < 2; w++) for (let c = 0; c < 2; c++) expected.push(data[((b * 2 + c) * 3 + h) * 2 + w]);
    expect(vals(cf)).toEqual(expected);
    checkGradients(layers.flatten(), tensor(wave(12), [2, 3, 2]));
    checkRoundTrip(layers.flatten({ dataFormat: 'channelsFirst' }), x);
  });

  it('drops a mask, and needs rank >= 3 with known sizes', () => {
    const layer = layers.flatten({ name: 'fl' });
    expect(layer.computeMask(tensor(wave(6), [1, 2, 3]), tensor([[true, false]]))).toBeNull();
    expect(() => layer.apply(tensor([[1, 2]]))).toThrow('fl: expected input of rank >= 3 (batch, d1, d2, ...), got shape (None, 2)');
    expect(() => layers.flatten({ name: 'fl2' }).computeOutputShape([null, null, 3])).toThrow(/fl2: the input shape \(None, None, 3\) must be fully defined/);
  });
});

describe('Reshape', () => {
  it('reshapes each sample, inferring one -1', () => {
    const x = tensor(Array.from({ length: 12 }, (_, i) => i), [2, 6]);
    const layer = layers.reshape({ targetShape: [-1, 2] });
    const y = layer.apply(x);
    expect(y.shape).toEqual([2, 3, 2]);
    expect(vals(y)).toEqual(vals(x));
    expect(layer.computeOutputShape([null, 6])).toEqual([null, 3, 2]);
    expect(layer.computeOutputShape([null, null])).toEqual([null, null, 2]);
    checkGradients(layers.reshape({ targetShape: [3, 2] }), tensor(wave(12), [2, 6]));
    checkRoundTrip(layer, x);
  });

  it('rejects bad target shapes', () => {
    expect(() => layers.reshape({ targetShape: [-1, -1], name: 'r' })).toThrow('r: targetShape must be positive integers with at most one -1, got [-1,-1]');
    expect(() => layers.reshape({ targetShape: [4], name: 'r2' }).apply(tensor(wave(6), [2, 3]))).toThrow('r2: cannot reshape samples of shape (3,) (3 values) to (4,)');
    expect(() => layers.reshape({ targetShape: [-1, 4], name: 'r3' }).computeOutputShape([null, 6])).toThrow(/r3: cannot reshape samples of shape \(6,\)/);
  });
});

describe('Permute', () => {
  it('permutes the non-batch axes (1-based dims)', () => {
    const data = Array.from({ length: 24 }, (_, i) => i);
    const x = tensor(data, [2, 3, 4]);
    const layer = layers.permute({ dims: [2, 1] });
    const y = layer.apply(x);
    expect(y.shape).toEqual([2, 4, 3]);
    const expected: number[] = [];
    for (let b = 0; b < 2; b++) for (let j = 0; j < 4; j++) for (let i = 0; i < 3; i++) expected.push(data[(b * 3 + i) * 4 + j]);
    expect(vals(y)).toEqual(expected);
    expect(layer.computeOutputShape([null, 3, 4])).toEqual([null, 4, 3]);
    checkGradients(layer, tensor(wave(24), [2, 3, 4]));
    checkRoundTrip(layer, x);
  });

  it('rejects dims that are not a permutation, and inputs of another rank', () => {
    expect(() => layers.permute({ dims: [0, 1], name: 'p' })).toThrow('p: dims must be a permutation of 1..2 (1-based, the batch axis excluded), got [0,1]');
    expect(() => layers.permute({ dims: [2, 1], name: 'p2' }).apply(tensor(wave(8), [2, 2, 1, 2]))).toThrow(/p2: expected input of rank 3/);
  });
});

describe('RepeatVector', () => {
  it('repeats each sample n times', () => {
    const layer = layers.repeatVector({ n: 3 });
    const y = layer.apply(tensor([[1, 2], [3, 4]]));
    expect(y.shape).toEqual([2, 3, 2]);
    expect(vals(y)).toEqual([1, 2, 1, 2, 1, 2, 3, 4, 3, 4, 3, 4]);
    expect(layer.computeOutputShape([null, 2])).toEqual([null, 3, 2]);
    checkGradients(layer, tensor(wave(4), [2, 2]));
    checkRoundTrip(layer, tensor([[1, 2]]));
    expect(() => layers.repeatVector({ n: 0, name: 'rv' })).toThrow('rv: n must be a positive integer, got 0');
    expect(() => layers.repeatVector({ n: 2, name: 'rv2' }).apply(tensor(wave(8), [2, 2, 2]))).toThrow('rv2: expected input of rank 2 (batch, features), got shape (None, 2, 2)');
  });
});

describe('Masking', () => {
  it('masks timesteps whose features all equal maskValue and zeroes them', () => {
    const layer = layers.masking({ maskValue: -1 });
    const x = tensor([[[1, 2], [-1, -1], [-1, 3]], [[-1, -1], [0, 0], [5, -1]]]);
    const y = layer.apply(x);
    expect(vals(y).map((v) => v + 0)).toEqual([1, 2, 0, 0, -1, 3, 0, 0, 0, 0, 5, -1]);
    const mask = layer.computeMask(x, null)!;
    expect(mask.dtype).toBe('bool');
    expect(mask.shape).toEqual([2, 3]);
    expect(Array.from(mask.dataSync())).toEqual([1, 0, 1, 0, 1, 1]);
    checkGradients(layer, tensor(wave(12), [2, 3, 2]));
    checkRoundTrip(layer, x);
    expect(layers.masking().maskValue).toBe(0);
  });
});

describe('memory', () => {
  it('calls inside tidy leave no buffers behind', () => {
    const x = tensor(wave(24), [2, 3, 4]);
    const stack = [layers.masking(), layers.dropout({ rate: 0.5, seed: 1 }), layers.permute({ dims: [2, 1] }), layers.flatten(), layers.dense({ units: 2 }), layers.repeatVector({ n: 2 })];
    const run = (): void => tidy(() => { let h = x; for (const l of stack) h = l.apply(h, TRAIN); });
    run();
    const before = memory().buffers;
    run();
    run();
    expect(memory().buffers).toBe(before);
  });
});

describe('registry', () => {
  it('knows every core class by its Keras name', () => {
    for (const name of ['Dense', 'Activation', 'Dropout', 'Flatten', 'Reshape', 'Permute', 'RepeatVector', 'Masking']) {
      expect(layers.registeredLayerClasses()).toContain(name);
    }
  });
});
