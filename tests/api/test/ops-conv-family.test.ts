import { describe, expect, it } from 'vitest';
import { memory, ops, tensor, tidy, valueAndGrads, type Tensor } from '@layerwise/api';
import { expectClose, vals, wave } from './layers-helpers.js';
import { convRef, convTransposeRef, depthwiseRef, localRef, poolRef, window } from './conv-reference.js';

const size = (shape: number[]): number => shape.reduce((a, b) => a * b, 1);

/**
 * Gradients of sum(fn(inputs) * c) (c fixed and irregular) with respect to every input,
 * from valueAndGrads, against central finite differences at a handful of positions.
 */
function checkOpGradients(fn: (...xs: Tensor[]) => Tensor, inputs: Tensor[], eps = 1e-2, tol = 1e-2): void {
  const probe = fn(...inputs);
  const coeffs = tensor(wave(probe.size, 1.1), probe.shape);
  const loss = (xs: Tensor[]): number => tidy(() => ops.sum(ops.mul(fn(...xs), coeffs)).dataSync()[0]);
  const { value, grads } = valueAndGrads(() => ops.sum(ops.mul(fn(...inputs), coeffs)), inputs);
  inputs.forEach((x, k) => {
    const base = Float32Array.from(x.dataSync());
    const grad = grads[k].dataSync();
    const picks = new Set([0, Math.floor(base.length / 3), Math.floor(base.length / 2), Math.floor((2 * base.length) / 3), base.length - 1]);
    for (const i of picks) {
      const at = (delta: number): number => {
        const v = base.slice();
        v[i] += delta;
        const moved = tensor(v, x.shape);
        const out = loss(inputs.map((t, j) => (j === k ? moved : t)));
        moved.dispose();
        return out;
      };
      const numeric = (at(eps) - at(-eps)) / (2 * eps);
      if (Math.abs(grad[i] - numeric) > tol * (1 + Math.abs(numeric))) expect.fail(`input ${k} [${i}]: analytic ${grad[i]}, numeric ${numeric}`);
    }
  });
  [probe, coeffs, value, ...grads].forEach((t) => t.dispose());
}

/** Calls `fn` outside any tidy and checks that it leaves only its result behind. */
function leavesOnlyResult(fn: () => Tensor): Tensor {
  const before = memory().buffers;
  const y = fn();
  expect(memory().buffers).toBe(before + 1);
  return y;
}

describe('ops.conv3d', () => {
  const xShape = [2, 5, 4, 6, 2];
  const kShape = [2, 3, 2, 2, 3];
  const x = tensor(wave(size(xShape)), xShape);
  const k = tensor(wave(size(kShape), 0.8), kShape);

  for (const [name, strides, dilations, padding] of [
    ['valid, strides [2, 1, 2]', [2, 1, 2], [1, 1, 1], 'valid'],
    ["'same', strides [2, 2, 3]", [2, 2, 3], [1, 1, 1], 'same'],
    ["'same', dilation [2, 1, 2]", [1, 1, 1], [2, 1, 2], 'same'],
    ['valid, dilation [1, 2, 1]', [1, 1, 1], [1, 2, 1], 'valid'],
  ] as const) {
    it(`${name}: values against the float64 loop`, () => {
      const w = window([5, 4, 6], [2, 3, 2], [...strides], padding, [...dilations]);
      const y = leavesOnlyResult(() => ops.conv3d(x, k, { strides, dilations, padding }));
      expect(y.shape).toEqual([2, ...w.out, 3]);
      expectClose(vals(y), convRef(wave(size(xShape)), xShape, wave(size(kShape), 0.8), kShape, w));
      y.dispose();
    });
  }

  it('takes one volume without a batch axis; gradients match finite differences', () => {
    const one = tensor(wave(5 * 4 * 6 * 2), [5, 4, 6, 2]);
    const y = ops.conv3d(one, k, { padding: 'same' });
    expect(y.shape).toEqual([5, 4, 6, 3]);
    expectClose(vals(y), convRef(wave(5 * 4 * 6 * 2), [1, 5, 4, 6, 2], wave(size(kShape), 0.8), kShape, window([5, 4, 6], [2, 3, 2], [1, 1, 1], 'same')));
    const small = tensor(wave(2 * 4 * 3 * 3 * 2), [2, 4, 3, 3, 2]);
    checkOpGradients((a, b) => ops.conv3d(a, b, { strides: [2, 1, 1], padding: 'same', dilations: [1, 1, 2] }), [small, k]);
  });

  it('names what is wrong', () => {
    expect(() => ops.conv3d(x, tensor(wave(12), [1, 1, 1, 3, 4]))).toThrow("conv3d: input channels of 'x' [2,5,4,6,2] (2) must equal filter in-channels of 'filter' [1,1,1,3,4] (3)");
    expect(() => ops.conv3d(x, k, { strides: [1, 0, 1] })).toThrow('conv3d: strides must be 3 integers >= 1, got [1,0,1]');
    expect(() => ops.conv3d(x, k, { padding: 'causal' as 'same' })).toThrow(`conv3d: padding must be 'valid' or 'same', got "causal"`);
  });
});

describe('ops.conv2dTranspose', () => {
  const xShape = [2, 3, 4, 2];
  const xv = wave(size(xShape));
  const x = tensor(xv, xShape);

  for (const [name, kernel, strides, dilations, padding, out] of [
    ['valid, strides 2', [3, 3], [2, 2], [1, 1], 'valid', [7, 9]],
    ["'same', strides [2, 3]", [3, 2], [2, 3], [1, 1], 'same', [6, 12]],
    ["'same', even kernel, output padding 1 (out 5 x 7)", [4, 4], [2, 2], [1, 1], 'same', [5, 7]],
    ["'same', dilation 2", [3, 2], [1, 1], [2, 2], 'same', [3, 4]],
    ['valid, dilation [2, 1]', [2, 3], [1, 1], [2, 1], 'valid', [5, 6]],
  ] as const) {
    it(`${name}: values against the scatter definition`, () => {
      const kShape = [...kernel, 3, 2];
      const kv = wave(size(kShape), 0.4);
      const k = tensor(kv, kShape);
      const y = leavesOnlyResult(() => ops.conv2dTranspose(x, k, [2, ...out, 3], { strides, padding, dilations }));
      expect(y.shape).toEqual([2, ...out, 3]);
      const w = window([...out], [...kernel], [...strides], padding, [...dilations]);
      expect(w.out).toEqual([3, 4]);
      expectClose(vals(y), convTransposeRef(xv, xShape, kv, kShape, [...out], w));
      y.dispose();
    });
  }

  it('is conv2d\'s input gradient; its own gradients match finite differences', () => {
    const k = tensor(wave(3 * 3 * 3 * 2, 0.4), [3, 3, 3, 2]);
    checkOpGradients((a, b) => ops.conv2dTranspose(a, b, [2, 6, 8, 3], { strides: 2, padding: 'same' }), [x, k]);
  });

  it('rejects an output shape no convolution maps back to x', () => {
    const k = tensor(wave(2 * 2 * 3 * 2), [2, 2, 3, 2]);
    // 6 x 7 is fine ('same' with stride 2 maps 7 columns to 4), 6 x 9 is not.
    expect(ops.conv2dTranspose(x, k, [2, 6, 7, 3], { strides: 2, padding: 'same' }).shape).toEqual([2, 6, 7, 3]);
    expect(() => ops.conv2dTranspose(x, k, [2, 6, 9, 3], { strides: 2, padding: 'same' }))
      .toThrow("conv2dTranspose: a convolution of outputShape [2,6,9,3] with these strides and padding gives spatial shape [3,5], not that of 'x' [2,3,4,2]");
    expect(() => ops.conv2dTranspose(x, k, [2, 6, 8, 4], { strides: 2 }))
      .toThrow("conv2dTranspose: outputShape [2,6,8,4] must have the batch of 'x' [2,3,4,2] and the out-channels of 'filter' [2,2,3,2] (3)");
    expect(() => ops.conv2dTranspose(x, tensor(wave(12), [2, 2, 3, 1]), [2, 6, 8, 3], { strides: 2 }))
      .toThrow("conv2dTranspose: input channels of 'x' [2,3,4,2] (2) must equal filter in-channels of 'filter' [2,2,3,1] (1)");
  });
});

describe('ops.conv3dTranspose', () => {
  const xShape = [2, 2, 3, 2, 2];
  const xv = wave(size(xShape));
  const x = tensor(xv, xShape);

  for (const [name, kernel, strides, padding, out] of [
    ['valid, strides [2, 1, 2]', [2, 2, 3], [2, 1, 2], 'valid', [4, 4, 5]],
    ["'same', strides [2, 2, 1]", [3, 2, 2], [2, 2, 1], 'same', [4, 6, 2]],
    ["'same', strides 3, any output the strides map back", [2, 3, 3], [3, 3, 3], 'same', [5, 9, 4]],
  ] as const) {
    it(`${name}: values against the scatter definition`, () => {
      const kShape = [...kernel, 3, 2];
      const kv = wave(size(kShape), 0.9);
      const k = tensor(kv, kShape);
      const y = leavesOnlyResult(() => ops.conv3dTranspose(x, k, [2, ...out, 3], { strides, padding }));
      expect(y.shape).toEqual([2, ...out, 3]);
      const w = window([...out], [...kernel], [...strides], padding);
      expect(w.out).toEqual([2, 3, 2]);
      expectClose(vals(y), convTransposeRef(xv, xShape, kv, kShape, [...out], w));
      y.dispose();
    });
  }

  it('gradients match finite differences', () => {
    const k = tensor(wave(2 * 2 * 2 * 3 * 2, 0.9), [2, 2, 2, 3, 2]);
    checkOpGradients((a, b) => ops.conv3dTranspose(a, b, [2, 4, 6, 4, 3], { strides: 2, padding: 'same' }), [x, k]);
  });
});

describe('ops.depthwiseConv2d and ops.separableConv2d', () => {
  const xShape = [2, 5, 6, 3];
  const xv = wave(size(xShape));
  const x = tensor(xv, xShape);

  for (const [name, kernel, m, strides, dilations, padding] of [
    ["'same', strides [2, 1], multiplier 2", [3, 2], 2, [2, 1], [1, 1], 'same'],
    ['valid, dilation 2, multiplier 1', [2, 2], 1, [1, 1], [2, 2], 'valid'],
    ["'same', strides 2, dilation 1, multiplier 3", [3, 3], 3, [2, 2], [1, 1], 'same'],
    ["'same', dilation [1, 2]", [2, 3], 2, [1, 1], [1, 2], 'same'],
  ] as const) {
    it(`${name}: channel c * m + j is channel c with filter j`, () => {
      const kShape = [...kernel, 3, m];
      const kv = wave(size(kShape), 1.3);
      const k = tensor(kv, kShape);
      const y = leavesOnlyResult(() => ops.depthwiseConv2d(x, k, { strides, padding, dilations }));
      const w = window([5, 6], [...kernel], [...strides], padding, [...dilations]);
      expect(y.shape).toEqual([2, ...w.out, 3 * m]);
      expectClose(vals(y), depthwiseRef(xv, xShape, kv, kShape, w));
      y.dispose();
    });
  }

  it('separableConv2d is the depthwise step, then a 1x1 convolution', () => {
    const dShape = [3, 3, 3, 2];
    const pShape = [1, 1, 6, 4];
    const dv = wave(size(dShape), 0.2);
    const pv = wave(size(pShape), 0.7);
    const [dk, pk] = [tensor(dv, dShape), tensor(pv, pShape)];
    const y = leavesOnlyResult(() => ops.separableConv2d(x, dk, pk, { strides: 2, padding: 'same' }));
    const w = window([5, 6], [3, 3], [2, 2], 'same');
    const mid = depthwiseRef(xv, xShape, dv, dShape, w);
    expectClose(vals(y), convRef(mid, [2, ...w.out, 6], pv, pShape, window(w.out, [1, 1], [1, 1], 'valid')));
    expect(() => ops.separableConv2d(x, tensor(dv, dShape), tensor(wave(24), [2, 1, 3, 4]))).toThrow("separableConv2d: 'pointwiseFilter' must be [1, 1, inC * multiplier, outC], got [2,1,3,4]");
  });

  it('gradients match finite differences', () => {
    const k = tensor(wave(3 * 2 * 3 * 2, 1.3), [3, 2, 3, 2]);
    checkOpGradients((a, b) => ops.depthwiseConv2d(a, b, { strides: 2, padding: 'same' }), [x, k]);
    checkOpGradients((a, b) => ops.depthwiseConv2d(a, b, { dilations: [2, 1] }), [x, k]);
  });
});

describe('ops.maxPool3d and ops.avgPool3d', () => {
  const xShape = [2, 5, 4, 3, 2];
  // Distinct values, so a window's maximum is unique (the gradient has no ties to break).
  const xv = Array.from({ length: size(xShape) }, (_, i) => ((i * 37) % size(xShape)) * 0.01 - 1);
  const x = tensor(xv, xShape);

  for (const [name, pool, strides, padding] of [
    ['valid, window [2, 3, 2], strides [2, 1, 2]', [2, 3, 2], [2, 1, 2], 'valid'],
    ["'same', window 2 (strides = window)", [2, 2, 2], [2, 2, 2], 'same'],
    ["'same', window [3, 2, 3], strides [2, 3, 1]", [3, 2, 3], [2, 3, 1], 'same'],
  ] as const) {
    it(`${name}: max and in-bounds mean against the float64 loop`, () => {
      const w = window([5, 4, 3], [...pool], [...strides], padding);
      const mx = leavesOnlyResult(() => ops.maxPool3d(x, { poolSize: pool, strides, padding }));
      const av = leavesOnlyResult(() => ops.avgPool3d(x, { poolSize: pool, strides, padding }));
      expect(mx.shape).toEqual([2, ...w.out, 2]);
      expectClose(vals(mx), poolRef('max', xv, xShape, [...pool], w));
      expectClose(vals(av), poolRef('avg', xv, xShape, [...pool], w));
      mx.dispose();
      av.dispose();
    });
  }

  it('gradients match finite differences; strides default to the window', () => {
    checkOpGradients((a) => ops.maxPool3d(a, { poolSize: [2, 2, 1], padding: 'same' }), [x], 1e-3);
    checkOpGradients((a) => ops.avgPool3d(a, { poolSize: [3, 2, 2], strides: [1, 2, 1], padding: 'same' }), [x]);
    expect(ops.maxPool3d(x).shape).toEqual([2, 2, 2, 1, 2]);
    expect(() => ops.maxPool3d(tensor(wave(8), [2, 2, 2]))).toThrow("maxPool3d: argument 'x' must have rank 5, got shape [2,2,2]");
  });
});

describe('ops.localConv', () => {
  it('1-D: one weight matrix per output step, features tap by tap', () => {
    const xShape = [2, 7, 3];
    const kShape = [3, 3 * 3, 2]; // (7 - 3) / 2 + 1 = 3 positions
    const xv = wave(size(xShape));
    const kv = wave(size(kShape), 0.5);
    const [x, k] = [tensor(xv, xShape), tensor(kv, kShape)];
    const y = leavesOnlyResult(() => ops.localConv(x, k, { kernelSize: [3], strides: [2] }));
    expect(y.shape).toEqual([2, 3, 2]);
    expectClose(vals(y), localRef(xv, xShape, kv, kShape, [3], [2], false));
  });

  for (const channelsMajor of [false, true]) {
    it(`2-D, ${channelsMajor ? 'channel-major' : 'tap-major'} features: values and gradients`, () => {
      const xShape = [2, 5, 4, 2];
      const kShape = [2 * 3, 2 * 2 * 2, 3];
      const xv = wave(size(xShape));
      const kv = wave(size(kShape), 0.5);
      const x = tensor(xv, xShape);
      const k = tensor(kv, kShape);
      const y = ops.localConv(x, k, { kernelSize: [2, 2], strides: [2, 1], channelsMajor });
      expect(y.shape).toEqual([2, 2, 3, 3]);
      expectClose(vals(y), localRef(xv, xShape, kv, kShape, [2, 2], [2, 1], channelsMajor));
      checkOpGradients((a, b) => ops.localConv(a, b, { kernelSize: [2, 2], strides: [2, 1], channelsMajor }), [x, k]);
    });
  }

  it('checks the kernel against the patches', () => {
    expect(() => ops.localConv(tensor(wave(30), [1, 5, 3, 2]), tensor(wave(24), [3, 8, 1]), { kernelSize: [2, 2] }))
      .toThrow("localConv: 'kernel' [3,8,1] must be [8, 8, filters] for 'x' [1,5,3,2] (8 output positions, 8 features per patch)");
  });
});
