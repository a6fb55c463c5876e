import { describe, it, expect } from 'vitest';
import { k, t, read } from './helpers.js';

const iota = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('gather', () => {
  it('axis 0 and axis 1, indices of any shape, out-of-range gives zeros', () => {
    const x = t(iota(6), [3, 2]);
    expect(read(k.gather(x, t([2, 0, 3, -1], [4], 'int32'), 0))).toEqual([4, 5, 0, 1, 0, 0, 0, 0]);
    expect(read(k.gather(x, t([1, 1, 0, 5], [2, 2], 'int32'), 1))).toEqual([1, 1, 0, 0, 3, 3, 2, 0, 5, 5, 4, 0]);
    expect(read(k.gather(t([1, 2, 3], [3], 'int32'), t([2], [], 'int32'), 0), [], 'int32')).toEqual([3]);
    expect(read(k.gather(t([1, 0, 1], [3], 'bool'), t([1, 2], [2], 'int32'), 0), [2], 'bool')).toEqual([0, 1]);
    expect(read(k.gather(x, t([], [0], 'int32'), 0))).toEqual([]);
    const wide = t(iota(40), [2, 20]);
    expect(read(k.gather(wide, t([1], [1], 'int32'), 0))).toEqual(iota(20).map((i) => i + 20));
  });
});

describe('unsortedSegmentSum', () => {
  it('sums rows into buckets and drops out-of-range ids', () => {
    const x = t([1, 2, 3, 4, 5, 6, 7, 8], [4, 2]);
    const ids = t([1, 0, 1, 5], [4], 'int32');
    expect(read(k.unsortedSegmentSum(x, ids, 3))).toEqual([3, 4, 6, 8, 0, 0]);
    expect(read(k.unsortedSegmentSum(t([1, 2, 3], [3], 'int32'), t([0, -1, 0], [3], 'int32'), 2), [2], 'int32')).toEqual([4, 0]);
    expect(read(k.unsortedSegmentSum(t([], [0, 2]), t([], [0], 'int32'), 2))).toEqual([0, 0, 0, 0]);
  });
});

describe('transpose', () => {
  it('2-D, 3-D, 4-D and identity', () => {
    expect(read(k.transpose(t(iota(6), [2, 3]), [1, 0]))).toEqual([0, 3, 1, 4, 2, 5]);
    expect(read(k.transpose(t(iota(24), [2, 3, 4]), [2, 0, 1])).slice(0, 6)).toEqual([0, 4, 8, 12, 16, 20]);
    expect(read(k.transpose(t(iota(12), [2, 3, 2]), [0, 2, 1]))).toEqual([0, 2, 4, 1, 3, 5, 6, 8, 10, 7, 9, 11]);
    const x4 = t(iota(24), [1, 2, 3, 4]);
    const r = read(k.transpose(x4, [0, 3, 1, 2]));
    expect(r.slice(0, 7)).toEqual([0, 4, 8, 12, 16, 20, 1]);
    expect(read(k.transpose(t(iota(4), [2, 2], 'int32'), [0, 1]), [2, 2], 'int32')).toEqual([0, 1, 2, 3]);
    expect(read(k.transpose(t([], [0, 3]), [1, 0]))).toEqual([]);
    const big = read(k.transpose(t(iota(40 * 70), [40, 70]), [1, 0]));
    expect(big[1]).toBe(70);
    expect(big[40]).toBe(1);
    expect(big[40 * 70 - 1]).toBe(40 * 70 - 1);
  });
});

describe('slice', () => {
  it('blocks in the middle, whole and empty', () => {
    const x = t(iota(24), [2, 3, 4]);
    expect(read(k.slice(x, [1, 1, 1], [1, 2, 2]))).toEqual([17, 18, 21, 22]);
    expect(read(k.slice(x, [0, 0, 0], [2, 3, 4]))).toEqual(iota(24));
    expect(read(k.slice(x, [0, 2, 0], [2, 0, 4]))).toEqual([]);
    expect(read(k.slice(t([1, 0, 1], [3], 'bool'), [1], [2]), [2], 'bool')).toEqual([0, 1]);
    expect(read(k.slice(t([7], []), [], []))).toEqual([7]);
  });
});

describe('concat', () => {
  it('along each axis, with empty pieces', () => {
    const a = t([1, 2, 3, 4], [2, 2]), b = t([5, 6], [2, 1]), c = t([7, 8], [1, 2]);
    expect(read(k.concat([a, b], 1))).toEqual([1, 2, 5, 3, 4, 6]);
    expect(read(k.concat([a, c], 0))).toEqual([1, 2, 3, 4, 7, 8]);
    expect(read(k.concat([a, t([], [2, 0]), b], 1))).toEqual([1, 2, 5, 3, 4, 6]);
    expect(read(k.concat([t([1], [1], 'int32'), t([2, 3], [2], 'int32')], 0), [3], 'int32')).toEqual([1, 2, 3]);
  });
});

describe('pad', () => {
  it('constant padding on each axis', () => {
    const x = t([1, 2, 3, 4], [2, 2]);
    expect(read(k.pad(x, [[1, 0], [0, 2]], 0))).toEqual([0, 0, 0, 0, 1, 2, 0, 0, 3, 4, 0, 0]);
    expect(read(k.pad(t([5], [1]), [[2, 1]], -1))).toEqual([-1, -1, 5, -1]);
    expect(read(k.pad(t([], [0, 2]), [[1, 0], [0, 0]], 9))).toEqual([9, 9]);
    expect(read(k.pad(t([1], [1], 'bool'), [[1, 1]], 0), [3], 'bool')).toEqual([0, 1, 0]);
    expect(read(k.pad(t([3], [1], 'int32'), [[0, 2]], 7), [3], 'int32')).toEqual([3, 7, 7]);
  });
});
