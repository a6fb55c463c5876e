import { describe, it, expect } from 'vitest';
import type { Conv2DInfo } from '@layerwise/api';
import { conv2dInfo } from '@layerwise/api';
import { k, t, read, rand, expectClose } from './helpers.js';

/** Direct-loop float64 references. */
function naiveConv(x: Float32Array, w: Float32Array, c: Conv2DInfo): Float64Array {
  const out = new Float64Array(c.batch * c.outH * c.outW * c.outC);
  for (let b = 0; b < c.batch; b++) for (let oh = 0; oh < c.outH; oh++) for (let ow = 0; ow < c.outW; ow++)
    for (let oc = 0; oc < c.outC; oc++) {
      let s = 0;
      for (let fy = 0; fy < c.filterH; fy++) for (let fx = 0; fx < c.filterW; fx++) {
        const ih = oh * c.strideH - c.padTop + fy * c.dilationH, iw = ow * c.strideW - c.padLeft + fx * c.dilationW;
        if (ih < 0 || ih >= c.inH || iw < 0 || iw >= c.inW) continue;
        for (let ic = 0; ic < c.inC; ic++)
          s += x[((b * c.inH + ih) * c.inW + iw) * c.inC + ic] * w[((fy * c.filterW + fx) * c.inC + ic) * c.outC + oc];
      }
      out[((b * c.outH + oh) * c.outW + ow) * c.outC + oc] = s;
    }
  return out;
}

function naiveBackprops(x: Float32Array, w: Float32Array, dy: Float32Array, c: Conv2DInfo) {
  const dx = new Float64Array(x.length), dw = new Float64Array(w.length);
  for (let b = 0; b < c.batch; b++) for (let oh = 0; oh < c.outH; oh++) for (let ow = 0; ow < c.outW; ow++)
    for (let oc = 0; oc < c.outC; oc++) {
      const g = dy[((b * c.outH + oh) * c.outW + ow) * c.outC + oc];
      for (let fy = 0; fy < c.filterH; fy++) for (let fx = 0; fx < c.filterW; fx++) {
        const ih = oh * c.strideH - c.padTop + fy * c.dilationH, iw = ow * c.strideW - c.padLeft + fx * c.dilationW;
        if (ih < 0 || ih >= c.inH || iw < 0 || iw >= c.inW) continue;
        for (let ic = 0; ic < c.inC; ic++) {
          const xi = ((b * c.inH + ih) * c.inW + iw) * c.inC + ic, wi = ((fy * c.filterW + fx) * c.inC + ic) * c.outC + oc;
          dx[xi] += g * w[wi];
          dw[wi] += g * x[xi];
        }
      }
    }
  return { dx, dw };
}

const infos: [string, Conv2DInfo][] = [
  ['3x3 same', conv2dInfo([2, 7, 6, 3], [3, 3, 3, 4], [1, 1], 'same')],
  ['3x3 valid', conv2dInfo([1, 7, 6, 2], [3, 3, 2, 5], [1, 1], 'valid')],
  ['stride 2 same (asymmetric padding)', conv2dInfo([2, 8, 7, 3], [3, 3, 3, 2], [2, 2], 'same')],
  ['2x2 stride 2 same on even input', conv2dInfo([1, 6, 6, 2], [2, 2, 2, 3], [2, 2], 'same')],
  ['dilation 2 same', conv2dInfo([1, 9, 8, 2], [3, 3, 2, 3], [1, 1], 'same', [2, 2])],
  ['dilation 2 valid', conv2dInfo([2, 9, 9, 1], [2, 3, 1, 2], [1, 1], 'valid', [2, 2])],
  ['causal conv1d-like', conv2dInfo([2, 1, 10, 3], [1, 3, 3, 4], [1, 1], 'causal')],
  ['causal dilated', conv2dInfo([1, 1, 9, 2], [1, 2, 2, 2], [1, 1], 'causal', [1, 3])],
  ['1x1 pointwise', conv2dInfo([2, 5, 4, 6], [1, 1, 6, 3], [1, 1], 'valid')],
  ['1x1 stride 2', conv2dInfo([1, 5, 5, 3], [1, 1, 3, 2], [2, 2], 'valid')],
  ['5x5 larger channels', conv2dInfo([2, 11, 10, 17], [5, 5, 17, 9], [1, 1], 'same')],
  ['more pixels than one im2col chunk', conv2dInfo([4, 32, 32, 64], [3, 3, 64, 2], [1, 1], 'same')],
  ['explicit odd padding', {
    batch: 1, inH: 5, inW: 4, inC: 2, outH: 4, outW: 3, outC: 3, filterH: 3, filterW: 2, strideH: 2, strideW: 2,
    dilationH: 1, dilationW: 1, padTop: 2, padBottom: 1, padLeft: 0, padRight: 1,
  }],
];

describe('conv2d and its backprops against direct loops', () => {
  for (const [name, info] of infos) {
    it(name, () => {
      const xs = [info.batch, info.inH, info.inW, info.inC];
      const ws = [info.filterH, info.filterW, info.inC, info.outC];
      const ys = [info.batch, info.outH, info.outW, info.outC];
      const xv = rand(xs.reduce((a, b) => a * b), 5), wv = rand(ws.reduce((a, b) => a * b), 6), gv = rand(ys.reduce((a, b) => a * b), 7);
      const x = t(xv, xs), w = t(wv, ws), dy = t(gv, ys);
      expectClose(read(k.conv2d(x, w, info)), naiveConv(xv, wv, info), 1e-5);
      const ref = naiveBackprops(xv, wv, gv, info);
      expectClose(read(k.conv2dBackpropInput(dy, w, info)), ref.dx, 1e-5);
      expectClose(read(k.conv2dBackpropFilter(x, dy, info)), ref.dw, 1e-5);
      for (const r of [x, w, dy]) k.dispose(r.buffer);
    });
  }

  it('hand-computed 3x3 valid on a 3x3 image', () => {
    const info = conv2dInfo([1, 3, 3, 1], [2, 2, 1, 1], [1, 1], 'valid');
    const x = t([1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 3, 3, 1]);
    const w = t([1, 0, 0, -1], [2, 2, 1, 1]);
    expect(read(k.conv2d(x, w, info))).toEqual([-4, -4, -4, -4]);
    const dy = t([1, 1, 1, 1], [1, 2, 2, 1]);
    expect(read(k.conv2dBackpropInput(dy, w, info))).toEqual([1, 1, 0, 1, 0, -1, 0, -1, -1]);
    expect(read(k.conv2dBackpropFilter(x, dy, info))).toEqual([12, 16, 24, 28]);
  });

  it('empty batch and empty output', () => {
    const info = conv2dInfo([0, 4, 4, 2], [3, 3, 2, 3], [1, 1], 'same');
    const w = t(rand(54), [3, 3, 2, 3]);
    expect(read(k.conv2d(t([], [0, 4, 4, 2]), w, info))).toEqual([]);
    expect(read(k.conv2dBackpropInput(t([], [0, 4, 4, 3]), w, info))).toEqual([]);
    expect(read(k.conv2dBackpropFilter(t([], [0, 4, 4, 2]), t([], [0, 4, 4, 3]), info))).toEqual(new Array(54).fill(0));
    const tiny = conv2dInfo([1, 2, 2, 1], [3, 3, 1, 1], [1, 1], 'valid');
    expect(tiny.outH).toBe(0);
    const x = t([1, 2, 3, 4], [1, 2, 2, 1]);
    expect(read(k.conv2d(x, t(rand(9), [3, 3, 1, 1]), tiny))).toEqual([]);
    expect(read(k.conv2dBackpropInput(t([], [1, 0, 0, 1]), t(rand(9), [3, 3, 1, 1]), tiny))).toEqual([0, 0, 0, 0]);
    expect(read(k.conv2dBackpropFilter(x, t([], [1, 0, 0, 1]), tiny))).toEqual(new Array(9).fill(0));
  });
});
