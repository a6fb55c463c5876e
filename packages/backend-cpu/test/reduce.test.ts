import { describe, it, expect } from 'vitest';
import { k, t, read, rand, expectClose } from './helpers.js';

describe('reduce', () => {
  const x = t([1, 2, 3, 4, 5, 6], [2, 3]);
  it('sum / max / min over each axis and all axes', () => {
    expect(read(k.reduce('sum', x, [0]))).toEqual([5, 7, 9]);
    expect(read(k.reduce('sum', x, [1]))).toEqual([6, 15]);
    expect(read(k.reduce('sum', x, [0, 1]))).toEqual([21]);
    expect(read(k.reduce('max', x, [0]))).toEqual([4, 5, 6]);
    expect(read(k.reduce('min', x, [1]))).toEqual([1, 4]);
  });
  it('non-contiguous axes on rank 3', () => {
    const y = t(Array.from({ length: 24 }, (_, i) => i), [2, 3, 4]);
    // sum over axes 0 and 2 -> shape [3]
    const expected = [0, 1, 2].map((j) => {
      let s = 0;
      for (let i = 0; i < 2; i++) for (let l = 0; l < 4; l++) s += i * 12 + j * 4 + l;
      return s;
    });
    expect(read(k.reduce('sum', y, [0, 2]))).toEqual(expected);
    expect(read(k.reduce('max', y, [1]))).toEqual([8, 9, 10, 11, 20, 21, 22, 23]);
  });
  it('int32 stays int32, all-negative max', () => {
    const y = t([-5, -2, -9, -1], [2, 2], 'int32');
    expect(read(k.reduce('sum', y, [1]), [2], 'int32')).toEqual([-7, -10]);
    expect(read(k.reduce('max', y, [0]), [2], 'int32')).toEqual([-5, -1]);
    expect(read(k.reduce('max', t([-3, -7], [2]), [0]))).toEqual([-3]);
  });
  it('empty tensors', () => {
    expect(read(k.reduce('sum', t([], [0, 3]), [0]))).toEqual([0, 0, 0]);
    expect(read(k.reduce('max', t([], [2, 0]), [1]))).toEqual([-Infinity, -Infinity]);
    expect(read(k.reduce('sum', t([], [0, 3]), [1]))).toEqual([]);
  });
  it('NaN propagates through max', () => {
    expect(read(k.reduce('max', t([1, NaN, 3], [3]), [0]))).toEqual([NaN]);
  });
  it('matches a float64 sum on a long row', () => {
    const v = rand(10000, 3);
    let s = 0;
    for (const e of v) s += e;
    expectClose(read(k.reduce('sum', t(v, [10000]), [0])), [s], 1e-6);
  });
});

describe('argReduce', () => {
  it('first index of max / min along an axis', () => {
    const x = t([1, 3, 3, 0, -1, -1], [2, 3]);
    expect(read(k.argReduce('argMax', x, 1), [2], 'int32')).toEqual([1, 0]);
    expect(read(k.argReduce('argMin', x, 1), [2], 'int32')).toEqual([0, 1]);
    expect(read(k.argReduce('argMax', x, 0), [3], 'int32')).toEqual([0, 0, 0]);
    expect(read(k.argReduce('argMin', x, 0), [3], 'int32')).toEqual([1, 1, 1]);
    expect(read(k.argReduce('argMax', t([2, 7, 7], [3], 'int32'), 0), [], 'int32')).toEqual([1]);
    expect(read(k.argReduce('argMax', t([], [0, 2]), 1), [0], 'int32')).toEqual([]);
  });
});

describe('softmax / logSoftmax', () => {
  it('last axis, stable for large inputs', () => {
    const x = t([1, 2, 3, 1000, 1000, 1000], [2, 3]);
    const e = [1, 2, 3].map(Math.exp);
    const s = e[0] + e[1] + e[2];
    expectClose(read(k.softmax(x)), [...e.map((v) => v / s), 1 / 3, 1 / 3, 1 / 3]);
    expectClose(read(k.logSoftmax(x)), [...[1, 2, 3].map((v) => v - Math.log(s)), ...[1, 1, 1].map(() => -Math.log(3))]);
    expect(read(k.softmax(t([], [0, 4])))).toEqual([]);
    expect(read(k.softmax(t([5], [1])))).toEqual([1]);
  });
});
