import { describe, expect, it } from 'vitest';
import { layers, tensor } from '@layerwise/api';
import { checkGradients, checkRoundTrip, expectClose, vals, wave } from './layers-helpers.js';

/** Plain float64 NHWC convolution with kernel [kh, kw, inC, outC]; padding as explicit [top, left] offsets. */
function convRef(x: number[], [n, h, w, c]: number[], k: number[], [kh, kw, , f]: number[], bias: number[],
  opts: { stride: [number, number]; dilation: [number, number]; outH: number; outW: number; padTop: number; padLeft: number }): number[] {
  const out: number[] = [];
  for (let b = 0; b < n; b++) for (let oy = 0; oy < opts.outH; oy++) for (let ox = 0; ox < opts.outW; ox++) for (let o = 0; o < f; o++) {
    let s = bias[o];
    for (let i = 0; i < kh; i++) for (let j = 0; j < kw; j++) {
      const y = oy * opts.stride[0] + i * opts.dilation[0] - opts.padTop;
      const xx = ox * opts.stride[1] + j * opts.dilation[1] - opts.padLeft;
      if (y < 0 || y >= h || xx < 0 || xx >= w) continue;
      for (let ci = 0; ci < c; ci++) s += x[((b * h + y) * w + xx) * c + ci] * k[((i * kw + j) * c + ci) * f + o];
    }
    out.push(s);
  }
  return out;
}

describe('Conv2D', () => {
  it('valid padding with strides: values, kernel [kh, kw, in, out] then bias, countParams', () => {
    const layer = layers.conv2d({ filters: 2, kernelSize: [2, 3], strides: 2, activation: 'linear' });
    const xShape = [2, 5, 6, 3];
    const xv = wave(2 * 5 * 6 * 3);
    const x = tensor(xv, xShape);
    layer.apply(x);
    expect(layer.weights.map((w) => w.name)).toEqual([`${layer.name}/kernel`, `${layer.name}/bias`]);
    expect(layer.weights.map((w) => w.shape)).toEqual([[2, 3, 3, 2], [2]]);
    expect(layer.countParams()).toBe(2 * 3 * 3 * 2 + 2);
    const k = wave(36, 2.2);
    layer.setWeights([tensor(k, [2, 3, 3, 2]), tensor([0.1, -0.2])]);
    const y = layer.apply(x);
    expect(y.shape).toEqual([2, 2, 2, 2]);
    expect(layer.computeOutputShape([null, 5, 6, 3])).toEqual([null, 2, 2, 2]);
    expectClose(vals(y), convRef(xv, xShape, k, [2, 3, 3, 2], [0.1, -0.2], { stride: [2, 2], dilation: [1, 1], outH: 2, outW: 2, padTop: 0, padLeft: 0 }), 1e-5);
  });

  it("'same' padding with dilation and relu", () => {
    const layer = layers.conv2d({ filters: 3, kernelSize: 3, padding: 'same', dilationRate: 2, activation: 'relu', useBias: false });
    const xShape = [1, 5, 5, 2];
    const xv = wave(50);
    const x = tensor(xv, xShape);
    layer.apply(x);
    expect(layer.weights.length).toBe(1);
    const k = wave(54, 0.9);
    layer.setWeights([tensor(k, [3, 3, 2, 3])]);
    const y = layer.apply(x);
    expect(y.shape).toEqual([1, 5, 5, 3]);
    // Effective window 5: 'same' pads 2 on each side.
    const ref = convRef(xv, xShape, k, [3, 3, 2, 3], [0, 0, 0], { stride: [1, 1], dilation: [2, 2], outH: 5, outW: 5, padTop: 2, padLeft: 2 });
    expectClose(vals(y), ref.map((v) => Math.max(v, 0)), 1e-5);
  });

  it('channelsFirst equals the channels-last layer on transposed data', () => {
    const last = layers.conv2d({ filters: 2, kernelSize: 2 });
    const first = layers.conv2d({ filters: 2, kernelSize: 2, dataFormat: 'channelsFirst' });
    const xv = wave(2 * 3 * 4 * 3);
    const xLast = tensor(xv, [2, 3, 4, 3]);
    last.apply(xLast);
    const xFirst = tensor(xv.map((_, idx) => {
      // idx over [b, c, h, w] of the channels-first tensor.
      const wi = idx % 4; const hi = Math.floor(idx / 4) % 3; const ci = Math.floor(idx / 12) % 3; const b = Math.floor(idx / 36);
      return xv[((b * 3 + hi) * 4 + wi) * 3 + ci];
    }), [2, 3, 3, 4]);
    first.apply(xFirst);
    first.setWeights(last.getWeights());
    expect(first.computeOutputShape([null, 3, 3, 4])).toEqual([null, 2, 2, 3]);
    const yl = last.apply(xLast).arraySync() as number[][][][];
    const yf = first.apply(xFirst).arraySync() as number[][][][];
    for (let b = 0; b < 2; b++) for (let h = 0; h < 2; h++) for (let w = 0; w < 3; w++) for (let c = 0; c < 2; c++) {
      expect(yf[b][c][h][w]).toBeCloseTo(yl[b][h][w][c], 5);
    }
    checkRoundTrip(first, xFirst);
  });

  it('gradients match finite differences; config round-trips', () => {
    const layer = layers.conv2d({ filters: 2, kernelSize: 2, padding: 'same', strides: [1, 2], activation: 'tanh', biasInitializer: 'ones' });
    const x = tensor(wave(2 * 4 * 4 * 2), [2, 4, 4, 2]);
    checkGradients(layer, x);
    const copy = checkRoundTrip(layer, x);
    expect(copy.getConfig()).toMatchObject({ filters: 2, kernelSize: [2, 2], strides: [1, 2], padding: 'same', dilationRate: [1, 1], activation: 'tanh', biasInitializer: { className: 'Ones', config: {} } });
  });

  it('rejects bad config and input rank', () => {
    expect(() => layers.conv2d({ filters: 0, kernelSize: 3, name: 'c' })).toThrow('c: filters must be a positive integer, got 0');
    expect(() => layers.conv2d({ filters: 1, kernelSize: -1, name: 'c' })).toThrow('c: kernelSize must be an integer >= 1 or a list of 2 such integers, got -1');
    expect(() => layers.conv2d({ filters: 1, kernelSize: [3, 3, 3] as unknown as [number, number], name: 'c' })).toThrow(/c: kernelSize must be/);
    expect(() => layers.conv2d({ filters: 1, kernelSize: 3, padding: 'causal' as 'same', name: 'c' })).toThrow(`c: padding must be 'valid', 'same', got "causal"`);
    expect(() => layers.conv2d({ filters: 1, kernelSize: 3, dataFormat: 'nhwc' as 'channelsLast', name: 'c' })).toThrow(/c: dataFormat must be 'channelsLast' or 'channelsFirst'/);
    expect(() => layers.conv2d({ filters: 1, kernelSize: 1, kernelRegularizer: 'l3' as 'l2', name: 'c' })).toThrow(/c: kernelRegularizer: unknown regularizer "l3"/);
    expect(() => layers.conv2d({ filters: 1, kernelSize: 1, biasInitializer: 'nope', name: 'c' })).toThrow("c: biasInitializer: unknown initializer 'nope'");
    expect(() => layers.conv2d({ filters: 1, kernelSize: 1, name: 'c2' }).apply(tensor(wave(6), [2, 3]))).toThrow('c2: expected input of rank 4 (batch, rows, cols, channels), got shape (None, 3)');
  });
});

describe('Conv1D', () => {
  const xShape = [2, 6, 2];
  const xv = wave(24);

  /** Conv1D as a conv2d of height 1. */
  const ref1d = (k: number[], width: number, f: number, bias: number[], o: { stride: number; dilation: number; out: number; padLeft: number }): number[] =>
    convRef(xv, [2, 1, 6, 2], k, [1, width, 2, f], bias, { stride: [1, o.stride], dilation: [1, o.dilation], outH: 1, outW: o.out, padTop: 0, padLeft: o.padLeft });

  it('valid and same padding, strides; kernel [width, in, out]', () => {
    const layer = layers.conv1d({ filters: 3, kernelSize: 3, strides: 2 });
    const x = tensor(xv, xShape);
    layer.apply(x);
    expect(layer.weights.map((w) => w.shape)).toEqual([[3, 2, 3], [3]]);
    const k = wave(18, 1.3);
    layer.setWeights([tensor(k, [3, 2, 3]), tensor([1, 0, -1])]);
    const y = layer.apply(x);
    expect(y.shape).toEqual([2, 2, 3]);
    expect(layer.computeOutputShape([null, 6, 2])).toEqual([null, 2, 3]);
    expect(layer.computeOutputShape([null, null, 2])).toEqual([null, null, 3]);
    expectClose(vals(y), ref1d(k, 3, 3, [1, 0, -1], { stride: 2, dilation: 1, out: 2, padLeft: 0 }));

    const same = layers.conv1d({ filters: 1, kernelSize: 4, padding: 'same' });
    same.apply(x);
    const k2 = wave(8, 0.2);
    same.setWeights([tensor(k2, [4, 2, 1]), tensor([0])]);
    // Window 4 over 6 steps: total pad 3, 1 before and 2 after (TensorFlow's split).
    expectClose(vals(same.apply(x)), ref1d(k2, 4, 1, [0], { stride: 1, dilation: 1, out: 6, padLeft: 1 }));
  });

  it("'causal' padding with dilation sees only the past", () => {
    const layer = layers.conv1d({ filters: 2, kernelSize: 2, padding: 'causal', dilationRate: 2 });
    const x = tensor(xv, xShape);
    layer.apply(x);
    const k = wave(8, 0.6);
    layer.setWeights([tensor(k, [2, 2, 2]), tensor([0.5, 0.25])]);
    const y = layer.apply(x);
    expect(y.shape).toEqual([2, 6, 2]);
    expect(layer.computeOutputShape([null, 6, 2])).toEqual([null, 6, 2]);
    // Left pad (2 - 1) * 2 = 2: output t sees inputs t - 2 and t.
    expectClose(vals(y), ref1d(k, 2, 2, [0.5, 0.25], { stride: 1, dilation: 2, out: 6, padLeft: 2 }));
    checkGradients(layer, x);
    checkRoundTrip(layer, x);
  });

  it('errors name the layer', () => {
    expect(() => layers.conv1d({ filters: 1, kernelSize: 2, padding: 'causal', dataFormat: 'channelsFirst', name: 'c1' })).toThrow("c1: causal padding needs dataFormat 'channelsLast'");
    expect(() => layers.conv1d({ filters: 1, kernelSize: 2, strides: 0, name: 'c1' })).toThrow('c1: strides must be an integer >= 1 or a list of 1 such integers, got 0');
    expect(() => layers.conv1d({ filters: 1, kernelSize: 2, name: 'c3' }).apply(tensor(wave(16), [2, 2, 2, 2]))).toThrow('c3: expected input of rank 3 (batch, steps, channels), got shape (None, 2, 2, 2)');
    const built = layers.conv1d({ filters: 1, kernelSize: 1, name: 'c4' });
    built.apply(tensor(wave(6), [1, 3, 2]));
    expect(() => built.apply(tensor(wave(9), [1, 3, 3]))).toThrow('c4: the layer was built for 2 input channels, got input of shape (1, 3, 3)');
  });
});
