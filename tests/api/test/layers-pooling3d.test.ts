import { describe, expect, it } from 'vitest';
import { layers, tensor } from '@layerwise/api';
import { checkGradients, checkRoundTrip, expectClose, vals } from './layers-helpers.js';
import { indices, offset, poolRef, toChannelsFirst, window } from './conv-reference.js';
import { expectKerasKeys } from './conv-layer-helpers.js';

const xShape = [2, 5, 4, 3, 2];
const n = xShape.reduce((a, b) => a * b, 1);
// Distinct values, so every window's maximum is unique.
const xv = Array.from({ length: n }, (_, i) => ((i * 53) % n) * 0.01 - 1.2);
const x = tensor(xv, xShape);
const xFirst = tensor(toChannelsFirst(xv, xShape), [2, 2, 5, 4, 3]);

describe('MaxPooling3D and AveragePooling3D', () => {
  for (const [name, args] of [
    ['defaults (window 2, strides = window, valid)', {}],
    ["'same', window [3, 2, 2], strides [2, 3, 1]", { poolSize: [3, 2, 2], strides: [2, 3, 1], padding: 'same' }],
    ['valid, window [2, 3, 1], strides 1', { poolSize: [2, 3, 1], strides: 1 }],
  ] as [string, layers.MaxPooling3DArgs][]) {
    it(`${name}: values, shapes, channelsFirst`, () => {
      const maxLayer = layers.maxPooling3d(args);
      const avgLayer = layers.averagePooling3d(args);
      const pool = maxLayer.poolSize;
      const w = window([5, 4, 3], pool, maxLayer.strides, maxLayer.padding);
      expect(maxLayer.computeOutputShape([null, 5, 4, 3, 2])).toEqual([null, ...w.out, 2]);
      expectClose(vals(maxLayer.apply(x)), poolRef('max', xv, xShape, pool, w));
      expectClose(vals(avgLayer.apply(x)), poolRef('avg', xv, xShape, pool, w));
      const firstMax = layers.maxPooling3d({ ...args, dataFormat: 'channelsFirst' });
      expect(firstMax.computeOutputShape([null, 2, 5, 4, 3])).toEqual([null, 2, ...w.out]);
      expectClose(vals(firstMax.apply(xFirst)), toChannelsFirst(poolRef('max', xv, xShape, pool, w), [2, ...w.out, 2]));
      const firstAvg = layers.averagePooling3d({ ...args, dataFormat: 'channels_first' });
      expectClose(vals(firstAvg.apply(xFirst)), toChannelsFirst(poolRef('avg', xv, xShape, pool, w), [2, ...w.out, 2]));
    });
  }

  it('gradients, config with the keys Keras writes, errors', () => {
    checkGradients(layers.maxPooling3d({ poolSize: [2, 2, 1], padding: 'same' }), x, undefined, { eps: 1e-3 });
    checkGradients(layers.averagePooling3d({ poolSize: 2, strides: [1, 2, 1], padding: 'same' }), x);
    const layer = layers.maxPooling3d({ poolSize: [1, 2, 2], dataFormat: 'channelsFirst' });
    expect(checkRoundTrip(layer, xFirst).getConfig()).toMatchObject({ poolSize: [1, 2, 2], strides: [1, 2, 2], padding: 'valid', dataFormat: 'channelsFirst' });
    checkRoundTrip(layers.averagePooling3d({ strides: [1, 1, 2] }), x);
    expectKerasKeys(layer, ['pool_size', 'strides', 'padding', 'data_format']);
    expect(() => layers.maxPooling3d({ poolSize: [2, 2], name: 'p' })).toThrow('p: poolSize must be an integer >= 1 or a list of 3 such integers, got [2,2]');
    expect(() => layers.averagePooling3d({ name: 'p' }).apply(tensor([1, 2, 3, 4], [1, 2, 2]))).toThrow('p: expected input of rank 5 (batch, dim1, dim2, dim3, channels), got shape (None, 2, 2)');
  });
});

describe('GlobalMaxPooling3D and GlobalAveragePooling3D', () => {
  /** Max or mean over the three spatial axes of the channels-last values. */
  function globalRef(mode: 'max' | 'avg'): number[] {
    const out: number[] = [];
    for (const [b, c] of indices([2, 2])) {
      const seen = [...indices([5, 4, 3])].map((p) => xv[offset([b, ...p, c], xShape)]);
      out.push(mode === 'max' ? Math.max(...seen) : seen.reduce((a, v) => a + v, 0) / seen.length);
    }
    return out;
  }

  it('reduce depth, rows and cols to [batch, channels], either data format', () => {
    for (const [make, mode] of [[layers.globalMaxPooling3d, 'max'], [layers.globalAveragePooling3d, 'avg']] as const) {
      const last = make();
      const first = make({ dataFormat: 'channelsFirst' });
      expect(last.computeOutputShape([null, 5, 4, 3, 2])).toEqual([null, 2]);
      expect(first.computeOutputShape([null, 2, 5, 4, 3])).toEqual([null, 2]);
      expectClose(vals(last.apply(x)), globalRef(mode));
      expectClose(vals(first.apply(xFirst)), globalRef(mode));
      checkGradients(last, x, undefined, { eps: 1e-3 });
      checkRoundTrip(first, xFirst);
      expectKerasKeys(last, ['data_format']);
      expect(() => make({ name: 'g' }).apply(tensor([1, 2, 3, 4], [1, 2, 2, 1]))).toThrow('g: expected input of rank 5 (batch, dim1, dim2, dim3, channels), got shape (None, 2, 2, 1)');
    }
  });
});
