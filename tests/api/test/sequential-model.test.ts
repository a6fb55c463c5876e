import { describe, expect, it } from 'vitest';
import { Sequential, layers, tensor } from '@layerwise/api';
import { values } from './sequential-helpers.js';

describe('Sequential: structure', () => {
  it("summary() prints Keras 2.2.4's print_summary table exactly (text from Keras's print_row run in Python)", () => {
    const model = new Sequential({ name: 'summary_model' });
    model.add(layers.dense({ units: 40, inputShape: [30], name: 'hidden' }));
    model.add(layers.dropout({ rate: 0.5, name: 'dropout_x' }));
    model.add(layers.dense({ units: 3, name: 'a_very_long_layer_name_that_is_cut' }));
    const lines: string[] = [];
    model.summary(undefined, undefined, (l) => lines.push(l));
    expect(lines).toEqual([
      '_________________________________________________________________',
      'Layer (type)                 Output Shape              Param #   ',
      '=================================================================',
      'hidden (Dense)               (None, 40)                1240      ',
      '_________________________________________________________________',
      'dropout_x (Dropout)          (None, 40)                0         ',
      '_________________________________________________________________',
      'a_very_long_layer_name_that_ (None, 3)                 123       ',
      '=================================================================',
      'Total params: 1,363',
      'Trainable params: 1,363',
      'Non-trainable params: 0',
      '_________________________________________________________________',
    ]);
  });

  it('summary() with lineLength and absolute positions counts non-trainable weights apart', () => {
    const model = new Sequential();
    model.add(layers.dense({ units: 40, inputShape: [30], name: 'hidden' }));
    model.add(layers.batchNormalization({ name: 'norm' }));
    const lines: string[] = [];
    model.summary(80, [30, 60, 70], (l) => lines.push(l));
    expect(lines).toEqual([
      '________________________________________________________________________________',
      'Layer (type)                  Output Shape                  Param #   ',
      '================================================================================',
      'hidden (Dense)                (None, 40)                    1240      ',
      '________________________________________________________________________________',
      'norm (BatchNormalization)     (None, 40)                    160       ',
      '================================================================================',
      'Total params: 1,400',
      'Trainable params: 1,320',
      'Non-trainable params: 80',
      '________________________________________________________________________________',
    ]);
  });

  it('summary() of an unbuilt model is a clear error', () => {
    const model = new Sequential({ layers: [layers.dense({ units: 1 })] });
    expect(() => model.summary(undefined, undefined, () => {})).toThrow(/not built/);
  });

  it('getLayer by name and by index; bad names and indices are clear errors', () => {
    const a = layers.dense({ units: 2, inputShape: [3], name: 'first' });
    const b = layers.dense({ units: 1, name: 'second' });
    const model = new Sequential({ layers: [a, b] });
    expect(model.getLayer('second')).toBe(b);
    expect(model.getLayer(undefined, 0)).toBe(a);
    expect(model.getLayer(undefined, 1)).toBe(b);
    // Keras 2: the index wins when both are given.
    expect(model.getLayer('second', 0)).toBe(a);
    expect(() => model.getLayer('third')).toThrow(/no layer named 'third'.*first, second/);
    expect(() => model.getLayer(undefined, 2)).toThrow(/index 2 is out of range; the model has 2 layers/);
    expect(() => model.getLayer()).toThrow(/give a name or an index/);
    expect(model.layers).toEqual([a, b]);
    expect(model.pop()).toBe(b);
    expect(model.layers).toEqual([a]);
  });

  it("getWeights/setWeights on the model are every layer's weights in Keras order, and match each layer's own", async () => {
    const model = new Sequential();
    model.add(layers.dense({ units: 2, inputShape: [3], name: 'd1' }));
    model.add(layers.batchNormalization({ name: 'bn' }));
    model.add(layers.dense({ units: 1, name: 'd2' }));
    expect(model.weights.map((w) => w.name)).toEqual([
      'd1/kernel', 'd1/bias', 'bn/gamma', 'bn/beta', 'bn/moving_mean', 'bn/moving_variance', 'd2/kernel', 'd2/bias',
    ]);
    const shapes = [[3, 2], [2], [2], [2], [2], [2], [2, 1], [1]];
    expect(model.getWeights().map((w) => w.shape)).toEqual(shapes);
    let next = 0;
    const fresh = shapes.map((s) => tensor(Array.from({ length: s.reduce((a, d) => a * d, 1) }, () => (next += 1)), s));
    model.setWeights(fresh);
    const got = await Promise.all(model.getWeights().map(values));
    expect(got).toEqual(await Promise.all(fresh.map(values)));
    // Each layer's getWeights is its slice of the model's list; layer.setWeights changes only that layer.
    expect(await Promise.all(model.getLayer('bn').getWeights().map(values))).toEqual(got.slice(2, 6));
    model.getLayer('d2').setWeights([tensor([-1, -2], [2, 1]), tensor([0.5], [1])]);
    const after = await Promise.all(model.getWeights().map(values));
    expect(after.slice(0, 6)).toEqual(got.slice(0, 6));
    expect(after.slice(6)).toEqual([[-1, -2], [0.5]]);
    // The forward pass uses them: bn in inference is (x - mean) / sqrt(var + 1e-3) * gamma + beta.
    const x = [1, 0, -1];
    const k = got[0];
    const h = [0, 1].map((j) => got[1][j] + x.reduce((s, v, i) => s + v * k[i * 2 + j], 0));
    const [gamma, beta, mean, variance] = got.slice(2, 6);
    const n = h.map((v, j) => ((v - mean[j]) / Math.sqrt(variance[j] + 1e-3)) * gamma[j] + beta[j]);
    const expected = 0.5 - n[0] - 2 * n[1];
    const p = await model.predict([x]);
    expect((await values(p))[0]).toBeCloseTo(expected, 3);
    p.dispose();
  });

  it('setWeights with a wrong count or shape is a clear error and changes nothing', async () => {
    const model = new Sequential();
    model.add(layers.dense({ units: 2, inputShape: [3], kernelInitializer: 'ones' }));
    model.add(layers.dense({ units: 1, kernelInitializer: 'ones' }));
    const before = await Promise.all(model.getWeights().map(values));
    expect(() => model.setWeights([tensor([1, 2, 3, 4, 5, 6], [3, 2])])).toThrow(/expected 4 weights, got 1/);
    // The first layer's weights are valid, the last one's shape is not: nothing is assigned.
    expect(() => model.setWeights([tensor(new Array(6).fill(9), [3, 2]), tensor([9, 9], [2]), tensor([9, 9], [1, 2]), tensor([9], [1])]))
      .toThrow(/must have shape \[2,1\], got \[1,2\]/);
    expect(await Promise.all(model.getWeights().map(values))).toEqual(before);
  });

  it('add rejects duplicate names and mismatched declared input shapes; a layer that fails to build is not kept', () => {
    const model = new Sequential();
    model.add(layers.dense({ units: 2, inputShape: [3], name: 'same' }));
    expect(() => model.add(layers.dense({ units: 1, name: 'same' }))).toThrow(/already in the model/);
    expect(() => model.add(layers.dense({ units: 1, inputShape: [5] }))).toThrow(/declares input shape \(None, 5\) but the previous layer outputs \(None, 2\)/);
    expect(model.layers).toHaveLength(1);
    expect(() => model.add(layers.conv2d({ filters: 1, kernelSize: 2 }))).toThrow();
    expect(model.layers).toHaveLength(1);
  });
});
