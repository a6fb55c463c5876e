import { describe, expect, it } from 'vitest';
import { layers, tensor } from '@layerwise/api';
import { checkGradients, checkRoundTrip, expectClose, vals, wave } from './layers-helpers.js';
import { localRef, toChannelsFirst } from './conv-reference.js';
import { expectKerasKeys } from './conv-layer-helpers.js';

const size = (shape: number[]): number => shape.reduce((a, b) => a * b, 1);

describe('LocallyConnected1D', () => {
  const xShape = [2, 7, 3];
  const xv = wave(size(xShape));
  const x = tensor(xv, xShape);

  it('kernel [outSteps, kernelSize * in, filters], bias [outSteps, filters]; strides; values', () => {
    const layer = layers.locallyConnected1d({ filters: 2, kernelSize: 3, strides: 2 });
    layer.apply(x);
    // (7 - 3) / 2 + 1 = 3 output steps.
    expect(layer.weights.map((w) => w.shape)).toEqual([[3, 9, 2], [3, 2]]);
    expect(layer.countParams()).toBe(3 * 9 * 2 + 3 * 2);
    const kv = wave(54, 0.5);
    const bias = wave(6, 2.2);
    layer.setWeights([tensor(kv, [3, 9, 2]), tensor(bias, [3, 2])]);
    expect(layer.computeOutputShape([null, 7, 3])).toEqual([null, 3, 2]);
    const ref = localRef(xv, xShape, kv, [3, 9, 2], [3], [2], false);
    expectClose(vals(layer.apply(x)), ref.map((v, i) => v + bias[i % 6]));
  });

  it('gradients, config (no data_format, no dilation_rate, as Keras 2.2.4), and what it refuses', () => {
    const layer = layers.locallyConnected1d({ filters: 2, kernelSize: 2, activation: 'tanh', biasInitializer: 'ones' });
    checkGradients(layer, x);
    checkRoundTrip(layer, x);
    expectKerasKeys(layer, ['filters', 'kernel_size', 'strides', 'padding', 'activation', 'use_bias', 'kernel_initializer',
      'bias_initializer', 'kernel_regularizer', 'bias_regularizer', 'activity_regularizer', 'kernel_constraint', 'bias_constraint']);
    expect(() => layers.locallyConnected1d({ filters: 1, kernelSize: 2, padding: 'same' as 'valid', name: 'l' })).toThrow(`l: padding must be 'valid', got "same"`);
    expect(() => layers.locallyConnected1d({ filters: 1, kernelSize: 2, dataFormat: 'channelsFirst' as 'channelsLast', name: 'l' }))
      .toThrow(`l: dataFormat must be 'channelsLast' (Keras 2.2.4's LocallyConnected1D ignores any other), got "channelsFirst"`);
    expect(() => layers.locallyConnected1d({ filters: 1, kernelSize: 2, implementation: 2 as 1, name: 'l' }))
      .toThrow("l: implementation must be 1 (Keras 2.2.4's only kernel layout); tf.keras's implementation 2 stores its kernel differently");
    expect(() => layers.locallyConnected1d({ filters: 1, kernelSize: 2, dilationRate: 2, name: 'l' } as layers.LocallyConnected1DArgs))
      .toThrow("LocallyConnected1D 'l': unknown option 'dilationRate'");
    expect(() => layers.locallyConnected1d({ filters: 1, kernelSize: 2, name: 'l2' }).buildFor([null, null, 3]))
      .toThrow('l2: the spatial axes of the input (None, None, 3) must be known (one weight matrix per output position)');
    const built = layers.locallyConnected1d({ filters: 1, kernelSize: 2, name: 'l3' });
    built.apply(x);
    expect(() => built.apply(tensor(wave(18), [2, 3, 3]))).toThrow('l3: the layer was built for spatial shape (7), got input of shape (2, 3, 3)');
  });
});

describe('LocallyConnected2D', () => {
  const xShape = [2, 5, 4, 2];
  const xv = wave(size(xShape));
  const x = tensor(xv, xShape);

  it('channels-last: kernel [outRows * outCols, kh * kw * in, filters] with (row, col, channel) features, bias [outRows, outCols, filters]', () => {
    const layer = layers.locallyConnected2d({ filters: 3, kernelSize: [2, 2], strides: [2, 1] });
    layer.apply(x);
    expect(layer.weights.map((w) => w.shape)).toEqual([[6, 8, 3], [2, 3, 3]]);
    expect(layer.countParams()).toBe(6 * 8 * 3 + 2 * 3 * 3);
    const kv = wave(144, 0.5);
    const bias = wave(18, 1.9);
    layer.setWeights([tensor(kv, [6, 8, 3]), tensor(bias, [2, 3, 3])]);
    expect(layer.computeOutputShape([null, 5, 4, 2])).toEqual([null, 2, 3, 3]);
    const ref = localRef(xv, xShape, kv, [6, 8, 3], [2, 2], [2, 1], false);
    expectClose(vals(layer.apply(x)), ref.map((v, i) => v + bias[i % 18]));
  });

  it("channels-first: (channel, row, col) features, and the bias buffer read as [filters, rows, cols] (Keras 2.2.4's reshape)", () => {
    const layer = layers.locallyConnected2d({ filters: 3, kernelSize: [2, 2], strides: [2, 1], dataFormat: 'channelsFirst' });
    const xFirst = tensor(toChannelsFirst(xv, xShape), [2, 2, 5, 4]);
    layer.apply(xFirst);
    expect(layer.weights.map((w) => w.shape)).toEqual([[6, 8, 3], [2, 3, 3]]);
    const kv = wave(144, 0.5);
    const bias = wave(18, 1.9);
    layer.setWeights([tensor(kv, [6, 8, 3]), tensor(bias, [2, 3, 3])]);
    expect(layer.computeOutputShape([null, 2, 5, 4])).toEqual([null, 3, 2, 3]);
    // Keras: output [b, filters, rows, cols] += reshape(bias, (1, filters, rows, cols)): channels-first element i gets bias[i % 18].
    const ref = toChannelsFirst(localRef(xv, xShape, kv, [6, 8, 3], [2, 2], [2, 1], true), [2, 2, 3, 3]);
    expectClose(vals(layer.apply(xFirst)), ref.map((v, i) => v + bias[i % 18]));
    checkRoundTrip(layer, xFirst);
  });

  it('gradients, config keys Keras writes (data_format, no dilation_rate)', () => {
    const layer = layers.locallyConnected2d({ filters: 2, kernelSize: 2, strides: 2, activation: 'relu', biasInitializer: 'ones' });
    layer.apply(x);
    // Fixed weights: random ones put a relu input within the finite difference's step of 0 now and then.
    layer.setWeights(layer.weights.map((w, k) => tensor(wave(w.shape.reduce((a, b) => a * b, 1), 0.2 + k), w.shape)));
    checkGradients(layer, x);
    checkGradients(layers.locallyConnected2d({ filters: 2, kernelSize: [3, 2], dataFormat: 'channelsFirst', biasInitializer: 'ones' }), tensor(toChannelsFirst(xv, xShape), [2, 2, 5, 4]));
    const copy = checkRoundTrip(layer, x);
    expect(copy.getConfig()).toMatchObject({ filters: 2, kernelSize: [2, 2], strides: [2, 2], padding: 'valid', dataFormat: 'channelsLast' });
    expectKerasKeys(layer, ['filters', 'kernel_size', 'strides', 'padding', 'data_format', 'activation', 'use_bias', 'kernel_initializer',
      'bias_initializer', 'kernel_regularizer', 'bias_regularizer', 'activity_regularizer', 'kernel_constraint', 'bias_constraint']);
  });
});
