import { describe, it, expect } from 'vitest';
import type { Pool2DInfo } from '@layerwise/api';
import { pool2dInfo } from '@layerwise/api';
import { k, t, read, rand, expectClose } from './helpers.js';

function naivePools(x: Float32Array, dy: Float32Array, c: Pool2DInfo) {
  const C = c.channels;
  const max = new Float64Array(c.batch * c.outH * c.outW * C), avg = new Float64Array(max.length);
  const dmax = new Float64Array(x.length), davg = new Float64Array(x.length);
  for (let b = 0; b < c.batch; b++) for (let oh = 0; oh < c.outH; oh++) for (let ow = 0; ow < c.outW; ow++)
    for (let ch = 0; ch < C; ch++) {
      const o = ((b * c.outH + oh) * c.outW + ow) * C + ch;
      let best = -Infinity, at = -1, sum = 0;
      const cells: number[] = [];
      for (let fy = 0; fy < c.filterH; fy++) for (let fx = 0; fx < c.filterW; fx++) {
        const ih = oh * c.strideH - c.padTop + fy, iw = ow * c.strideW - c.padLeft + fx;
        if (ih < 0 || ih >= c.inH || iw < 0 || iw >= c.inW) continue;
        const i = ((b * c.inH + ih) * c.inW + iw) * C + ch;
        cells.push(i);
        sum += x[i];
        if (at < 0 || x[i] > best) { best = x[i]; at = i; }
      }
      max[o] = best;
      avg[o] = cells.length ? sum / cells.length : 0;
      if (at >= 0) dmax[at] += dy[o];
      for (const i of cells) davg[i] += dy[o] / cells.length;
    }
  return { max, avg, dmax, davg };
}

const infos: [string, Pool2DInfo][] = [
  ['2x2 stride 2 valid', pool2dInfo([2, 6, 6, 3], [2, 2], [2, 2], 'valid')],
  ['3x3 stride 2 same (asymmetric padding)', pool2dInfo([1, 7, 8, 2], [3, 3], [2, 2], 'same')],
  ['3x3 stride 1 same (overlapping windows)', pool2dInfo([2, 5, 5, 4], [3, 3], [1, 1], 'same')],
  ['2x3 stride 1x2 valid', pool2dInfo([1, 6, 7, 1], [2, 3], [1, 2], 'valid')],
];

describe('pooling against direct loops', () => {
  for (const [name, info] of infos) {
    it(name, () => {
      const xs = [info.batch, info.inH, info.inW, info.channels];
      const ys = [info.batch, info.outH, info.outW, info.channels];
      // Negative values only, so padding that counted as 0 would win.
      const xv = rand(xs.reduce((a, b) => a * b), 9).map((v) => -Math.abs(v) - 0.1);
      const gv = rand(ys.reduce((a, b) => a * b), 10);
      const ref = naivePools(xv, gv, info);
      const x = t(xv, xs), dy = t(gv, ys);
      expectClose(read(k.maxPool(x, info)), ref.max);
      expectClose(read(k.avgPool(x, info)), ref.avg);
      expectClose(read(k.maxPoolBackprop(dy, x, info)), ref.dmax);
      expectClose(read(k.avgPoolBackprop(dy, info)), ref.davg);
    });
  }
});

describe('pooling edge cases', () => {
  it('all-negative windows with same padding: padding never wins', () => {
    const info = pool2dInfo([1, 3, 3, 1], [2, 2], [2, 2], 'same');
    expect(info.outH).toBe(2);
    const x = t([-1, -2, -3, -4, -5, -6, -7, -8, -9], [1, 3, 3, 1]);
    expect(read(k.maxPool(x, info))).toEqual([-1, -3, -7, -9]);
    // avgPool counts only in-bounds elements.
    expect(read(k.avgPool(x, info))).toEqual([-3, -4.5, -7.5, -9]);
  });

  it('maxPoolBackprop routes ties to the first max and sums overlapping windows', () => {
    const info = pool2dInfo([1, 2, 3, 1], [2, 2], [1, 1], 'valid');
    const x = t([5, 5, 1, 5, 5, 5], [1, 2, 3, 1]);
    const dy = t([1, 10], [1, 1, 2, 1]);
    // window 0 covers (0,0),(0,1),(1,0),(1,1): first max at (0,0). Window 1 covers (0,1),(0,2),(1,1),(1,2): first at (0,1).
    expect(read(k.maxPoolBackprop(dy, x, info))).toEqual([1, 10, 0, 0, 0, 0]);
    const y = t([2, 2, 2, 2], [1, 2, 2, 1]);
    const info2 = pool2dInfo([1, 2, 2, 1], [2, 2], [1, 1], 'same');
    // every 2x2 window (clipped at the bottom/right) starts at its own top-left cell
    expect(read(k.maxPoolBackprop(t([1, 2, 3, 4], [1, 2, 2, 1]), y, info2))).toEqual([1, 2, 3, 4]);
  });

  it('avgPoolBackprop spreads over in-bounds cells only', () => {
    const info = pool2dInfo([1, 3, 3, 1], [2, 2], [2, 2], 'same');
    expect(read(k.avgPoolBackprop(t([4, 2, 2, 1], [1, 2, 2, 1]), info))).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1]);
  });

  it('empty batch', () => {
    const info = pool2dInfo([0, 4, 4, 2], [2, 2], [2, 2], 'valid');
    expect(read(k.maxPool(t([], [0, 4, 4, 2]), info))).toEqual([]);
    expect(read(k.avgPoolBackprop(t([], [0, 2, 2, 2]), info))).toEqual([]);
  });
});
