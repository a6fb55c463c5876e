import { conv2dInfo, pool2dInfo, type Conv2DInfo, type UnaryOp } from '@layerwise/api';
import type { GradientCase } from '../case.js';
import { f32, i32, mulberry32, randBool, randF32, randF32NonZero, type InputMaker } from '../build.js';
import { sizeOf } from '../../reference/tensor.js';
import { gradientCase } from './build.js';
import { NON_FINITE_GRADIENT_CASES } from './non-finite.js';

/** Values in [lo, hi) kept at least `gap` away from every multiple of `step` and half-step (kinks of floor/round/mod). */
const awayFromSteps = (shape: number[], lo: number, hi: number, step = 0.5, gap = 0.1) => (seed: number) => {
  const next = mulberry32(seed);
  return f32(shape, Array.from({ length: sizeOf(shape) }, () => {
    for (;;) {
      const v = lo + (hi - lo) * next();
      const r = ((v % step) + step) % step;
      if (r > gap && r < step - gap) return v;
    }
  }));
};

/** Distinct values (a shuffled grid), so max/min/maxPool have no ties. */
const distinct = (shape: number[]) => (seed: number) => {
  const next = mulberry32(seed);
  const n = sizeOf(shape);
  const values = Array.from({ length: n }, (_, i) => (i - n / 2) * 0.37 + 0.05);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [values[i], values[j]] = [values[j], values[i]];
  }
  return f32(shape, values);
};

const UNARY_INPUTS: Record<Exclude<UnaryOp, 'logicalNot'>, InputMaker> = {
  neg: randF32([2, 3]), abs: randF32NonZero([2, 3], 0.1, 2), sign: randF32NonZero([2, 3], 0.1, 2),
  square: randF32([2, 3], -2, 2), relu: randF32NonZero([2, 3], 0.1, 2),
  exp: randF32([2, 3], -2, 2), expm1: randF32([2, 3], -2, 2), log: randF32([2, 3], 0.5, 3), log1p: randF32([2, 3], -0.5, 3),
  sqrt: randF32([2, 3], 0.5, 3), rsqrt: randF32([2, 3], 0.5, 3), reciprocal: randF32NonZero([2, 3], 0.5, 2),
  tanh: randF32([2, 3], -2, 2), sigmoid: randF32([2, 3], -3, 3), softplus: randF32([2, 3], -3, 3),
  erf: randF32([2, 3], -1.5, 1.5), sin: randF32([2, 3], -3, 3), cos: randF32([2, 3], -3, 3),
  floor: awayFromSteps([2, 3], -3, 3), ceil: awayFromSteps([2, 3], -3, 3), round: awayFromSteps([2, 3], -3, 3),
};

function unaryCases(): GradientCase[] {
  return (Object.keys(UNARY_INPUTS) as (keyof typeof UNARY_INPUTS)[]).map((op) =>
    gradientCase(`unary/${op}`, 'unary', { op }, [UNARY_INPUTS[op]], [0]));
}

function binaryCases(): GradientCase[] {
  return [
    gradientCase('binary/add/broadcast-row', 'binary', { op: 'add' }, [randF32([2, 3]), randF32([3])], [0, 1]),
    gradientCase('binary/sub/broadcast-outer', 'binary', { op: 'sub' }, [randF32([2, 1]), randF32([1, 3])], [0, 1]),
    gradientCase('binary/mul/broadcast-scalar', 'binary', { op: 'mul' }, [randF32([2, 3]), randF32([])], [0, 1]),
    gradientCase('binary/div/broadcast-row', 'binary', { op: 'div' }, [randF32([2, 3]), randF32NonZero([3], 0.5, 2)], [0, 1]),
    gradientCase('binary/pow/positive-base', 'binary', { op: 'pow' }, [randF32([2, 3], 0.5, 2), randF32([2, 3], -2, 2)], [0, 1]),
    gradientCase('binary/maximum/distinct', 'binary', { op: 'maximum' }, [distinct([2, 3]), randF32([2, 3], -0.01, 0.01)], [0, 1]),
    gradientCase('binary/minimum/distinct', 'binary', { op: 'minimum' }, [distinct([2, 3]), randF32([3], -0.01, 0.01)], [0, 1]),
    gradientCase('binary/floorDiv/away-from-steps', 'binary', { op: 'floorDiv' }, [awayFromSteps([2, 3], -3, 3, 1, 0.2), f32([1], [1])], [0, 1]),
    gradientCase('binary/mod/away-from-steps', 'binary', { op: 'mod' }, [awayFromSteps([2, 3], -3, 3, 1, 0.2), f32([1], [1])], [0, 1]),
    gradientCase('binary/less/piecewise-constant', 'binary', { op: 'less' }, [distinct([2, 3]), randF32([3], -0.01, 0.01)], [0, 1]),
  ];
}

function reduceCases(): GradientCase[] {
  return [
    gradientCase('reduce/sum/inner', 'reduce', { op: 'sum', axes: [1] }, [randF32([2, 3, 2])], [0]),
    gradientCase('reduce/sum/outer-two', 'reduce', { op: 'sum', axes: [0, 2] }, [randF32([2, 3, 2])], [0]),
    gradientCase('reduce/max/inner', 'reduce', { op: 'max', axes: [1] }, [distinct([2, 4])], [0]),
    gradientCase('reduce/min/outer', 'reduce', { op: 'min', axes: [0] }, [distinct([3, 2])], [0]),
    gradientCase('argReduce/argMax/piecewise-constant', 'argReduce', { op: 'argMax', axis: 1 }, [distinct([2, 4])], [0]),
    gradientCase('argReduce/argMin/piecewise-constant', 'argReduce', { op: 'argMin', axis: 0 }, [distinct([3, 2])], [0]),
  ];
}

function matmulCases(): GradientCase[] {
  return [
    gradientCase('matmul/plain', 'matmul', { transposeA: false, transposeB: false }, [randF32([1, 3, 4]), randF32([1, 4, 2])], [0, 1]),
    gradientCase('matmul/transposeA', 'matmul', { transposeA: true, transposeB: false }, [randF32([2, 4, 3]), randF32([2, 4, 2])], [0, 1]),
    gradientCase('matmul/transposeB', 'matmul', { transposeA: false, transposeB: true }, [randF32([2, 3, 4]), randF32([2, 2, 4])], [0, 1]),
    gradientCase('matmul/transposeBoth', 'matmul', { transposeA: true, transposeB: true }, [randF32([1, 4, 3]), randF32([1, 2, 4])], [0, 1]),
    gradientCase('matmul/broadcast-b-batch', 'matmul', { transposeA: false, transposeB: false }, [randF32([3, 2, 4]), randF32([1, 4, 2])], [0, 1]),
  ];
}

const convShapes = (info: Conv2DInfo) => ({
  x: [info.batch, info.inH, info.inW, info.inC],
  f: [info.filterH, info.filterW, info.inC, info.outC],
  y: [info.batch, info.outH, info.outW, info.outC],
});

function convCases(): GradientCase[] {
  const geometries: [string, Conv2DInfo][] = [
    ['same-3x3', conv2dInfo([1, 4, 4, 2], [3, 3, 2, 2], [1, 1], 'same')],
    ['valid-stride2', conv2dInfo([2, 5, 5, 1], [3, 3, 1, 2], [2, 2], 'valid')],
    ['same-dilation2', conv2dInfo([1, 5, 5, 1], [2, 2, 1, 2], [1, 1], 'same', [2, 2])],
    ['causal-conv1d', conv2dInfo([2, 1, 6, 2], [1, 3, 2, 2], [1, 1], 'causal')],
  ];
  const out: GradientCase[] = [];
  for (const [name, info] of geometries) {
    const s = convShapes(info);
    out.push(gradientCase(`conv2d/${name}`, 'conv2d', { info }, [randF32(s.x), randF32(s.f)], [0, 1]));
  }
  for (const [name, info] of geometries.slice(0, 2)) {
    const s = convShapes(info);
    out.push(gradientCase(`conv2dBackpropInput/${name}`, 'conv2dBackpropInput', { info }, [randF32(s.y), randF32(s.f)], [0, 1]));
    out.push(gradientCase(`conv2dBackpropFilter/${name}`, 'conv2dBackpropFilter', { info }, [randF32(s.x), randF32(s.y)], [0, 1]));
  }
  return out;
}

function poolCases(): GradientCase[] {
  const valid = pool2dInfo([1, 4, 4, 2], [2, 2], [2, 2], 'valid');
  const same = pool2dInfo([2, 5, 5, 1], [3, 3], [2, 2], 'same');
  const yShape = (i: typeof valid) => [i.batch, i.outH, i.outW, i.channels];
  return [
    gradientCase('maxPool/valid-2x2', 'maxPool', { info: valid }, [distinct([1, 4, 4, 2])], [0]),
    gradientCase('maxPool/same-3x3-stride2-overlapping', 'maxPool', { info: same }, [distinct([2, 5, 5, 1])], [0]),
    gradientCase('avgPool/valid-2x2', 'avgPool', { info: valid }, [randF32([1, 4, 4, 2])], [0]),
    gradientCase('avgPool/same-3x3-stride2-overlapping', 'avgPool', { info: same }, [randF32([2, 5, 5, 1])], [0]),
    gradientCase('avgPoolBackprop/same-3x3-stride2', 'avgPoolBackprop', { info: same }, [randF32(yShape(same))], [0]),
    // maxPoolBackprop is linear in dy with routing fixed by x; its x-gradient is zero away from
    // ties. Its dy-adjoint is not an api op (maxPool's own gradient case covers the routing).
    gradientCase('maxPoolBackprop/x-piecewise-constant', 'maxPoolBackprop', { info: same }, [randF32(yShape(same)), distinct([2, 5, 5, 1])], [1]),
  ];
}

function gatherAndLayoutCases(): GradientCase[] {
  return [
    gradientCase('gather/axis0-repeated', 'gather', { axis: 0 }, [randF32([4, 3]), i32([5], [3, 0, 3, 1, 3])], [0]),
    gradientCase('gather/axis1-2d-indices', 'gather', { axis: 1 }, [randF32([2, 4, 2]), i32([2, 2], [1, 1, 3, 0])], [0]),
    gradientCase('unsortedSegmentSum/repeated-ids', 'unsortedSegmentSum', { numSegments: 3 }, [randF32([5, 2]), i32([5], [2, 0, 2, 1, 2])], [0]),
    gradientCase('transpose/rank3', 'transpose', { perm: [2, 0, 1] }, [randF32([2, 3, 4])], [0]),
    gradientCase('slice/inner-block', 'slice', { begin: [1, 0, 1], size: [1, 2, 2] }, [randF32([2, 3, 4])], [0]),
    gradientCase('concat/three-axis1', 'concat', { axis: 1 }, [randF32([2, 1]), randF32([2, 3]), randF32([2, 2])], [0, 1, 2]),
    gradientCase('pad/asymmetric', 'pad', { paddings: [[1, 0], [0, 2]], value: 0.5 }, [randF32([2, 3])], [0]),
    gradientCase('select/broadcast', 'select', {}, [randBool([2, 3]), randF32([2, 3]), randF32([3])], [1, 2]),
    gradientCase('cast/float32-to-int32', 'cast', { dtype: 'int32' }, [awayFromSteps([2, 3], -3, 3, 1, 0.2)], [0]),
  ];
}

function fusedCases(): GradientCase[] {
  return [
    ...(['linear', 'relu', 'sigmoid', 'tanh'] as const).map((activation) =>
      gradientCase(`fusedMatMul/bias-${activation}`, 'fusedMatMul', { activation, transposeA: false, transposeB: false },
        [randF32([1, 3, 4]), randF32([1, 4, 3]), randF32([3], 0.2, 0.5)], [0, 1, 2])),
    gradientCase('fusedMatMul/transposeB-no-bias', 'fusedMatMul', { activation: 'tanh', transposeA: false, transposeB: true },
      [randF32([2, 3, 4]), randF32([2, 2, 4])], [0, 1]),
    ...(['linear', 'relu', 'sigmoid', 'tanh'] as const).map((activation) =>
      gradientCase(`fusedConv2d/bias-${activation}`, 'fusedConv2d', { activation, info: conv2dInfo([1, 4, 4, 2], [2, 2, 2, 3], [1, 1], 'same', [1, 1]) },
        [randF32([1, 4, 4, 2]), randF32([2, 2, 2, 3]), randF32([3], 0.2, 0.5)], [0, 1, 2])),
    gradientCase('softmax/rank2', 'softmax', {}, [randF32([2, 4], -2, 2)], [0]),
    gradientCase('logSoftmax/rank3', 'logSoftmax', {}, [randF32([2, 2, 3], -2, 2)], [0]),
  ];
}


/**
 * Every gradient case: each differentiable primitive, plus piecewise-constant ones (gradient
 * zero), plus hand-computed gradients at non-finite points.
 */
export const GRADIENT_CASES: readonly GradientCase[] = [
  ...unaryCases(), ...binaryCases(), ...reduceCases(), ...matmulCases(), ...convCases(), ...poolCases(),
  ...gatherAndLayoutCases(), ...fusedCases(), ...NON_FINITE_GRADIENT_CASES,
];
