import { describe, expect, it } from 'vitest';
import { Sequential, constraints, layers, tensor } from '@layerwise/api';
import { checkGradients, checkRoundTrip, expectClose, vals, wave } from './layers-helpers.js';
import { convRef, depthwiseRef, toChannelsFirst, window, type Window } from './conv-reference.js';
import { expectKerasKeys } from './conv-layer-helpers.js';

const size = (shape: number[]): number => shape.reduce((a, b) => a * b, 1);
const plusBias = (v: number[], bias: number[]): number[] => v.map((e, i) => e + bias[i % bias.length]);

describe('Conv3D', () => {
  const xShape = [2, 4, 5, 3, 2];
  const xv = wave(size(xShape));
  const x = tensor(xv, xShape);

  for (const [name, args, w] of [
    ['valid, strides [2, 1, 2]', { kernelSize: [2, 3, 2], strides: [2, 1, 2] }, window([4, 5, 3], [2, 3, 2], [2, 1, 2], 'valid')],
    ["'same', strides 2", { kernelSize: [3, 2, 2], strides: 2, padding: 'same' }, window([4, 5, 3], [3, 2, 2], [2, 2, 2], 'same')],
    ["'same', dilation [2, 2, 1]", { kernelSize: [2, 3, 2], dilationRate: [2, 2, 1], padding: 'same' }, window([4, 5, 3], [2, 3, 2], [1, 1, 1], 'same', [2, 2, 1])],
  ] as [string, layers.Conv3DArgs, Window][]) {
    it(`${name}: kernel [kd, kh, kw, in, filters] then bias, values`, () => {
      const layer = layers.conv3d({ filters: 3, ...args });
      layer.apply(x);
      const kShape = [...layer.kernelSize, 2, 3];
      expect(layer.weights.map((wt) => wt.shape)).toEqual([kShape, [3]]);
      expect(layer.countParams()).toBe(size(kShape) + 3);
      const kv = wave(size(kShape), 0.6);
      layer.setWeights([tensor(kv, kShape), tensor([0.2, 0, -0.3])]);
      expect(layer.computeOutputShape([null, 4, 5, 3, 2])).toEqual([null, ...w.out, 3]);
      expectClose(vals(layer.apply(x)), plusBias(convRef(xv, xShape, kv, kShape, w), [0.2, 0, -0.3]));
    });
  }

  it('channelsFirst, gradients, config round trip with the keys Keras writes', () => {
    const last = layers.conv3d({ filters: 2, kernelSize: 2, padding: 'same', activation: 'sigmoid' });
    const first = layers.conv3d({ filters: 2, kernelSize: 2, padding: 'same', activation: 'sigmoid', dataFormat: 'channels_first' });
    const xFirst = tensor(toChannelsFirst(xv, xShape), [2, 2, 4, 5, 3]);
    const yl = last.apply(x);
    first.apply(xFirst);
    first.setWeights(last.getWeights());
    expect(first.computeOutputShape([null, 2, 4, 5, 3])).toEqual([null, 2, 4, 5, 3]);
    expectClose(vals(first.apply(xFirst)), toChannelsFirst(vals(yl), [2, 4, 5, 3, 2]));
    checkGradients(last, x);
    checkRoundTrip(first, xFirst);
    expectKerasKeys(last, ['filters', 'kernel_size', 'strides', 'padding', 'data_format', 'dilation_rate', 'activation', 'use_bias',
      'kernel_initializer', 'bias_initializer', 'kernel_regularizer', 'bias_regularizer', 'activity_regularizer', 'kernel_constraint', 'bias_constraint']);
    expect(() => layers.conv3d({ filters: 1, kernelSize: [2, 2], name: 'c3' })).toThrow('c3: kernelSize must be an integer >= 1 or a list of 3 such integers, got [2,2]');
    expect(() => layers.conv3d({ filters: 1, kernelSize: 2, name: 'c3' }).apply(tensor(wave(16), [2, 2, 2, 2])))
      .toThrow('c3: expected input of rank 5 (batch, dim1, dim2, dim3, channels), got shape (None, 2, 2, 2)');
  });
});

describe('DepthwiseConv2D', () => {
  const xShape = [2, 5, 6, 3];
  const xv = wave(size(xShape));
  const x = tensor(xv, xShape);

  it("depthwise_kernel [kh, kw, in, multiplier] then bias [in * multiplier]; 'same' strides and valid dilation", () => {
    const layer = layers.depthwiseConv2d({ kernelSize: [3, 2], strides: [2, 1], padding: 'same', depthMultiplier: 2 });
    layer.apply(x);
    expect(layer.weights.map((w) => w.name)).toEqual([`${layer.name}/depthwise_kernel`, `${layer.name}/bias`]);
    expect(layer.weights.map((w) => w.shape)).toEqual([[3, 2, 3, 2], [6]]);
    expect(layer.countParams()).toBe(3 * 2 * 3 * 2 + 6);
    const kv = wave(36, 1.3);
    const bias = [0.1, 0.2, 0.3, -0.1, -0.2, -0.3];
    layer.setWeights([tensor(kv, [3, 2, 3, 2]), tensor(bias)]);
    const w = window([5, 6], [3, 2], [2, 1], 'same');
    expect(layer.computeOutputShape([null, 5, 6, 3])).toEqual([null, ...w.out, 6]);
    expectClose(vals(layer.apply(x)), plusBias(depthwiseRef(xv, xShape, kv, [3, 2, 3, 2], w), bias));

    const dilated = layers.depthwiseConv2d({ kernelSize: 2, dilationRate: 2, useBias: false });
    dilated.apply(x);
    const kd = wave(12, 0.5);
    dilated.setWeights([tensor(kd, [2, 2, 3, 1])]);
    // The dilated window is 3 wide, so 3 x 4 outputs (Keras 2.2.4's compute_output_shape forgets the dilation; the op does not).
    expect(dilated.computeOutputShape([null, 5, 6, 3])).toEqual([null, 3, 4, 3]);
    expectClose(vals(dilated.apply(x)), depthwiseRef(xv, xShape, kd, [2, 2, 3, 1], window([5, 6], [2, 2], [1, 1], 'valid', [2, 2])));
  });

  it('channelsFirst, gradients, config with the keys Keras writes (no filters, no kernel_*)', () => {
    const last = layers.depthwiseConv2d({ kernelSize: 3, padding: 'same', depthMultiplier: 2, activation: 'relu', depthwiseInitializer: 'heNormal' });
    const first = layers.depthwiseConv2d({ kernelSize: 3, padding: 'same', depthMultiplier: 2, activation: 'relu', dataFormat: 'channelsFirst' });
    const xFirst = tensor(toChannelsFirst(xv, xShape), [2, 3, 5, 6]);
    const yl = last.apply(x);
    first.apply(xFirst);
    first.setWeights(last.getWeights());
    expectClose(vals(first.apply(xFirst)), toChannelsFirst(vals(yl), [2, 5, 6, 6]));
    checkGradients(layers.depthwiseConv2d({ kernelSize: 2, strides: 2, depthMultiplier: 2, activation: 'tanh', biasInitializer: 'ones' }), x);
    const copy = checkRoundTrip(last, x);
    expect(copy.getConfig()).toMatchObject({ depthMultiplier: 2, depthwiseInitializer: { className: 'HeNormal' } });
    expectKerasKeys(last, ['kernel_size', 'strides', 'padding', 'data_format', 'dilation_rate', 'depth_multiplier', 'activation', 'use_bias',
      'depthwise_initializer', 'bias_initializer', 'depthwise_regularizer', 'bias_regularizer', 'activity_regularizer', 'depthwise_constraint', 'bias_constraint']);
    expect(() => layers.depthwiseConv2d({ kernelSize: 2, depthMultiplier: 0, name: 'd' })).toThrow('d: depthMultiplier must be a positive integer, got 0');
    expect(() => layers.depthwiseConv2d({ kernelSize: 2, depthwiseInitializer: 'nope', name: 'd' })).toThrow("d: depthwiseInitializer: unknown initializer 'nope'");
  });
});

describe('SeparableConv2D', () => {
  const xShape = [2, 5, 6, 3];
  const xv = wave(size(xShape));
  const x = tensor(xv, xShape);

  it('depthwise_kernel, pointwise_kernel [1, 1, in * multiplier, filters], bias; values', () => {
    const layer = layers.separableConv2d({ filters: 4, kernelSize: 3, strides: 2, padding: 'same', depthMultiplier: 2 });
    layer.apply(x);
    expect(layer.weights.map((w) => w.name.split('/')[1])).toEqual(['depthwise_kernel', 'pointwise_kernel', 'bias']);
    expect(layer.weights.map((w) => w.shape)).toEqual([[3, 3, 3, 2], [1, 1, 6, 4], [4]]);
    expect(layer.countParams()).toBe(54 + 24 + 4);
    const dv = wave(54, 0.2);
    const pv = wave(24, 0.7);
    const bias = [0.5, 0, -0.5, 1];
    layer.setWeights([tensor(dv, [3, 3, 3, 2]), tensor(pv, [1, 1, 6, 4]), tensor(bias)]);
    const w = window([5, 6], [3, 3], [2, 2], 'same');
    const mid = depthwiseRef(xv, xShape, dv, [3, 3, 3, 2], w);
    const ref = convRef(mid, [2, ...w.out, 6], pv, [1, 1, 6, 4], window(w.out, [1, 1], [1, 1], 'valid'));
    expect(layer.computeOutputShape([null, 5, 6, 3])).toEqual([null, 3, 3, 4]);
    expectClose(vals(layer.apply(x)), plusBias(ref, bias));
  });

  it('dilation, channelsFirst, gradients, config with the keys Keras writes', () => {
    const last = layers.separableConv2d({ filters: 2, kernelSize: 2, dilationRate: [2, 1], activation: 'relu' });
    const first = layers.separableConv2d({ filters: 2, kernelSize: 2, dilationRate: [2, 1], activation: 'relu', dataFormat: 'channelsFirst' });
    const xFirst = tensor(toChannelsFirst(xv, xShape), [2, 3, 5, 6]);
    const yl = last.apply(x);
    expect(yl.shape).toEqual([2, 3, 5, 2]);
    first.apply(xFirst);
    first.setWeights(last.getWeights());
    expectClose(vals(first.apply(xFirst)), toChannelsFirst(vals(yl), [2, 3, 5, 2]));
    checkGradients(layers.separableConv2d({ filters: 2, kernelSize: 2, padding: 'same', depthMultiplier: 2, activation: 'tanh', biasInitializer: 'ones' }), x);
    checkRoundTrip(first, xFirst);
    expectKerasKeys(last, ['filters', 'kernel_size', 'strides', 'padding', 'data_format', 'dilation_rate', 'depth_multiplier', 'activation',
      'use_bias', 'depthwise_initializer', 'pointwise_initializer', 'bias_initializer', 'depthwise_regularizer', 'pointwise_regularizer',
      'bias_regularizer', 'activity_regularizer', 'depthwise_constraint', 'pointwise_constraint', 'bias_constraint']);
  });
});

describe('SeparableConv1D', () => {
  const xShape = [2, 7, 3];
  const xv = wave(size(xShape));
  const x = tensor(xv, xShape);

  /** The 1-D layer as the 2-D references on a height of 1, with `padLeft` zeros before the steps. */
  function ref(dv: number[], k: number, m: number, pv: number[], f: number, stride: number, dilation: number, out: number, padLeft: number): number[] {
    const w: Window = { strides: [1, stride], dilations: [1, dilation], padBefore: [0, padLeft], out: [1, out] };
    const mid = depthwiseRef(xv, [2, 1, 7, 3], dv, [1, k, 3, m], w);
    return convRef(mid, [2, 1, out, 3 * m], pv, [1, 1, 3 * m, f], window([1, out], [1, 1], [1, 1], 'valid'));
  }

  it("'same' with strides, and 'causal' with dilation: kernels [k, in, m] and [1, in * m, filters]", () => {
    const layer = layers.separableConv1d({ filters: 2, kernelSize: 3, strides: 2, padding: 'same', depthMultiplier: 2 });
    layer.apply(x);
    expect(layer.weights.map((w) => w.shape)).toEqual([[3, 3, 2], [1, 6, 2], [2]]);
    expect(layer.countParams()).toBe(18 + 12 + 2);
    const dv = wave(18, 0.3);
    const pv = wave(12, 0.8);
    layer.setWeights([tensor(dv, [3, 3, 2]), tensor(pv, [1, 6, 2]), tensor([0.25, -0.5])]);
    expect(layer.computeOutputShape([null, 7, 3])).toEqual([null, 4, 2]);
    // 'same' over 7 steps, window 3, stride 2: 4 outputs, total pad 2, 1 before.
    expectClose(vals(layer.apply(x)), plusBias(ref(dv, 3, 2, pv, 2, 2, 1, 4, 1), [0.25, -0.5]));

    const causal = layers.separableConv1d({ filters: 1, kernelSize: 2, padding: 'causal', dilationRate: 3, useBias: false });
    causal.apply(x);
    const dc = wave(6, 0.1);
    const pc = wave(3, 0.9);
    causal.setWeights([tensor(dc, [2, 3, 1]), tensor(pc, [1, 3, 1])]);
    expect(causal.computeOutputShape([null, 7, 3])).toEqual([null, 7, 1]);
    // Left pad (2 - 1) * 3 = 3: output t sees steps t - 3 and t.
    expectClose(vals(causal.apply(x)), ref(dc, 2, 1, pc, 1, 1, 3, 7, 3));
  });

  it('channelsFirst, gradients, config round trip', () => {
    const last = layers.separableConv1d({ filters: 2, kernelSize: 2, depthMultiplier: 2, activation: 'tanh' });
    const first = layers.separableConv1d({ filters: 2, kernelSize: 2, depthMultiplier: 2, activation: 'tanh', dataFormat: 'channelsFirst' });
    const xFirst = tensor(toChannelsFirst(xv, xShape), [2, 3, 7]);
    const yl = last.apply(x);
    first.apply(xFirst);
    first.setWeights(last.getWeights());
    expectClose(vals(first.apply(xFirst)), toChannelsFirst(vals(yl), [2, 6, 2]));
    checkGradients(last, x);
    checkGradients(layers.separableConv1d({ filters: 1, kernelSize: 3, padding: 'causal', dilationRate: 2, biasInitializer: 'ones' }), x);
    checkRoundTrip(first, xFirst);
    expectKerasKeys(last, ['filters', 'kernel_size', 'strides', 'padding', 'data_format', 'dilation_rate', 'depth_multiplier', 'activation',
      'use_bias', 'depthwise_initializer', 'pointwise_initializer', 'bias_initializer', 'depthwise_regularizer', 'pointwise_regularizer',
      'bias_regularizer', 'activity_regularizer', 'depthwise_constraint', 'pointwise_constraint', 'bias_constraint']);
    expect(() => layers.separableConv1d({ filters: 1, kernelSize: 2, padding: 'causal', dataFormat: 'channelsFirst', name: 's' }))
      .toThrow("s: causal padding needs dataFormat 'channelsLast'");
  });
});

describe('constraints and the activity regularizer on the depthwise and pointwise kernels', () => {
  it('apply after each optimizer step, and round-trip in the config', async () => {
    const sep = layers.separableConv2d({
      filters: 2, kernelSize: 2, inputShape: [4, 4, 2], depthwiseConstraint: constraints.nonNeg(),
      pointwiseConstraint: constraints.maxNorm({ maxValue: 0.1, axis: [0, 1, 2] }), activityRegularizer: 'l2',
    });
    const dw = layers.depthwiseConv2d({ kernelSize: 2, depthwiseConstraint: 'nonNeg', biasConstraint: 'nonNeg', biasInitializer: 'ones' });
    const model = new Sequential({ layers: [sep, dw, layers.flatten(), layers.dense({ units: 1 })] });
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    await model.fit(tensor(wave(2 * 32), [2, 4, 4, 2]), tensor([1, -1], [2, 1]), { epochs: 1, verbose: 0 });
    expect(Math.min(...vals(sep.depthwiseKernel!.value))).toBeGreaterThanOrEqual(0);
    expect(Math.min(...vals(dw.depthwiseKernel!.value))).toBeGreaterThanOrEqual(0);
    expect(Math.min(...vals(dw.bias!.value))).toBeGreaterThanOrEqual(0);
    const pw = vals(sep.pointwiseKernel!.value);
    for (const f of [0, 1]) expect(Math.hypot(...pw.filter((_, i) => i % 2 === f))).toBeLessThanOrEqual(0.1 + 1e-6);
    expect(sep.getConfig()).toMatchObject({ depthwiseConstraint: { className: 'NonNeg' }, pointwiseConstraint: { className: 'MaxNorm' }, activityRegularizer: { className: 'L1L2' } });
    expect(layers.deserializeLayer('SeparableConv2D', JSON.parse(JSON.stringify(sep.getConfig()))).getConfig()).toEqual(sep.getConfig());
    expect(() => layers.separableConv2d({ filters: 1, kernelSize: 2, pointwiseConstraint: 'nope', name: 's' })).toThrow(/s: pointwiseConstraint: /);
  });
});
