import { pool2dInfo } from '@layerwise/api';
import type { GradientCase } from '../case.js';
import { bool, f32 } from '../build.js';
import { gradientCase } from './build.js';

// Gradients at NaN, +-Infinity and 0, where central differences are undefined: each case
// gives its cotangent and the gradients by hand (the rule: kernel.ts NON-FINITE VALUES, and
// the api's gradient rules: derivatives multiply, so a NaN cotangent or a NaN input passes
// through; routing rules send dy to where the forward value, NaN included, came from).

const NAN = NaN;
const INF = Infinity;

const ones = (n: number): number[] => new Array<number>(n).fill(1);

/** softmax of one row in float64. */
function softmaxRow(x: readonly number[]): number[] {
  const m = Math.max(...x);
  const e = x.map((v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

/** d softmax(x) . dy / dx = y * (dy - sum(dy * y)) for one row. */
function softmaxRowGrad(x: readonly number[], dy: readonly number[]): number[] {
  const y = softmaxRow(x);
  const s = y.reduce((acc, v, i) => acc + v * dy[i], 0);
  return y.map((v, i) => v * (dy[i] - s));
}

const SOFTMAX_ROW = [0, 1, 2];
const LOG_SOFTMAX_ROW = [-INF, 0, 1];

export const NON_FINITE_GRADIENT_CASES: readonly GradientCase[] = [
  // relu: dy * sign(relu(x)): NaN at a NaN input, 0 at -0 and -Infinity, dy at +Infinity.
  gradientCase('unary/relu/non-finite', 'unary', { op: 'relu' }, [f32([7], [NAN, -1, 2, -0, INF, -INF, 0.5])], [0], 'strict',
    { cotangent: [1, 1, 1, 1, 1, 1, 2], expected: [[NAN, 0, 1, 0, 1, 0, 2]] }),
  // A NaN (or infinite) cotangent is not dropped where x <= 0: NaN * 0 and Infinity * 0 are NaN.
  gradientCase('unary/relu/nan-cotangent', 'unary', { op: 'relu' }, [f32([4], [-1, 2, -3, 0])], [0], 'strict',
    { cotangent: [NAN, NAN, 1, INF], expected: [[NAN, NAN, 0, NAN]] }),
  gradientCase('unary/abs/non-finite', 'unary', { op: 'abs' }, [f32([4], [NAN, -0, -2, INF])], [0], 'strict',
    { cotangent: ones(4), expected: [[NAN, 0, -1, 1]] }),
  // d log(x) = dy / x: +-Infinity at +-0, 0 at Infinity, NaN at NaN.
  gradientCase('unary/log/non-finite', 'unary', { op: 'log' }, [f32([5], [0, -0, NAN, INF, -1])], [0], 'strict',
    { cotangent: ones(5), expected: [[INF, -INF, NAN, 0, -1]] }),
  gradientCase('unary/sqrt/zero-and-infinity', 'unary', { op: 'sqrt' }, [f32([3], [0, 4, INF])], [0], 'strict',
    { cotangent: ones(3), expected: [[INF, 0.25, 0]] }),
  // Infinity * 0 is NaN, but each operand's gradient is the other operand times dy.
  gradientCase('binary/mul/infinity-times-zero', 'binary', { op: 'mul' }, [f32([3], [INF, 0, NAN]), f32([3], [0, 2, 1])], [0, 1], 'strict',
    { cotangent: ones(3), expected: [[0, 2, 1], [INF, 0, NAN]] }),
  // maximum / minimum: dy goes to a unless b wins strictly, so ties and NaNs go to a.
  gradientCase('binary/maximum/non-finite', 'binary', { op: 'maximum' }, [f32([5], [NAN, 1, 2, NAN, 3]), f32([5], [0, NAN, 5, NAN, 3])], [0, 1], 'strict',
    { cotangent: ones(5), expected: [[1, 1, 0, 1, 1], [0, 0, 1, 0, 0]] }),
  gradientCase('binary/minimum/non-finite', 'binary', { op: 'minimum' }, [f32([5], [NAN, 1, 2, NAN, 3]), f32([5], [0, NAN, -5, NAN, 3])], [0, 1], 'strict',
    { cotangent: ones(5), expected: [[1, 1, 0, 1, 1], [0, 0, 1, 0, 0]] }),
  // max/min reductions: every position equal to the result gets dy; a NaN result, every NaN.
  gradientCase('reduce/max/non-finite', 'reduce', { op: 'max', axes: [1] }, [f32([2, 4], [1, NAN, 3, NAN, 1, 5, 5, 2])], [0], 'strict',
    { cotangent: [1, 2], expected: [[0, 1, 0, 1, 0, 2, 2, 0]] }),
  gradientCase('reduce/min/non-finite', 'reduce', { op: 'min', axes: [0] }, [f32([2, 3], [NAN, -INF, 4, 2, -INF, NAN])], [0], 'strict',
    { cotangent: [1, 2, 3], expected: [[1, 2, 0, 0, 2, 3]] }),
  // maxPool routes each window's dy to its first NaN.
  gradientCase('maxPool/non-finite', 'maxPool', { info: pool2dInfo([1, 2, 4, 1], [2, 2], [2, 2], 'valid') },
    [f32([1, 2, 4, 1], [1, NAN, 3, 2, NAN, 0, 9, NAN])], [0], 'strict', { cotangent: [1, 2], expected: [[0, 1, 0, 0, 0, 0, 0, 2]] }),
  // A NaN in a reaches b's gradient through a^T dy, not a's own (dy b^T).
  gradientCase('matmul/non-finite', 'matmul', { transposeA: false, transposeB: false }, [f32([1, 2, 2], [NAN, 1, 2, 3]), f32([1, 2, 2], [1, 2, 3, 4])],
    [0, 1], 'strict', { cotangent: ones(4), expected: [[3, 7, 3, 7], [NAN, NAN, 4, 4]] }),
  // A Dense layer with relu fed a NaN row: every weight's gradient is NaN, the bias's too.
  // z = a b + bias = [[NaN, NaN], [3.5, -2.5]], y = relu(z), dz = dy * sign(y) = [[NaN, NaN], [1, 0]].
  gradientCase('fusedMatMul/relu/nan-row', 'fusedMatMul', { activation: 'relu', transposeA: false, transposeB: false },
    [f32([1, 2, 2], [NAN, 1, 1, 2]), f32([1, 2, 2], [1, -1, 1, -1]), f32([2], [0.5, 0.5])], [0, 1, 2], 'strict',
    { cotangent: ones(4), expected: [[NAN, NAN, 1, 1], [NAN, NAN, NAN, NAN], [NAN, NAN]] }),
  // A NaN cotangent at a unit relu switched off: z = [1, -3], dz = [1, NaN * 0].
  gradientCase('fusedMatMul/relu/nan-cotangent', 'fusedMatMul', { activation: 'relu', transposeA: false, transposeB: false },
    [f32([1, 1, 2], [1, -2]), f32([1, 2, 2], [1, 1, 1, 1]), f32([2], [2, -2])], [0, 1, 2], 'strict',
    { cotangent: [1, NAN], expected: [[NAN, NAN], [1, NAN, -2, NAN], [1, NAN]] }),
  // softmax: a row holding a NaN has a NaN gradient; the other rows are untouched.
  gradientCase('softmax/nan-row', 'softmax', {}, [f32([2, 3], [NAN, 1, 2, ...SOFTMAX_ROW])], [0], 'balanced',
    { cotangent: [1, 0, 0, 1, 0, 0], expected: [[NAN, NAN, NAN, ...softmaxRowGrad(SOFTMAX_ROW, [1, 0, 0])]] }),
  // logSoftmax with a -Infinity: d/dx = dy - softmax(x) sum(dy), finite (softmax is 0 there).
  gradientCase('logSoftmax/negative-infinity', 'logSoftmax', {}, [f32([1, 3], LOG_SOFTMAX_ROW)], [0], 'balanced',
    { cotangent: ones(3), expected: [softmaxRow(LOG_SOFTMAX_ROW).map((p) => 1 - 3 * p)] }),
  // select: a NaN in the branch not taken does not leak into either gradient.
  gradientCase('select/nan-in-branch-not-taken', 'select', {}, [bool([2], [1, 0]), f32([2], [1, NAN]), f32([2], [NAN, 2])], [1, 2], 'strict',
    { cotangent: ones(2), expected: [[1, 0], [0, 1]] }),
];
