import { describe, expect, it } from 'vitest';
import { layers, tensor } from '@layerwise/api';
import { checkGradients, checkRoundTrip, expectClose, vals, wave } from './layers-helpers.js';

/** Plain NHWC pooling; 'same' pads as TensorFlow does and averages only real inputs. */
function poolRef(kind: 'max' | 'avg', x: number[], [n, h, w, c]: number[], [ph, pw]: number[], [sh, sw]: number[], padding: 'valid' | 'same'): { out: number[]; shape: number[] } {
  const outH = padding === 'valid' ? Math.floor((h - ph) / sh) + 1 : Math.ceil(h / sh);
  const outW = padding === 'valid' ? Math.floor((w - pw) / sw) + 1 : Math.ceil(w / sw);
  const top = padding === 'same' ? Math.floor(Math.max(0, (outH - 1) * sh + ph - h) / 2) : 0;
  const left = padding === 'same' ? Math.floor(Math.max(0, (outW - 1) * sw + pw - w) / 2) : 0;
  const out: number[] = [];
  for (let b = 0; b < n; b++) for (let oy = 0; oy < outH; oy++) for (let ox = 0; ox < outW; ox++) for (let ch = 0; ch < c; ch++) {
    let acc = kind === 'max' ? -Infinity : 0;
    let count = 0;
    for (let i = 0; i < ph; i++) for (let j = 0; j < pw; j++) {
      const y = oy * sh + i - top; const xx = ox * sw + j - left;
      if (y < 0 || y >= h || xx < 0 || xx >= w) continue;
      const v = x[((b * h + y) * w + xx) * c + ch];
      acc = kind === 'max' ? Math.max(acc, v) : acc + v;
      count++;
    }
    out.push(kind === 'max' ? acc : acc / count);
  }
  return { out, shape: [n, outH, outW, c] };
}

describe('MaxPooling2D / AveragePooling2D', () => {
  const xShape = [2, 5, 4, 3];
  const xv = wave(2 * 5 * 4 * 3);
  const x = tensor(xv, xShape);

  for (const kind of ['max', 'avg'] as const) {
    const make = kind === 'max' ? layers.maxPooling2d : layers.averagePooling2d;
    it(`${kind}: default 2x2 valid, and 3x3 stride 2 'same'`, () => {
      const dflt = make();
      const y = dflt.apply(x);
      const ref = poolRef(kind, xv, xShape, [2, 2], [2, 2], 'valid');
      expect(y.shape).toEqual(ref.shape);
      expect(dflt.computeOutputShape([null, 5, 4, 3])).toEqual([null, 2, 2, 3]);
      expectClose(vals(y), ref.out);
      const same = make({ poolSize: [3, 3], strides: 2, padding: 'same' });
      const y2 = same.apply(x);
      const ref2 = poolRef(kind, xv, xShape, [3, 3], [2, 2], 'same');
      expect(y2.shape).toEqual(ref2.shape);
      expect(same.computeOutputShape([null, 5, 4, 3])).toEqual([null, 3, 2, 3]);
      expectClose(vals(y2), ref2.out);
      expect(same.countParams()).toBe(0);
      checkGradients(same, x);
      checkRoundTrip(same, x);
    });
  }

  it('channelsFirst pools the last two axes', () => {
    const layer = layers.maxPooling2d({ poolSize: 2, dataFormat: 'channelsFirst' });
    // [b=1, c=2, h=2, w=4]
    const y = layer.apply(tensor([1, 5, 2, 0, 3, 4, 8, 7, -1, -2, -3, -4, -5, -6, -7, -8], [1, 2, 2, 4]));
    expect(y.shape).toEqual([1, 2, 1, 2]);
    expect(vals(y)).toEqual([5, 8, -1, -3]);
    expect(layer.computeOutputShape([null, 2, 2, 4])).toEqual([null, 2, 1, 2]);
  });

  it('errors name the layer', () => {
    expect(() => layers.maxPooling2d({ poolSize: 0, name: 'mp' })).toThrow('mp: poolSize must be an integer >= 1 or a list of 2 such integers, got 0');
    expect(() => layers.averagePooling2d({ padding: 'full' as 'same', name: 'ap' })).toThrow(`ap: padding must be 'valid', 'same', got "full"`);
    expect(() => layers.maxPooling2d({ name: 'mp2' }).apply(tensor(wave(12), [2, 2, 3]))).toThrow('mp2: expected input of rank 4 (batch, rows, cols, channels), got shape (None, 2, 3)');
  });
});

describe('MaxPooling1D / AveragePooling1D', () => {
  it('pool the steps axis', () => {
    const x = tensor([[[1, -1], [3, -2], [2, 0], [5, 4], [0, 1]]]);
    const mp = layers.maxPooling1d();
    expect(vals(mp.apply(x))).toEqual([3, -1, 5, 4]);
    expect(mp.computeOutputShape([null, 5, 2])).toEqual([null, 2, 2]);
    const ap = layers.averagePooling1d({ poolSize: 2, strides: 1, padding: 'same' });
    // 'same' with window 2, stride 1: pad 0 before, 1 after; the last window averages one value.
    expectClose(vals(ap.apply(x)), [2, -1.5, 2.5, -1, 3.5, 2, 2.5, 2.5, 0, 1]);
    expect(ap.computeOutputShape([null, 5, 2])).toEqual([null, 5, 2]);
    const first = layers.maxPooling1d({ poolSize: 3, dataFormat: 'channelsFirst' });
    expect(vals(first.apply(tensor([[[1, 3, 2, 5, 0, 4], [0, 0, -1, -2, -3, -4]]])))).toEqual([3, 5, 0, -2]);
    checkGradients(ap, tensor(wave(20), [2, 5, 2]));
    checkRoundTrip(first, tensor(wave(12), [1, 2, 6]));
    expect(() => layers.maxPooling1d({ name: 'm1' }).apply(tensor([[1, 2]]))).toThrow('m1: expected input of rank 3 (batch, steps, channels), got shape (None, 2)');
  });
});

describe('global pooling', () => {
  const x = tensor([[[1, -1], [3, -2], [2, 6]], [[0, 0], [4, 1], [-2, 5]]]);

  it('GlobalAveragePooling1D and GlobalMaxPooling1D reduce the steps axis', () => {
    const avg = layers.globalAveragePooling1d();
    expectClose(vals(avg.apply(x)), [2, 1, 2 / 3, 2]);
    expect(avg.computeOutputShape([null, 3, 2])).toEqual([null, 2]);
    expect(vals(layers.globalMaxPooling1d().apply(x))).toEqual([3, 6, 4, 5]);
    const cf = layers.globalAveragePooling1d({ dataFormat: 'channelsFirst' });
    // channelsFirst: [b, features=3, steps=2].
    expectClose(vals(cf.apply(x)), [0, 0.5, 4, 0, 2.5, 1.5]);
    expect(cf.computeOutputShape([null, 3, 2])).toEqual([null, 3]);
    checkGradients(avg, x);
    checkGradients(layers.globalMaxPooling1d(), tensor(wave(12), [2, 3, 2]));
    checkRoundTrip(cf, x);
  });

  it('GlobalAveragePooling1D averages only unmasked steps and emits no mask', () => {
    const avg = layers.globalAveragePooling1d();
    const mask = tensor([[true, false, true], [false, true, true]]);
    const y = avg.apply(x, { training: false, mask });
    expectClose(vals(y), [1.5, 2.5, 1, 3]);
    expect(avg.computeMask(x, mask)).toBeNull();
    expect(layers.globalMaxPooling1d().computeMask(x, mask)).toBeNull();
    checkGradients(avg, x, { training: false, mask });
    expect(() => avg.apply(x, { training: false, mask: tensor([[true, false]]) })).toThrow(/must be \[batch, steps\] = \[2, 3\]/);
  });

  it('GlobalAveragePooling2D and GlobalMaxPooling2D reduce rows and cols', () => {
    const xv = wave(2 * 3 * 2 * 2);
    const x4 = tensor(xv, [2, 3, 2, 2]);
    const avg: number[] = []; const mx: number[] = [];
    for (let b = 0; b < 2; b++) for (let c = 0; c < 2; c++) {
      const cell: number[] = [];
      for (let i = 0; i < 6; i++) cell.push(xv[(b * 6 + i) * 2 + c]);
      avg.push(cell.reduce((s, v) => s + v, 0) / 6);
      mx.push(Math.max(...cell));
    }
    const ga = layers.globalAveragePooling2d();
    expectClose(vals(ga.apply(x4)), avg);
    expectClose(vals(layers.globalMaxPooling2d().apply(x4)), mx);
    expect(ga.computeOutputShape([null, 3, 2, 2])).toEqual([null, 2]);
    expect(layers.globalMaxPooling2d({ dataFormat: 'channelsFirst' }).computeOutputShape([null, 3, 2, 2])).toEqual([null, 3]);
    checkGradients(ga, x4);
    checkGradients(layers.globalMaxPooling2d(), x4);
    checkRoundTrip(layers.globalMaxPooling2d({ dataFormat: 'channelsFirst' }), x4);
    expect(() => layers.globalMaxPooling2d({ name: 'g2' }).apply(x)).toThrow('g2: expected input of rank 4 (batch, rows, cols, channels), got shape (None, 3, 2)');
  });

  it('every pooling class is registered', () => {
    for (const name of ['MaxPooling1D', 'MaxPooling2D', 'AveragePooling1D', 'AveragePooling2D', 'GlobalAveragePooling1D', 'GlobalAveragePooling2D', 'GlobalMaxPooling1D', 'GlobalMaxPooling2D']) {
      expect(layers.registeredLayerClasses()).toContain(name);
    }
  });
});
