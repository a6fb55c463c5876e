import { describe, it, expect } from 'vitest';
import { k, t, read, expectClose } from './helpers.js';

describe('unary', () => {
  it('float ops', () => {
    const x = t([-2, -0.5, 0, 0.5, 2], [5]);
    expect(read(k.unary('neg', x))).toEqual([2, 0.5, -0, -0.5, -2]);
    expect(read(k.unary('abs', x))).toEqual([2, 0.5, 0, 0.5, 2]);
    expect(read(k.unary('sign', x))).toEqual([-1, -1, 0, 1, 1]);
    expect(read(k.unary('relu', x))).toEqual([0, 0, 0, 0.5, 2]);
    expect(read(k.unary('square', x))).toEqual([4, 0.25, 0, 0.25, 4]);
    expect(read(k.unary('floor', x))).toEqual([-2, -1, 0, 0, 2]);
    expect(read(k.unary('ceil', x))).toEqual([-2, -0, 0, 1, 2]);
    expectClose(read(k.unary('sigmoid', x)), [-2, -0.5, 0, 0.5, 2].map((v) => 1 / (1 + Math.exp(-v))));
    expectClose(read(k.unary('tanh', x)), [-2, -0.5, 0, 0.5, 2].map(Math.tanh));
    expectClose(read(k.unary('softplus', t([-100, 0, 100], [3]))), [0, Math.log(2), 100]);
    expectClose(read(k.unary('erf', t([-3, -1, 0, 1e-4, 0.5, 2.7, 7], [7]))),
      [-0.9999779095030014, -0.8427007929497149, 0, 1.1283791633342477e-4, 0.5204998778130465, 0.9998656672600594, 1], 1e-6);
    expectClose(read(k.unary('exp', t([0, 1], [2]))), [1, Math.E]);
    expectClose(read(k.unary('rsqrt', t([4], [1]))), [0.5]);
    expectClose(read(k.unary('reciprocal', t([4], [1]))), [0.25]);
    expectClose(read(k.unary('log1p', t([0], [1]))), [0]);
    expectClose(read(k.unary('expm1', t([0], [1]))), [0]);
  });

  it('round is half to even', () => {
    expect(read(k.unary('round', t([0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 2.4, 2.6], [8])))).toEqual([0, 2, 2, -0, -2, -2, 2, 3]);
  });

  it('int32 variants stay int32', () => {
    const x = t([-3, 0, 4], [3], 'int32');
    expect(read(k.unary('neg', x), [3], 'int32')).toEqual([3, 0, -4]);
    expect(read(k.unary('abs', x), [3], 'int32')).toEqual([3, 0, 4]);
    expect(read(k.unary('sign', x), [3], 'int32')).toEqual([-1, 0, 1]);
    expect(read(k.unary('square', x), [3], 'int32')).toEqual([9, 0, 16]);
    expect(read(k.unary('relu', x), [3], 'int32')).toEqual([0, 0, 4]);
    expect(k.downloadSync({ buffer: k.unary('neg', x), shape: [3], dtype: 'int32' })).toBeInstanceOf(Int32Array);
  });

  it('logicalNot on bool, and empty tensors', () => {
    expect(read(k.unary('logicalNot', t([1, 0, 1], [3], 'bool')), [3], 'bool')).toEqual([0, 1, 0]);
    expect(read(k.unary('exp', t([], [0, 3])))).toEqual([]);
  });
});

describe('binary', () => {
  it('broadcasts [3,1] with [1,4]', () => {
    const a = t([1, 2, 3], [3, 1]);
    const b = t([10, 20, 30, 40], [1, 4]);
    expect(read(k.binary('add', a, b, [3, 4]))).toEqual([11, 21, 31, 41, 12, 22, 32, 42, 13, 23, 33, 43]);
    expect(read(k.binary('sub', b, a, [3, 4]))).toEqual([9, 19, 29, 39, 8, 18, 28, 38, 7, 17, 27, 37]);
  });

  it('broadcasts scalars and rank-1 against higher rank', () => {
    const s = t([2], []);
    const m = t([1, 2, 3, 4, 5, 6], [2, 3]);
    expect(read(k.binary('mul', m, s, [2, 3]))).toEqual([2, 4, 6, 8, 10, 12]);
    expect(read(k.binary('sub', s, m, [2, 3]))).toEqual([1, 0, -1, -2, -3, -4]);
    expect(read(k.binary('add', s, s, []))).toEqual([4]);
    expect(read(k.binary('add', m, t([10, 20, 30], [3]), [2, 3]))).toEqual([11, 22, 33, 14, 25, 36]);
    expect(read(k.binary('add', t([1, 2], [2, 1, 1]), t([10, 20, 30], [1, 3]), [2, 1, 3]))).toEqual([11, 21, 31, 12, 22, 32]);
  });

  it('size-0 and size-1 dims', () => {
    expect(read(k.binary('add', t([], [0, 3]), t([1, 2, 3], [3]), [0, 3]))).toEqual([]);
    expect(read(k.binary('add', t([], [2, 0]), t([5], [1, 1]), [2, 0]))).toEqual([]);
    expect(read(k.binary('add', t([1], [1, 1]), t([5], [1]), [1, 1]))).toEqual([6]);
  });

  it('float division family', () => {
    const a = t([7, -7, 7, -7, 1], [5]);
    const b = t([2, 2, -2, -2, 0], [5]);
    expect(read(k.binary('div', a, b, [5]))).toEqual([3.5, -3.5, -3.5, 3.5, Infinity]);
    expect(read(k.binary('floorDiv', a, b, [5]))).toEqual([3, -4, -4, 3, Infinity]);
    expect(read(k.binary('mod', a, b, [5])).slice(0, 4)).toEqual([1, 1, -1, -1]);
    expect(read(k.binary('pow', t([2, 9], [2]), t([3, 0.5], [2]), [2]))).toEqual([8, 3]);
    expect(read(k.binary('maximum', t([1, 5], [2]), t([3, 2], [2]), [2]))).toEqual([3, 5]);
    expect(read(k.binary('minimum', t([1, 5], [2]), t([3, 2], [2]), [2]))).toEqual([1, 2]);
  });

  it('int32 division: truncating div, floorDiv, Python mod, divide by zero gives 0', () => {
    const a = t([7, -7, 7, -7, 5, 5, 5], [7], 'int32');
    const b = t([2, 2, -2, -2, 0, 0, 0], [7], 'int32');
    expect(read(k.binary('div', a, b, [7]), [7], 'int32')).toEqual([3, -3, -3, 3, 0, 0, 0]);
    expect(read(k.binary('floorDiv', a, b, [7]), [7], 'int32')).toEqual([3, -4, -4, 3, 0, 0, 0]);
    expect(read(k.binary('mod', a, b, [7]), [7], 'int32')).toEqual([1, 1, -1, -1, 0, 0, 0]);
    expect(read(k.binary('mul', t([65536], [1], 'int32'), t([65536], [1], 'int32'), [1]), [1], 'int32')).toEqual([0]);
    expect(read(k.binary('pow', t([2, 3, 2], [3], 'int32'), t([10, 2, -1], [3], 'int32'), [3]), [3], 'int32')).toEqual([1024, 9, 0]);
    const r = k.binary('add', t([1], [1], 'int32'), t([2, 3], [2], 'int32'), [2]);
    expect(k.downloadSync({ buffer: r, shape: [2], dtype: 'int32' })).toEqual(new Int32Array([3, 4]));
  });

  it('comparisons give bool for every dtype, NaN compares false', () => {
    const a = t([1, 2, 3, NaN], [4]);
    const b = t([2], []);
    expect(read(k.binary('less', a, b, [4]), [4], 'bool')).toEqual([1, 0, 0, 0]);
    expect(read(k.binary('lessEqual', a, b, [4]), [4], 'bool')).toEqual([1, 1, 0, 0]);
    expect(read(k.binary('greater', a, b, [4]), [4], 'bool')).toEqual([0, 0, 1, 0]);
    expect(read(k.binary('greaterEqual', a, b, [4]), [4], 'bool')).toEqual([0, 1, 1, 0]);
    expect(read(k.binary('equal', a, b, [4]), [4], 'bool')).toEqual([0, 1, 0, 0]);
    expect(read(k.binary('notEqual', a, b, [4]), [4], 'bool')).toEqual([1, 0, 1, 1]);
    expect(read(k.binary('equal', t([1, 0], [2], 'bool'), t([1], [1], 'bool'), [2]), [2], 'bool')).toEqual([1, 0]);
    expect(read(k.binary('less', t([-1, 5], [2], 'int32'), t([0], [], 'int32'), [2]), [2], 'bool')).toEqual([1, 0]);
    const r = k.binary('less', a, b, [4]);
    expect(k.downloadSync({ buffer: r, shape: [4], dtype: 'bool' })).toBeInstanceOf(Uint8Array);
  });

  it('logical ops broadcast', () => {
    const a = t([1, 0], [2, 1], 'bool');
    const b = t([1, 0], [1, 2], 'bool');
    expect(read(k.binary('logicalAnd', a, b, [2, 2]), [2, 2], 'bool')).toEqual([1, 0, 0, 0]);
    expect(read(k.binary('logicalOr', a, b, [2, 2]), [2, 2], 'bool')).toEqual([1, 1, 1, 0]);
  });
});

describe('select', () => {
  it('broadcasts cond, a and b', () => {
    const c = t([1, 0], [2, 1], 'bool');
    const a = t([1, 2, 3], [3]);
    const b = t([-1], []);
    expect(read(k.select(c, a, b, [2, 3]))).toEqual([1, 2, 3, -1, -1, -1]);
    expect(read(k.select(t([1, 0], [2], 'bool'), t([1, 2], [2], 'int32'), t([7, 8], [2], 'int32'), [2]), [2], 'int32')).toEqual([1, 8]);
    expect(read(k.select(t([], [0], 'bool'), t([], [0]), t([], [0]), [0]))).toEqual([]);
  });
});

describe('cast', () => {
  it('to bool is x != 0', () => {
    expect(read(k.cast(t([0, 0.5, -1, 2], [4]), 'bool'), [4], 'bool')).toEqual([0, 1, 1, 1]);
    expect(read(k.cast(t([0, -3], [2], 'int32'), 'bool'), [2], 'bool')).toEqual([0, 1]);
  });
  it('float to int truncates toward zero; bool to number is 0/1', () => {
    expect(read(k.cast(t([1.7, -1.7, 0.2, -0.9], [4]), 'int32'), [4], 'int32')).toEqual([1, -1, 0, 0]);
    expect(read(k.cast(t([1, 0], [2], 'bool'), 'float32'))).toEqual([1, 0]);
    expect(read(k.cast(t([1, 0], [2], 'bool'), 'int32'), [2], 'int32')).toEqual([1, 0]);
    expect(read(k.cast(t([3, -4], [2], 'int32'), 'float32'))).toEqual([3, -4]);
    expect(read(k.cast(t([], [0]), 'int32'), [0], 'int32')).toEqual([]);
  });
});
