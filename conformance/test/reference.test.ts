import { describe, expect, it } from 'vitest';
import { conv2dInfo, pool2dInfo } from '@layerwise/api';
import { applyReference, reference, refTensor, type RefTensor } from '../src/index.js';

const t = (shape: number[], values: number[], dtype: RefTensor['dtype'] = 'float32') => refTensor(values, shape, dtype);
const values = (x: RefTensor) => [...x.data];

describe('reference semantics (hand-computed)', () => {
  it('broadcasts [3,1] with [1,4] and scalars', () => {
    const y = reference.binary('sub', t([3, 1], [10, 20, 30]), t([1, 4], [1, 2, 3, 4]));
    expect(y.shape).toEqual([3, 4]);
    expect(values(y)).toEqual([9, 8, 7, 6, 19, 18, 17, 16, 29, 28, 27, 26]);
    const s = reference.binary('mul', t([], [2]), t([2], [3, 4]));
    expect(s.shape).toEqual([2]);
    expect(values(s)).toEqual([6, 8]);
  });

  it('int32 div truncates, floorDiv floors, mod takes the divisor sign, /0 gives 0', () => {
    const a = t([5], [7, -7, 7, -7, 5], 'int32');
    const b = t([5], [2, 2, -2, -2, 0], 'int32');
    expect(values(reference.binary('div', a, b))).toEqual([3, -3, -3, 3, 0]);
    expect(values(reference.binary('floorDiv', a, b))).toEqual([3, -4, -4, 3, 0]);
    expect(values(reference.binary('mod', a, b))).toEqual([1, 1, -1, -1, 0]);
    expect(values(reference.binary('mod', t([2], [-7, 5.5]), t([2], [2, -2])))).toEqual([1, -0.5]);
  });

  it('casts: float -> int32 truncates, -> bool is != 0, bool -> 0/1', () => {
    expect(values(reference.cast(t([4], [-2.7, -0.5, 0.5, 2.9]), 'int32'))).toEqual([-2, 0, 0, 2]);
    const b = reference.cast(t([4], [0, 0.5, -1, 2]), 'bool');
    expect(b.dtype).toBe('bool');
    expect(values(b)).toEqual([0, 1, 1, 1]);
    expect(values(reference.cast(t([2], [1, 0], 'bool'), 'float32'))).toEqual([1, 0]);
  });

  it('rounds half to even', () => {
    expect(values(reference.unary('round', t([7], [-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 2.6])))).toEqual([-2, -2, -0, 0, 2, 2, 3]);
  });

  it('computes erf, softplus and sigmoid accurately, including tails', () => {
    const erf = values(reference.unary('erf', t([4], [0, 0.5, 1, -2])));
    expect(erf[0]).toBe(0);
    expect(erf[1]).toBeCloseTo(0.5204998778130465, 15);
    expect(erf[2]).toBeCloseTo(0.8427007929497149, 15);
    expect(erf[3]).toBeCloseTo(-0.9953222650189527, 15);
    expect(values(reference.unary('softplus', t([3], [100, -100, 0])))).toEqual([100, Math.log1p(Math.exp(-100)), Math.LN2]);
    expect(values(reference.unary('sigmoid', t([1], [-800])))[0]).toBe(0);
  });

  it('gives the first index on ties for argMax and argMin', () => {
    const x = t([2, 4], [1, 3, 3, 0, -1, -5, -1, -5]);
    expect(values(reference.argReduce('argMax', x, 1))).toEqual([1, 0]);
    expect(values(reference.argReduce('argMin', x, 1))).toEqual([3, 1]);
  });

  it('reduces with sum over an empty axis to 0 and drops reduced axes', () => {
    const y = reference.reduce('sum', t([2, 0], []), [1]);
    expect(y.shape).toEqual([2]);
    expect(values(y)).toEqual([0, 0]);
    expect(values(reference.reduce('max', t([2, 3], [1, -2, 3, -4, -5, -6]), [1]))).toEqual([3, -4]);
  });

  it('maxPool: padding never wins over all-negative windows', () => {
    const info = pool2dInfo([1, 2, 2, 1], [2, 2], [1, 1], 'same');
    expect(info.padBottom + info.padRight).toBe(2);
    expect(values(reference.maxPool(t([1, 2, 2, 1], [-1, -2, -3, -4]), info))).toEqual([-1, -2, -3, -4]);
  });

  it('maxPoolBackprop routes to the first max in row-major window order', () => {
    const info = pool2dInfo([1, 3, 3, 1], [2, 2], [1, 1], 'valid');
    const x = t([1, 3, 3, 1], [1, 1, 0, 1, 1, 1, 0, 1, 1]);
    const dx = reference.maxPoolBackprop(t([1, 2, 2, 1], [1, 10, 100, 1000]), x, info);
    expect(values(dx)).toEqual([1, 10, 0, 100, 1000, 0, 0, 0, 0]);
  });

  it('avgPool counts only in-bounds positions, and its backprop spreads accordingly', () => {
    const info = pool2dInfo([1, 2, 2, 1], [3, 3], [1, 1], 'same');
    expect(values(reference.avgPool(t([1, 2, 2, 1], [1, 2, 3, 4]), info))).toEqual([2.5, 2.5, 2.5, 2.5]);
    const x1 = pool2dInfo([1, 3, 1, 1], [2, 1], [1, 1], 'valid');
    expect(values(reference.avgPoolBackprop(t([1, 2, 1, 1], [2, 4]), x1))).toEqual([1, 3, 2]);
  });

  it('conv2d with causal padding, dilation 2 and its backprops agree with hand sums', () => {
    const info = conv2dInfo([1, 1, 4, 1], [1, 2, 1, 1], [1, 1], 'causal', [1, 2]);
    expect([info.padLeft, info.padRight, info.outW]).toEqual([2, 0, 4]);
    const x = t([1, 1, 4, 1], [1, 2, 3, 4]);
    const f = t([1, 2, 1, 1], [10, 1]);
    // y[w] = 10 * x[w - 2] + 1 * x[w]
    expect(values(reference.conv2d(x, f, info))).toEqual([1, 2, 13, 24]);
    const dy = t([1, 1, 4, 1], [1, 1, 1, 1]);
    expect(values(reference.conv2dBackpropInput(dy, f, info))).toEqual([11, 11, 1, 1]);
    expect(values(reference.conv2dBackpropFilter(x, dy, info))).toEqual([3, 10]);
  });

  it('gather gives zeros out of range; segment sum drops out-of-range ids', () => {
    const x = t([3, 2], [1, 2, 3, 4, 5, 6]);
    expect(values(reference.gather(x, t([3], [2, -1, 3], 'int32'), 0))).toEqual([5, 6, 0, 0, 0, 0]);
    const g = reference.gather(x, t([2, 2], [1, 0, 1, 1], 'int32'), 1);
    expect(g.shape).toEqual([3, 2, 2]);
    expect(values(g).slice(0, 4)).toEqual([2, 1, 2, 2]);
    expect(values(reference.unsortedSegmentSum(t([4], [1, 2, 3, 4]), t([4], [1, 5, -1, 1], 'int32'), 2))).toEqual([0, 5]);
  });

  it('matmul with transposes and batch broadcast', () => {
    const a = t([1, 2, 2], [1, 2, 3, 4]);
    const b = t([2, 2, 1], [1, 1, 0, 1]);
    const y = reference.matmul(a, b, false, false);
    expect(y.shape).toEqual([2, 2, 1]);
    expect(values(y)).toEqual([3, 7, 2, 4]);
    expect(values(reference.matmul(a, a, true, false))).toEqual([10, 14, 14, 20]);
    expect(values(reference.matmul(a, a, false, true))).toEqual([5, 11, 11, 25]);
  });

  it('softmax and logSoftmax are stable on large inputs', () => {
    const s = values(reference.softmax(t([3], [1000, 1000, -1000])));
    expect(s).toEqual([0.5, 0.5, 0]);
    const l = values(reference.logSoftmax(t([2], [1000, 1000])));
    expect(l).toEqual([-Math.LN2, -Math.LN2]);
  });

  it('layout: transpose, slice, concat, pad', () => {
    const x = t([2, 3], [1, 2, 3, 4, 5, 6]);
    expect(values(reference.transpose(x, [1, 0]))).toEqual([1, 4, 2, 5, 3, 6]);
    expect(values(reference.slice(x, [0, 1], [2, 2]))).toEqual([2, 3, 5, 6]);
    expect(values(reference.concat([x, t([2, 1], [7, 8])], 1))).toEqual([1, 2, 3, 7, 4, 5, 6, 8]);
    expect(values(reference.pad(t([2], [1, 2]), [[1, 2]], 9))).toEqual([9, 1, 2, 9, 9]);
  });

  it('non-finite values: NaN propagates through relu, maximum, reductions and pooling (IEEE, NumPy)', () => {
    expect(values(reference.unary('relu', t([4], [NaN, -1, 2, -Infinity])))).toEqual([NaN, 0, 2, 0]);
    expect(values(reference.binary('maximum', t([3], [1, NaN, 2]), t([3], [NaN, 1, -Infinity])))).toEqual([NaN, NaN, 2]);
    expect(values(reference.binary('sub', t([2], [Infinity, 1]), t([2], [Infinity, -Infinity])))).toEqual([NaN, Infinity]);
    expect(values(reference.unary('log', t([3], [0, -1, Infinity])))).toEqual([-Infinity, NaN, Infinity]);
    expect(values(reference.reduce('max', t([2, 3], [1, NaN, 3, -Infinity, -Infinity, -Infinity]), [1]))).toEqual([NaN, -Infinity]);
    expect(values(reference.reduce('sum', t([2, 2], [Infinity, -Infinity, Infinity, 1]), [1]))).toEqual([NaN, Infinity]);
    const info = pool2dInfo([1, 2, 2, 1], [2, 2], [2, 2], 'valid');
    expect(values(reference.maxPool(t([1, 2, 2, 1], [5, NaN, 7, NaN]), info))).toEqual([NaN]);
    // The backprop routes to the first NaN, where maxPool took its NaN from.
    expect(values(reference.maxPoolBackprop(t([1, 1, 1, 1], [3]), t([1, 2, 2, 1], [5, NaN, 7, NaN]), info))).toEqual([0, 3, 0, 0]);
    expect(values(reference.softmax(t([2, 2], [NaN, 1, Infinity, 1])))).toEqual([NaN, NaN, NaN, NaN]);
    expect(values(reference.softmax(t([2], [-Infinity, 0])))).toEqual([0, 1]);
  });

  it('non-finite values: argMax/argMin take the first NaN; comparisons with NaN are false but notEqual', () => {
    const x = t([3, 3], [1, NaN, 2, NaN, NaN, 3, -Infinity, -Infinity, -Infinity]);
    expect(values(reference.argReduce('argMax', x, 1))).toEqual([1, 0, 0]);
    expect(values(reference.argReduce('argMin', x, 1))).toEqual([1, 0, 0]);
    const a = t([3], [NaN, NaN, -0]);
    const b = t([3], [NaN, 1, 0]);
    expect(values(reference.binary('equal', a, b))).toEqual([0, 0, 1]);
    expect(values(reference.binary('notEqual', a, b))).toEqual([1, 1, 0]);
    expect(values(reference.binary('lessEqual', a, b))).toEqual([0, 0, 1]);
  });

  it('non-finite values: pow is C\'s, casts to int32 saturate, -0 stays where IEEE keeps it', () => {
    const pow = values(reference.binary('pow', t([5], [1, NaN, -1, -0, -8]), t([5], [NaN, 0, Infinity, -1, 1 / 3])));
    expect(pow).toEqual([1, 1, 1, -Infinity, NaN]);
    const cast = values(reference.cast(t([7], [NaN, Infinity, -Infinity, 3e9, -3e9, -2.9, 2147483648]), 'int32'));
    expect(cast).toEqual([0, 2147483647, -2147483648, 2147483647, -2147483648, -2, 2147483647]);
    expect(values(reference.cast(t([3], [NaN, -0, 1e-45]), 'bool'))).toEqual([1, 0, 1]);
    expect(Object.is(values(reference.unary('neg', t([1], [0])))[0], -0)).toBe(true);
    expect(Object.is(values(reference.unary('round', t([1], [-0.4])))[0], -0)).toBe(true);
    expect(Object.is(values(reference.binary('mul', t([1], [-1]), t([1], [0])))[0], -0)).toBe(true);
  });

  it('applyReference dispatches by primitive name', () => {
    const y = applyReference('fusedMatMul', [t([1, 1, 2], [1, -2]), t([1, 2, 1], [1, 1]), t([1], [0.5])],
      { activation: 'relu', transposeA: false, transposeB: false });
    expect(values(y)).toEqual([0]);
    expect(values(applyReference('select', [t([2], [1, 0], 'bool'), t([2], [1, 2]), t([], [9])], {}))).toEqual([1, 9]);
  });
});
