import { describe, expect, it } from 'vitest';
import { layers, tensor } from '@layerwise/api';
import { checkGradients, checkRoundTrip, expectClose, vals, wave } from './layers-helpers.js';
import { convTransposeRef, toChannelsFirst, window } from './conv-reference.js';
import { expectKerasKeys } from './conv-layer-helpers.js';

const size = (shape: number[]): number => shape.reduce((a, b) => a * b, 1);

describe('Conv2DTranspose', () => {
  const xShape = [2, 3, 4, 2];
  const xv = wave(size(xShape));
  const x = tensor(xv, xShape);

  it("valid, strides 2: kernel [kh, kw, filters, in] then bias, deconv_length shapes, values", () => {
    const layer = layers.conv2dTranspose({ filters: 3, kernelSize: 3, strides: 2 });
    layer.apply(x);
    expect(layer.weights.map((w) => w.name)).toEqual([`${layer.name}/kernel`, `${layer.name}/bias`]);
    expect(layer.weights.map((w) => w.shape)).toEqual([[3, 3, 3, 2], [3]]);
    expect(layer.countParams()).toBe(3 * 3 * 3 * 2 + 3);
    const kv = wave(54, 0.4);
    layer.setWeights([tensor(kv, [3, 3, 3, 2]), tensor([0.5, -0.25, 1])]);
    // Keras: rows * stride + max(kernel - stride, 0) = 3 * 2 + 1, 4 * 2 + 1.
    expect(layer.computeOutputShape([null, 3, 4, 2])).toEqual([null, 7, 9, 3]);
    expect(layer.computeOutputShape([null, null, 4, 2])).toEqual([null, null, 9, 3]);
    const y = layer.apply(x);
    expect(y.shape).toEqual([2, 7, 9, 3]);
    const ref = convTransposeRef(xv, xShape, kv, [3, 3, 3, 2], [7, 9], window([7, 9], [3, 3], [2, 2], 'valid'));
    expectClose(vals(y), ref.map((v, i) => v + [0.5, -0.25, 1][i % 3]));
  });

  it("'same' with outputPadding, and with dilation; relu", () => {
    const padded = layers.conv2dTranspose({ filters: 2, kernelSize: [4, 3], strides: [2, 3], padding: 'same', outputPadding: [1, 2], activation: 'relu' });
    padded.apply(x);
    const kv = wave(4 * 3 * 2 * 2, 0.7);
    padded.setWeights([tensor(kv, [4, 3, 2, 2]), tensor([0.1, -0.1])]);
    // (rows - 1) * stride + kernel - 2 * (kernel // 2) + outputPadding: 2 * 2 + 4 - 4 + 1, 3 * 3 + 3 - 2 + 2.
    expect(padded.computeOutputShape([null, 3, 4, 2])).toEqual([null, 5, 12, 2]);
    const y = padded.apply(x);
    const ref = convTransposeRef(xv, xShape, kv, [4, 3, 2, 2], [5, 12], window([5, 12], [4, 3], [2, 3], 'same'));
    expectClose(vals(y), ref.map((v, i) => Math.max(0, v + [0.1, -0.1][i % 2])));

    const dilated = layers.conv2dTranspose({ filters: 2, kernelSize: 3, dilationRate: [2, 1], padding: 'valid', useBias: false });
    dilated.apply(x);
    expect(dilated.weights.length).toBe(1);
    const kd = wave(3 * 3 * 2 * 2, 0.1);
    dilated.setWeights([tensor(kd, [3, 3, 2, 2])]);
    // Dilated kernel 5 x 3: 3 + 4, 4 + 2.
    expect(dilated.computeOutputShape([null, 3, 4, 2])).toEqual([null, 7, 6, 2]);
    expectClose(vals(dilated.apply(x)), convTransposeRef(xv, xShape, kd, [3, 3, 2, 2], [7, 6], window([7, 6], [3, 3], [1, 1], 'valid', [2, 1])));
  });

  it('channelsFirst is the channels-last layer on transposed data', () => {
    const last = layers.conv2dTranspose({ filters: 2, kernelSize: 2, strides: 2, padding: 'same' });
    const first = layers.conv2dTranspose({ filters: 2, kernelSize: 2, strides: 2, padding: 'same', dataFormat: 'channelsFirst' });
    const xFirst = tensor(toChannelsFirst(xv, xShape), [2, 2, 3, 4]);
    const yl = last.apply(x);
    first.apply(xFirst);
    first.setWeights(last.getWeights());
    expect(first.computeOutputShape([null, 2, 3, 4])).toEqual([null, 2, 6, 8]);
    expectClose(vals(first.apply(xFirst)), toChannelsFirst(vals(yl), [2, 6, 8, 2]));
    checkRoundTrip(first, xFirst);
  });

  it('gradients match finite differences; config round-trips with the keys Keras writes', () => {
    const layer = layers.conv2dTranspose({ filters: 2, kernelSize: 3, strides: 2, padding: 'same', activation: 'tanh', biasInitializer: 'ones' });
    checkGradients(layer, x);
    const copy = checkRoundTrip(layer, x);
    expect(copy.getConfig()).toMatchObject({ filters: 2, kernelSize: [3, 3], strides: [2, 2], padding: 'same', outputPadding: null, dilationRate: [1, 1] });
    expectKerasKeys(layer, ['filters', 'kernel_size', 'strides', 'padding', 'output_padding', 'data_format', 'dilation_rate', 'activation',
      'use_bias', 'kernel_initializer', 'bias_initializer', 'kernel_regularizer', 'bias_regularizer', 'activity_regularizer', 'kernel_constraint', 'bias_constraint']);
    const withPadding = layers.conv2dTranspose({ filters: 1, kernelSize: 2, strides: 3, outputPadding: 2 });
    expect(checkRoundTrip(withPadding, x).getConfig().outputPadding).toEqual([2, 2]);
  });

  it('refuses what Keras/TensorFlow refuse, naming the layer', () => {
    expect(() => layers.conv2dTranspose({ filters: 1, kernelSize: 3, strides: 2, outputPadding: 2, name: 't' }))
      .toThrow('t: outputPadding [2,2] must be smaller than strides [2,2] on every axis');
    expect(() => layers.conv2dTranspose({ filters: 1, kernelSize: 2, strides: 2, padding: 'same', outputPadding: [0, 1], name: 't' }))
      .toThrow("t: outputPadding 0 on axis 0 with 'same' padding and an even (dilated) kernel of 2 gives an output no convolution maps back to the input; use outputPadding >= 1 there or null");
    expect(() => layers.conv2dTranspose({ filters: 1, kernelSize: 2, padding: 'causal' as 'same', name: 't' })).toThrow(`t: padding must be 'valid', 'same', got "causal"`);
    expect(() => layers.conv2dTranspose({ filters: 1, kernelSize: 2, name: 't2' }).apply(tensor(wave(8), [2, 4]))).toThrow('t2: expected input of rank 4 (batch, rows, cols, channels), got shape (None, 4)');
  });
});

describe('Conv3DTranspose', () => {
  const xShape = [2, 2, 3, 2, 2];
  const xv = wave(size(xShape));
  const x = tensor(xv, xShape);

  it("strides with 'valid' and 'same' (and outputPadding): kernel [kd, kh, kw, filters, in], values", () => {
    const layer = layers.conv3dTranspose({ filters: 3, kernelSize: [2, 3, 2], strides: [2, 1, 2] });
    layer.apply(x);
    expect(layer.weights.map((w) => w.shape)).toEqual([[2, 3, 2, 3, 2], [3]]);
    expect(layer.countParams()).toBe(2 * 3 * 2 * 3 * 2 + 3);
    const kv = wave(72, 0.9);
    layer.setWeights([tensor(kv, [2, 3, 2, 3, 2]), tensor([0, 1, -1])]);
    expect(layer.computeOutputShape([null, 2, 3, 2, 2])).toEqual([null, 4, 5, 4, 3]);
    const y = layer.apply(x);
    const ref = convTransposeRef(xv, xShape, kv, [2, 3, 2, 3, 2], [4, 5, 4], window([4, 5, 4], [2, 3, 2], [2, 1, 2], 'valid'));
    expectClose(vals(y), ref.map((v, i) => v + [0, 1, -1][i % 3]));

    const same = layers.conv3dTranspose({ filters: 1, kernelSize: 3, strides: [3, 2, 2], padding: 'same', outputPadding: [2, 0, 1], useBias: false });
    same.apply(x);
    const ks = wave(27 * 2, 0.3);
    same.setWeights([tensor(ks, [3, 3, 3, 1, 2])]);
    expect(same.computeOutputShape([null, 2, 3, 2, 2])).toEqual([null, 6, 5, 4, 1]);
    expectClose(vals(same.apply(x)), convTransposeRef(xv, xShape, ks, [3, 3, 3, 1, 2], [6, 5, 4], window([6, 5, 4], [3, 3, 3], [3, 2, 2], 'same')));
  });

  it('channelsFirst, gradients, and a config without dilation_rate (Keras 2.2.4 pops it)', () => {
    const last = layers.conv3dTranspose({ filters: 2, kernelSize: 2, strides: 2 });
    const first = layers.conv3dTranspose({ filters: 2, kernelSize: 2, strides: 2, dataFormat: 'channelsFirst' });
    const xFirst = tensor(toChannelsFirst(xv, xShape), [2, 2, 2, 3, 2]);
    const yl = last.apply(x);
    first.apply(xFirst);
    first.setWeights(last.getWeights());
    expectClose(vals(first.apply(xFirst)), toChannelsFirst(vals(yl), [2, 4, 6, 4, 2]));
    checkGradients(last, x);
    checkRoundTrip(first, xFirst);
    expect('dilationRate' in last.getConfig()).toBe(false);
    expectKerasKeys(last, ['filters', 'kernel_size', 'strides', 'padding', 'output_padding', 'data_format', 'activation',
      'use_bias', 'kernel_initializer', 'bias_initializer', 'kernel_regularizer', 'bias_regularizer', 'activity_regularizer', 'kernel_constraint', 'bias_constraint']);
    expect(() => layers.conv3dTranspose({ filters: 1, kernelSize: 2, dilationRate: 2, name: 't3' }))
      .toThrow("t3: dilationRate must be 1 (Keras 2.2.4's Conv3DTranspose has no dilation), got 2");
  });
});
