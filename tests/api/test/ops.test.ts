import { describe, expect, it } from 'vitest';
import { ops, tensor, tidy, type Tensor } from '@layerwise/api';

const vals = (t: Tensor): number[] => Array.from(t.dataSync());

describe('ops forward', () => {
  it('broadcasts binary ops', () => {
    tidy(() => {
      const a = tensor([[1], [2], [3]]);
      const b = tensor([10, 20]);
      const y = ops.add(a, b);
      expect(y.shape).toEqual([3, 2]);
      expect(vals(y)).toEqual([11, 21, 12, 22, 13, 23]);
      expect(vals(ops.mul(a, 2))).toEqual([2, 4, 6]);
      expect(vals(ops.sub(1, a))).toEqual([0, -1, -2]);
    });
  });

  it('reduces with keepDims and computes mean/moments', () => {
    tidy(() => {
      const x = tensor([[1, 2, 3], [4, 5, 6]]);
      expect(vals(ops.sum(x))).toEqual([21]);
      expect(ops.sum(x, 1, true).shape).toEqual([2, 1]);
      expect(vals(ops.max(x, 0))).toEqual([4, 5, 6]);
      expect(vals(ops.mean(x, -1))).toEqual([2, 5]);
      const { mean, variance } = ops.moments(x, 1);
      expect(vals(mean)).toEqual([2, 5]);
      expect(vals(variance).map((v) => +v.toFixed(5))).toEqual([0.66667, 0.66667]);
      expect(vals(ops.argMax(tensor([[1, 9, 9], [7, 0, 7]]), 1))).toEqual([1, 0]);
    });
  });

  it('matMul folds batch axes of a into rows for a rank-2 b', () => {
    tidy(() => {
      const a = tensor([[[1, 2], [3, 4]], [[5, 6], [7, 8]]]);
      const b = tensor([[1, 0, 1], [0, 1, 1]]);
      const y = ops.matMul(a, b);
      expect(y.shape).toEqual([2, 2, 3]);
      expect(vals(y)).toEqual([1, 2, 3, 3, 4, 7, 5, 6, 11, 7, 8, 15]);
      expect(vals(ops.matMul(tensor([[1, 2], [3, 4]]), tensor([[1, 2], [3, 4]]), true, false))).toEqual([10, 14, 14, 20]);
    });
  });

  it('layout ops: transpose, slice, concat, pad, stack, split, tile, reverse, gather, oneHot', () => {
    tidy(() => {
      const x = tensor([[1, 2, 3], [4, 5, 6]]);
      expect(vals(ops.transpose(x))).toEqual([1, 4, 2, 5, 3, 6]);
      expect(vals(ops.slice(x, [0, 1], [2, 2]))).toEqual([2, 3, 5, 6]);
      expect(vals(ops.slice(x, [1, 0], [-1, -1]))).toEqual([4, 5, 6]);
      expect(vals(ops.concat([x, x], 1))).toEqual([1, 2, 3, 1, 2, 3, 4, 5, 6, 4, 5, 6]);
      expect(vals(ops.pad(tensor([1, 2]), [[1, 2]], 9))).toEqual([9, 1, 2, 9, 9]);
      expect(ops.stack([x, x], 1).shape).toEqual([2, 2, 3]);
      expect(ops.split(x, [1, 2], 1).map((t) => t.shape)).toEqual([[2, 1], [2, 2]]);
      expect(vals(ops.tile(tensor([[1, 2]]), [2, 2]))).toEqual([1, 2, 1, 2, 1, 2, 1, 2]);
      expect(vals(ops.reverse(x, 1))).toEqual([3, 2, 1, 6, 5, 4]);
      expect(vals(ops.gather(x, tensor([1, 0, 1], [3], 'int32'), 0))).toEqual([4, 5, 6, 1, 2, 3, 4, 5, 6]);
      expect(vals(ops.oneHot(tensor([2, 0], [2], 'int32'), 3))).toEqual([0, 0, 1, 1, 0, 0]);
    });
  });

  it('conv2d same padding and pools', () => {
    tidy(() => {
      const x = tensor(Array.from({ length: 16 }, (_, i) => i + 1), [1, 4, 4, 1]);
      const w = tensor([1, 1, 1, 1], [2, 2, 1, 1]);
      const y = ops.conv2d(x, w, { padding: 'valid' });
      expect(y.shape).toEqual([1, 3, 3, 1]);
      expect(vals(y)).toEqual([14, 18, 22, 30, 34, 38, 46, 50, 54]);
      expect(ops.conv2d(x, w, { padding: 'same' }).shape).toEqual([1, 4, 4, 1]);
      expect(vals(ops.maxPool2d(x, { poolSize: 2 }))).toEqual([6, 8, 14, 16]);
      expect(vals(ops.avgPool2d(x, { poolSize: 2 }))).toEqual([3.5, 5.5, 11.5, 13.5]);
      expect(vals(ops.conv1d(tensor([1, 2, 3, 4], [1, 4, 1]), tensor([1, -1], [2, 1, 1]), { padding: 'causal' }))).toEqual([-1, -1, -1, -1]);
    });
  });

  it('softmax and logSoftmax, fused and composed agree', () => {
    tidy(() => {
      const x = tensor([[1, 2, 3], [1000, 1000, 1000]]);
      const fused = vals(ops.softmax(x));
      const composed = vals(ops.softmax(x, false));
      fused.forEach((v, i) => expect(v).toBeCloseTo(composed[i], 6));
      expect(fused[3]).toBeCloseTo(1 / 3, 6);
      const lf = vals(ops.logSoftmax(x));
      const lc = vals(ops.logSoftmax(x, false));
      lf.forEach((v, i) => expect(v).toBeCloseTo(lc[i], 5));
    });
  });

  it('reshape shares the buffer and -1 is inferred', () => {
    tidy(() => {
      const x = tensor([1, 2, 3, 4, 5, 6]);
      const y = ops.reshape(x, [-1, 3]);
      expect(y.shape).toEqual([2, 3]);
      x.dispose();
      expect(vals(y)).toEqual([1, 2, 3, 4, 5, 6]);
    });
  });

  it('seeded random values repeat', () => {
    tidy(() => {
      const a = vals(ops.randomNormal([5], 0, 1, 42));
      const b = vals(ops.randomNormal([5], 0, 1, 42));
      expect(a).toEqual(b);
      expect(vals(ops.randomUniform([3], 0, 1, 7)).every((v) => v >= 0 && v < 1)).toBe(true);
    });
  });
});
