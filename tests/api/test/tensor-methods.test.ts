import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as api from '@layerwise/api';
import { Tensor, memory, ops, tensor, tidy, valueAndGrads } from '@layerwise/api';

const vals = (t: Tensor): number[] => Array.from(t.dataSync());

/** Float64 reference of a unary function, elementwise. */
function close(actual: ArrayLike<number>, expected: ArrayLike<number>, tol = 1e-5): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    if (Number.isNaN(expected[i])) expect(Number.isNaN(actual[i])).toBe(true);
    else expect(Math.abs(actual[i] - expected[i]), `element ${i}: ${actual[i]} vs ${expected[i]}`).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(expected[i])));
  }
}

describe('chainable Tensor methods (tfjs style)', () => {
  const X = [[1, -2, 3], [4, 5, -6]];

  it('arithmetic and comparisons give the op\'s values, broadcasting', () => {
    const x = tensor(X);
    expect(vals(x.add(1))).toEqual([2, -1, 4, 5, 6, -5]);
    expect(vals(x.sub([1, 2, 3]))).toEqual([0, -4, 0, 3, 3, -9]);
    expect(vals(x.mul(x))).toEqual([1, 4, 9, 16, 25, 36]);
    close(vals(x.div(4)), [0.25, -0.5, 0.75, 1, 1.25, -1.5]);
    expect(vals(x.pow(2))).toEqual([1, 4, 9, 16, 25, 36]);
    expect(vals(x.maximum(0))).toEqual([1, 0, 3, 4, 5, 0]);
    expect(vals(x.minimum(0))).toEqual([0, -2, 0, 0, 0, -6]);
    expect(vals(x.squaredDifference(1))).toEqual([0, 9, 4, 9, 16, 49]);
    expect(vals(x.greater(0))).toEqual([1, 0, 1, 1, 1, 0]);
    expect(x.greater(0).dtype).toBe('bool');
    expect(vals(x.lessEqual(3))).toEqual([1, 1, 1, 0, 0, 1]);
    expect(vals(x.equal(3))).toEqual([0, 0, 1, 0, 0, 0]);
    expect(vals(x.notEqual(3))).toEqual([1, 1, 0, 1, 1, 1]);
    expect(vals(x.less(0).logicalOr(x.greater(4)))).toEqual([0, 1, 0, 0, 1, 1]);
    expect(vals(x.less(0).logicalAnd(x.less(-3)))).toEqual([0, 0, 0, 0, 0, 1]);
    expect(vals(x.less(0).logicalNot())).toEqual([1, 0, 1, 1, 1, 0]);
    // tfjs's order: a.where(cond, b) is where(cond, a, b).
    expect(vals(x.where(x.greater(0), tensor(0)))).toEqual([1, 0, 3, 4, 5, 0]);
    const i = tensor([7, -7], [2], 'int32');
    expect(vals(i.mod(3))).toEqual([1, 2]);
    expect(vals(i.floorDiv(3))).toEqual([2, -3]);
  });

  it('every unary method equals its op, and both equal the float64 formula', () => {
    const xs = [-1.5, -0.25, 0.5, 2];
    const formulas: Record<string, (v: number) => number> = {
      neg: (v) => -v, abs: Math.abs, sign: Math.sign, square: (v) => v * v, relu: (v) => Math.max(v, 0), exp: Math.exp,
      expm1: Math.expm1, tanh: Math.tanh, sigmoid: (v) => 1 / (1 + Math.exp(-v)), softplus: (v) => Math.log1p(Math.exp(v)),
      sin: Math.sin, cos: Math.cos, floor: Math.floor, ceil: Math.ceil, round: (v) => Math.round(v),
    };
    const positive = [0.25, 0.5, 1, 4];
    const onPositive: Record<string, (v: number) => number> = {
      log: Math.log, log1p: Math.log1p, sqrt: Math.sqrt, rsqrt: (v) => 1 / Math.sqrt(v), reciprocal: (v) => 1 / v,
    };
    const cases = [
      ...Object.entries(formulas).map(([name, f]) => ({ name, f, input: name === 'round' ? [-1.4, -0.6, 0.4, 2.6] : xs })),
      ...Object.entries(onPositive).map(([name, f]) => ({ name, f, input: positive })),
    ];
    for (const { name, f, input } of cases) {
      const x = tensor(input);
      const method = (x as unknown as Record<string, () => Tensor>)[name].call(x);
      const op = (ops as unknown as Record<string, (t: Tensor) => Tensor>)[name](x);
      expect(vals(method), name).toEqual(vals(op));
      close(vals(method), input.map(f));
    }
    close(vals(tensor([0, 0.5]).erf()), [0, 0.5204998778]);
    expect(vals(tensor([-3, 0.5, 9]).clipByValue(-1, 1))).toEqual([-1, 0.5, 1]);
  });

  it('reductions default to every axis; argMax/argMin to the last axis', () => {
    const x = tensor(X);
    expect(vals(x.sum())).toEqual([5]);
    expect(x.sum().rank).toBe(0);
    expect(vals(x.sum(0))).toEqual([5, 3, -3]);
    expect(x.sum(1, true).shape).toEqual([2, 1]);
    close(vals(x.mean()), [5 / 6]);
    close(vals(x.mean(1)), [2 / 3, 1]);
    expect(vals(x.max())).toEqual([5]);
    expect(vals(x.min(1))).toEqual([-2, -6]);
    expect(vals(x.argMax(1))).toEqual([2, 1]);
    expect(vals(x.argMax())).toEqual([2, 1]);
    expect(vals(x.argMax(0))).toEqual([1, 1, 0]);
    expect(vals(x.argMin(1))).toEqual([1, 2]);
    expect(x.argMax(1).dtype).toBe('int32');
    close(vals(x.logSumExp(1)), X.map((r) => Math.log(r.reduce((s, v) => s + Math.exp(v), 0))));
    const sm = vals(x.softmax());
    const row = (r: number[]) => r.map((v) => Math.exp(v) / r.reduce((s, w) => s + Math.exp(w), 0));
    close(sm, [...row(X[0]), ...row(X[1])]);
    close(vals(x.logSoftmax()), [...row(X[0]), ...row(X[1])].map(Math.log));
  });

  it('shape methods: reshape, as1D..as5D, flatten, asScalar, expandDims, squeeze, transpose, clone, cast', () => {
    const x = tensor(X);
    expect(x.reshape([3, 2]).shape).toEqual([3, 2]);
    expect(vals(x.reshape([-1]))).toEqual([1, -2, 3, 4, 5, -6]);
    expect(x.reshapeAs(tensor([[0], [0], [0], [0], [0], [0]])).shape).toEqual([6, 1]);
    expect(x.as1D().shape).toEqual([6]);
    expect(x.flatten().shape).toEqual([6]);
    expect(x.as2D(3, 2).shape).toEqual([3, 2]);
    expect(x.as3D(1, 2, 3).shape).toEqual([1, 2, 3]);
    expect(x.as4D(1, 1, 2, 3).shape).toEqual([1, 1, 2, 3]);
    expect(x.as5D(1, 1, 1, 2, 3).shape).toEqual([1, 1, 1, 2, 3]);
    expect(tensor([[7]]).asScalar().shape).toEqual([]);
    expect(() => x.asScalar()).toThrow(/reshape: cannot reshape 'x' of shape \[2,3\]/);
    expect(x.expandDims().shape).toEqual([1, 2, 3]);
    expect(x.expandDims(-1).shape).toEqual([2, 3, 1]);
    expect(tensor([[[1], [2]]]).squeeze().shape).toEqual([2]);
    expect(tensor([[[1], [2]]]).squeeze([2]).shape).toEqual([1, 2]);
    expect(vals(x.transpose())).toEqual([1, 4, -2, 5, 3, -6]);
    expect(x.transpose([1, 0]).shape).toEqual([3, 2]);
    const c = x.clone();
    expect(c).not.toBe(x);
    expect(vals(c)).toEqual(vals(x));
    c.dispose();
    expect(x.isDisposed).toBe(false);
    expect(vals(x)).toEqual([1, -2, 3, 4, 5, -6]);
    const f = tensor([1.7, -1.7]);
    expect(f.cast('int32').dtype).toBe('int32');
    expect(vals(f.cast('int32'))).toEqual([1, -1]);
    expect(vals(f.asType('bool'))).toEqual([1, 1]);
  });

  it('layout methods: slice (tfjs\'s number form too), pad, concat, stack, unstack, split, tile, reverse, gather, oneHot, broadcastTo', () => {
    const x = tensor(X);
    expect(vals(x.slice([0, 1], [2, 2]))).toEqual([-2, 3, 5, -6]);
    expect(vals(x.slice(1))).toEqual([4, 5, -6]);
    expect(x.slice(1).shape).toEqual([1, 3]);
    expect(vals(tensor([1, 2, 3, 4]).slice(1, 2))).toEqual([2, 3]);
    expect(vals(tensor([1, 2]).pad([[1, 2]], 9))).toEqual([9, 1, 2, 9, 9]);
    expect(vals(x.concat(tensor([[0, 0, 0]])))).toEqual([1, -2, 3, 4, 5, -6, 0, 0, 0]);
    expect(x.concat([x, x], 1).shape).toEqual([2, 9]);
    expect(tensor([1, 2]).stack(tensor([3, 4])).shape).toEqual([2, 2]);
    expect(vals(tensor([1, 2]).stack([tensor([3, 4])], 1))).toEqual([1, 3, 2, 4]);
    expect(x.unstack().map(vals)).toEqual([[1, -2, 3], [4, 5, -6]]);
    expect(x.unstack(1).map(vals)).toEqual([[1, 4], [-2, 5], [3, -6]]);
    expect(x.split([1, 2], 1).map((t) => t.shape)).toEqual([[2, 1], [2, 2]]);
    expect(vals(tensor([1, 2]).tile([2]))).toEqual([1, 2, 1, 2]);
    expect(vals(x.reverse(1))).toEqual([3, -2, 1, -6, 5, 4]);
    expect(vals(x.reverse([0, 1]))).toEqual([-6, 5, 4, 3, -2, 1]);
    expect(vals(x.reverse())).toEqual([-6, 5, 4, 3, -2, 1]);
    expect(vals(x.gather([1, 0]))).toEqual([4, 5, -6, 1, -2, 3]);
    expect(vals(x.gather(tensor([2], [1], 'int32'), 1))).toEqual([3, -6]);
    expect(vals(tensor([2, 0], [2], 'int32').oneHot(3))).toEqual([0, 0, 1, 1, 0, 0]);
    expect(tensor([1, 2]).broadcastTo([3, 2]).shape).toEqual([3, 2]);
  });

  it('matMul, with and without transposes, against a hand product', () => {
    const a = tensor([[1, 2], [3, 4]]);
    const b = tensor([[5, 6], [7, 8]]);
    expect(vals(a.matMul(b))).toEqual([19, 22, 43, 50]);
    expect(vals(a.matMul(b, true))).toEqual([26, 30, 38, 44]);
    expect(vals(a.matMul(b, false, true))).toEqual([17, 23, 39, 53]);
  });

  it('chains, and a chain differentiates like the ops it calls', () => {
    const x = tensor([3, 4]);
    expect(vals(x.square().sum().sqrt())).toEqual([5]);
    const w = tensor([1, -2]);
    const { value, grads } = valueAndGrads(() => w.mul(w).mul(3).sum(), [w]);
    expect(vals(value)).toEqual([15]);
    expect(vals(grads[0])).toEqual([6, -12]);
  });

  it('frees what a chain makes inside tidy, like the ops', () => {
    const x = tensor(X);
    const start = memory().buffers;
    const y = tidy(() => x.add(1).relu().mul(2).sum(1).expandDims(1).transpose());
    expect(memory().buffers).toBe(start + 1);
    expect(vals(y)).toEqual([12, 22]);
    y.dispose();
    expect(memory().buffers).toBe(start);
  });

  it('a method on a disposed tensor names the op and the argument', () => {
    const x = tensor([1]);
    x.dispose();
    expect(() => x.add(1)).toThrow("add: argument 'a' (shape [1]) is disposed");
    expect(() => x.reshape([1])).toThrow("reshape: argument 'x' (shape [1]) is disposed");
  });
});

describe('Tensor.print', () => {
  let lines: string[];
  beforeEach(() => {
    lines = [];
    vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => { lines.push(a.join(' ')); });
  });
  afterEach(() => vi.restoreAllMocks());

  it('lays values out as tfjs does', () => {
    tensor(3.5).print();
    tensor([1, 2.5, -3]).print();
    tensor([[1, 22], [-333, 4]]).print();
    tensor([[[1, 2], [3, 4]], [[5, 6], [7, 8]]]).print();
    tensor([1, 0], [2], 'bool').print();
    tensor([1 / 3]).print(true);
    expect(lines).toEqual([
      'Tensor\n    3.5',
      'Tensor\n    [1, 2.5, -3]',
      'Tensor\n    [[1   , 22],\n     [-333, 4 ]]',
      'Tensor\n    [[[1, 2],\n      [3, 4]],\n\n     [[5, 6],\n      [7, 8]]]',
      'Tensor\n    [true, false]',
      'Tensor\n  dtype: float32\n  rank: 1\n  shape: [1]\n  values:\n    [0.3333333]',
    ]);
  });

  it('shortens an axis longer than 20 to its first and last three entries', () => {
    tensor(Array.from({ length: 25 }, (_, i) => i)).print();
    ops.reshape(tensor(Array.from({ length: 50 }, (_, i) => i)), [25, 2]).print();
    expect(lines[0]).toBe('Tensor\n    [0, 1, 2, ..., 22, 23, 24]');
    expect(lines[1]).toBe('Tensor\n    [[0 , 1 ],\n     [2 , 3 ],\n     [4 , 5 ],\n     ...\n     [44, 45],\n     [46, 47],\n     [48, 49]]');
  });
});

describe('buffer() and TensorBuffer', () => {
  it('get/set by position, strides and index conversions, toTensor', () => {
    const b = api.buffer([2, 3, 4]);
    expect(b.strides).toEqual([12, 4]);
    expect(b.size).toBe(24);
    expect(b.rank).toBe(3);
    b.set(5, 1, 2, 3);
    b.set(-1, 0, 0, 1);
    expect(b.get(1, 2, 3)).toBe(5);
    expect(b.locToIndex([1, 2, 3])).toBe(23);
    expect(b.indexToLoc(23)).toEqual([1, 2, 3]);
    for (let i = 0; i < 24; i++) expect(b.locToIndex(b.indexToLoc(i))).toBe(i);
    const t = b.toTensor();
    expect(t.shape).toEqual([2, 3, 4]);
    expect(t.dtype).toBe('float32');
    expect(vals(t)[23]).toBe(5);
    expect(vals(t)[1]).toBe(-1);
    // toTensor copies: later writes do not reach the tensor.
    b.set(9, 1, 2, 3);
    expect(vals(t)[23]).toBe(5);
  });

  it('takes values (as is when already the dtype\'s array), and int32/bool dtypes', () => {
    const values = new Float32Array([1, 2, 3, 4]);
    const b = api.buffer([2, 2], 'float32', values);
    b.set(10, 0, 1);
    expect(values[1]).toBe(10);
    const ints = api.buffer([3], 'int32', [1.9, 2, 3]);
    expect(ints.values).toBeInstanceOf(Int32Array);
    expect(Array.from(ints.values)).toEqual([1, 2, 3]);
    const bools = api.buffer([2], 'bool');
    bools.set(true, 1);
    expect(bools.toTensor().dtype).toBe('bool');
    expect(vals(bools.toTensor())).toEqual([0, 1]);
    expect(api.buffer([], 'float32', [7]).get()).toBe(7);
  });

  it('refuses a location out of range, a wrong value count and a bad shape', () => {
    const b = api.buffer([2, 3]);
    expect(() => b.get(2, 0)).toThrow('TensorBuffer.get: location [2,0] is out of range for shape [2,3]');
    expect(() => b.set(1, 0)).toThrow('TensorBuffer.set: location [0] is out of range for shape [2,3]');
    expect(() => b.indexToLoc(6)).toThrow('TensorBuffer.indexToLoc: index 6 is out of range for shape [2,3]');
    expect(() => api.buffer([2, 2], 'float32', [1, 2, 3])).toThrow('buffer: 3 values given but shape [2,2] holds 4');
    expect(() => api.buffer([2, -1])).toThrow('buffer: shape [2,-1] must hold non-negative integers');
  });

  it('tensor.buffer() and bufferSync() are host copies: writing them leaves the tensor as it was', async () => {
    const x = tensor([[1, 2], [3, 4]]);
    const b = await x.buffer();
    expect(b).toBeInstanceOf(api.TensorBuffer);
    expect(b.get(1, 0)).toBe(3);
    b.set(100, 1, 0);
    const s = x.bufferSync();
    expect(s.get(1, 0)).toBe(3);
    expect(vals(x)).toEqual([1, 2, 3, 4]);
    expect(vals(b.toTensor())).toEqual([1, 2, 100, 4]);
  });
});

describe('top-level ops beside ops (tfjs\'s tf.argMax)', () => {
  it('are the same functions as ops.*', () => {
    const names = ['argMax', 'argMin', 'add', 'sub', 'mul', 'div', 'matMul', 'reshape', 'transpose', 'squeeze', 'expandDims', 'cast',
      'sum', 'mean', 'max', 'min', 'square', 'sqrt', 'exp', 'log', 'relu', 'sigmoid', 'tanh', 'softmax', 'concat', 'stack', 'slice',
      'gather', 'oneHot', 'where', 'clipByValue', 'randomNormal', 'randomUniform', 'buffer', 'tensor2d', 'zerosLike'];
    const top = api as unknown as Record<string, unknown>;
    const inOps = ops as unknown as Record<string, unknown>;
    for (const n of names) {
      expect(typeof top[n], n).toBe('function');
      expect(top[n], n).toBe(inOps[n]);
    }
    expect(vals(api.argMax(tensor([[1, 9], [8, 2]]), 1))).toEqual([1, 0]);
  });

  it('tensor1d..tensor4d check the rank', () => {
    expect(api.tensor1d([1, 2]).shape).toEqual([2]);
    expect(api.tensor2d([1, 2, 3, 4], [2, 2]).shape).toEqual([2, 2]);
    expect(api.tensor2d([[1, 2]]).shape).toEqual([1, 2]);
    expect(api.tensor3d([[[1]]]).shape).toEqual([1, 1, 1]);
    expect(api.tensor4d(new Float32Array(4), [1, 1, 2, 2]).shape).toEqual([1, 1, 2, 2]);
    expect(api.tensor1d([1, 2], 'int32').dtype).toBe('int32');
    expect(() => api.tensor2d([1, 2, 3, 4])).toThrow('tensor2d: expected values of rank 2, got shape [4]; give the shape as the second argument');
    expect(() => api.tensor1d([[1]])).toThrow('tensor1d: expected values of rank 1, got shape [1,1]');
  });
});

describe('typed arrays other than Float32Array/Int32Array/Uint8Array', () => {
  it('Float64Array becomes float32, Int16Array and friends int32 (copied)', () => {
    const f64 = new Float64Array([0.1, 1e-3, -2.5]);
    const t = tensor(f64);
    expect(t.dtype).toBe('float32');
    expect(vals(t)).toEqual(Array.from(new Float32Array(f64)));
    f64[0] = 99;
    expect(vals(t)[0]).toBeCloseTo(0.1, 6);
    expect(tensor(new Int16Array([-3, 4])).dtype).toBe('int32');
    expect(vals(tensor(new Uint16Array([65535])))).toEqual([65535]);
    expect(tensor(new Int8Array([1]), [1], 'float32').dtype).toBe('float32');
    expect(tensor({ data: new Float64Array([1, 2, 3, 4]), shape: [2, 2] }).shape).toEqual([2, 2]);
    expect(vals(ops.add(new Float64Array([1, 2]), 1))).toEqual([2, 3]);
  });

  it('an unsupported array is refused with the accepted forms named', () => {
    expect(() => tensor(new Uint32Array([1]) as never)).toThrow(
      "tensor: argument 'values' must be a Tensor, a nested number array, a typed array (Float32Array, Int32Array, Uint8Array, Float64Array, Int16Array, ...) or { data, shape }, got Uint32Array");
    expect(() => tensor({ values: [1] } as never)).toThrow(/got an object without data and shape$/);
  });
});

describe('tfjs helpers its examples use', () => {
  it('train.* are the optimizer factories; util.shuffle follows setRandomSeed; nextFrame resolves', async () => {
    expect(api.train.adam).toBe(api.optimizers.adam);
    expect(api.train.sgd(0.5).learningRate).toBe(0.5);
    const order = () => { api.setRandomSeed(9); return api.util.shuffle([0, 1, 2, 3, 4, 5, 6, 7]); };
    const a = order();
    expect(order()).toEqual(a);
    expect([...a].sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(a).not.toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    const typed = api.util.shuffle(new Int32Array([5, 6, 7]));
    expect(typed).toBeInstanceOf(Int32Array);
    expect(Array.from(typed).sort()).toEqual([5, 6, 7]);
    expect(() => api.util.shuffle('abc' as never)).toThrow('util.shuffle: expected an array or a typed array, got string');
    let later = false;
    const frame = api.nextFrame().then(() => { later = true; });
    expect(later).toBe(false);
    await frame;
    expect(later).toBe(true);
  });

  it('toFloat/toInt/toBool cast', () => {
    const x = tensor([1.7, -2.2, 0]);
    expect(x.toInt().dtype).toBe('int32');
    expect(vals(x.toInt())).toEqual([1, -2, 0]);
    expect(vals(x.toBool())).toEqual([1, 1, 0]);
    expect(x.toInt().toFloat().dtype).toBe('float32');
  });

  it('argMax/argMin take bool (false < true), as one-hot Uint8Array labels are bool here', () => {
    const labels = tensor(new Uint8Array([0, 1, 0, 1, 0, 0]), [2, 3]);
    expect(labels.dtype).toBe('bool');
    expect(vals(labels.argMax(1))).toEqual([1, 0]);
    expect(vals(labels.argMin(1))).toEqual([0, 1]);
    const start = memory().buffers;
    labels.argMax(1).dispose();
    expect(memory().buffers).toBe(start);
  });
});
