import { conv2dInfo, pool2dInfo, type ArithmeticOp, type CompareOp, type Conv2DInfo, type Pool2DInfo, type UnaryOp } from '@layerwise/api';
import type { KernelCase } from '../case.js';
import { f32, i32, kernelCase, mulberry32, randBool, randF32, type InputMaker } from '../build.js';
import { sizeOf } from '../../reference/tensor.js';
import { FUSED_ACTIVATIONS } from '../../ops.js';
import type { Primitive, PrimitiveAttrs } from '../../primitive.js';
import type { ToleranceName } from '../../tolerance.js';

// The Kernel contract's rule for NaN, +-Infinity, -0, float32's largest finite value and its
// subnormals (kernel.ts, NON-FINITE VALUES), one case family per primitive and fused kernel.

const NAN = NaN;
const INF = Infinity;
/** float32's largest finite value, 3.4028235e38. */
const MAX = 3.4028234663852886e38;
/** float32's smallest subnormal, 1.4e-45 (1e-45 rounds to it). */
const TINY = 1e-45;
/** A subnormal well above TINY. */
const SUB = 1e-40;

/**
 * Elements with the given share of NaN, +Infinity and -Infinity (seeded), the rest uniform in
 * [-1, 1): for kernels with windows or rows, so some hold one special value, some several, some none.
 */
const randSpecial = (shape: readonly number[], nan = 0.1, inf = 0.05, negInf = 0.05) => (seed: number) => {
  const next = mulberry32(seed);
  return f32(shape, Array.from({ length: sizeOf(shape) }, () => {
    const r = next();
    const v = next() * 2 - 1;
    return r < nan ? NAN : r < nan + inf ? INF : r < nan + inf + negInf ? -INF : v;
  }));
};

// ---- unary ----

/** 21 values (a vector loop plus a tail): every special value, and numbers around the edges of each op. */
const UNARY_VALUES = [NAN, INF, -INF, 0, -0, MAX, -MAX, TINY, -TINY, SUB, 1, -1, 0.5, -0.4, 2.5, -2.5, 88.7, 89, -104, 1e-30, NAN];

/** Per op, the tolerance of its finite cases. */
const UNARY_TOLERANCES: Record<Exclude<UnaryOp, 'logicalNot'>, ToleranceName> = {
  neg: 'exact', abs: 'exact', sign: 'exact', square: 'strict', relu: 'exact',
  exp: 'balanced', expm1: 'balanced', log: 'balanced', log1p: 'balanced', sqrt: 'strict', rsqrt: 'balanced',
  reciprocal: 'strict', tanh: 'balanced', sigmoid: 'balanced', softplus: 'balanced', erf: 'permissive',
  sin: 'permissive', cos: 'permissive', floor: 'exact', ceil: 'exact', round: 'exact',
};

/** sin and cos of 3e38 are argument-reduction noise in float32 (on GPUs): 3 replaces huge finite inputs there. */
const PERIODIC = new Set<UnaryOp>(['sin', 'cos']);

/**
 * Ops whose zero results must keep the sign IEEE gives them, and inputs that make such zeros.
 * The exact ones are compared exactly; tanh, sin, expm1, log1p and erf (f(-0) = -0) at their
 * own tolerance, their zeros by sign.
 */
const SIGNED_ZERO_OPS: readonly UnaryOp[] = ['neg', 'abs', 'square', 'sqrt', 'floor', 'ceil', 'round', 'tanh', 'sin', 'expm1', 'log1p', 'erf'];
const SIGNED_ZERO_VALUES = [-0, 0, -0.4, -0.5, 0.4, -1e-30, 1e-30, -TINY];

function unaryCases(): KernelCase[] {
  const cases: KernelCase[] = [];
  for (const [op, tolerance] of Object.entries(UNARY_TOLERANCES) as [Exclude<UnaryOp, 'logicalNot'>, ToleranceName][]) {
    const values = PERIODIC.has(op) ? UNARY_VALUES.map((v) => (Math.abs(v) > 100 && Number.isFinite(v) ? 3 : v)) : UNARY_VALUES;
    cases.push(kernelCase(`unary/${op}/non-finite`, 'unary', { op }, [f32([3, 7], values)], tolerance));
    cases.push(kernelCase(`unary/${op}/non-finite-scalar-nan`, 'unary', { op }, [f32([], [NAN])], tolerance));
  }
  for (const op of SIGNED_ZERO_OPS) {
    const values = op === 'sqrt' ? SIGNED_ZERO_VALUES.map((v) => (v < 0 ? -0 : v)) : SIGNED_ZERO_VALUES;
    const tolerance = (UNARY_TOLERANCES as Partial<Record<UnaryOp, ToleranceName>>)[op] ?? 'exact';
    cases.push(kernelCase(`unary/${op}/signed-zero`, 'unary', { op }, [f32([8], values)], tolerance, { signedZeros: true }));
  }
  // NaNs among negative numbers, so a vector of four mixes lanes that become 0 with lanes that stay NaN.
  cases.push(kernelCase('unary/relu/nan-among-negatives', 'unary', { op: 'relu' }, [f32([9], [-1, NAN, -2, -3, NAN, -INF, -0, 5, NAN])], 'exact'));
  return cases;
}

// ---- binary ----

/** Pairs (a[i], b[i]) covering NaN on either side, Inf - Inf, 0 * Inf, overflow, subnormals and signed zeros. */
const BINARY_A = [NAN, 1, NAN, INF, INF, -INF, INF, 0, MAX, -MAX, 1, -1, 0, -0, TINY, 2, NAN, -INF, 3, SUB, -2];
const BINARY_B = [1, NAN, NAN, INF, -INF, -INF, 0, INF, MAX, MAX, 0, 0, 0, -1, TINY, -INF, INF, 2, -0, 0.5, INF];

const ARITHMETIC: Record<ArithmeticOp, ToleranceName> = {
  add: 'strict', sub: 'strict', mul: 'strict', div: 'strict', pow: 'permissive', maximum: 'exact', minimum: 'exact',
  floorDiv: 'exact', mod: 'strict',
};
const COMPARE_OPS: readonly CompareOp[] = ['equal', 'notEqual', 'less', 'lessEqual', 'greater', 'greaterEqual'];

/** C's pow on its special cases, JavaScript's Math.pow differing on the first five. */
const POW_SPECIAL: [number, number][] = [
  [NAN, 0], [NAN, -0], [1, NAN], [1, INF], [-1, INF], [-1, -INF], [1, -INF],
  [0, -1], [-0, -1], [-0, 3], [-0, 2], [0, -INF], [0.5, INF], [2, INF], [2, -INF], [-INF, 3], [-INF, -3], [-INF, 2],
  [INF, -1], [-8, 1 / 3], [-2, 0.5], [NAN, 1], [-0, -2], [-0.5, -INF],
];

function binaryCases(): KernelCase[] {
  const cases: KernelCase[] = [];
  const a = () => f32([3, 7], BINARY_A);
  const b = () => f32([3, 7], BINARY_B);
  for (const [op, tolerance] of Object.entries(ARITHMETIC) as [ArithmeticOp, ToleranceName][]) {
    cases.push(kernelCase(`binary/${op}/non-finite`, 'binary', { op }, [a(), b()], tolerance));
    // A broadcast operand (a bias-like row; the general strided path of most backends).
    cases.push(kernelCase(`binary/${op}/non-finite-broadcast-row`, 'binary', { op },
      [f32([3, 7], BINARY_A), f32([7], [NAN, 0, INF, -INF, -0, MAX, 1])], tolerance));
  }
  for (const op of ['maximum', 'minimum'] as const) {
    // A NaN operand on either side of a one-element operand (the scalar paths).
    cases.push(kernelCase(`binary/${op}/non-finite-vs-scalar-nan`, 'binary', { op }, [a(), f32([], [NAN])], 'exact'));
    cases.push(kernelCase(`binary/${op}/non-finite-scalar-lhs`, 'binary', { op }, [f32([], [0]), a()], 'exact'));
    cases.push(kernelCase(`binary/${op}/non-finite-vs-size1-rank2`, 'binary', { op }, [a(), f32([1, 1], [-1])], 'exact'));
  }
  cases.push(kernelCase('binary/pow/c-special-cases', 'binary', { op: 'pow' },
    [f32([POW_SPECIAL.length], POW_SPECIAL.map((p) => p[0])), f32([POW_SPECIAL.length], POW_SPECIAL.map((p) => p[1]))],
    'strict', { signedZeros: true }));
  cases.push(kernelCase('binary/mul/signed-zero', 'binary', { op: 'mul' },
    [f32([6], [0, -0, -1, 5, -TINY, -0]), f32([6], [-1, 3, 0, -0, 0.5, -0])], 'exact', { signedZeros: true }));
  cases.push(kernelCase('binary/div/signed-zero-and-infinities', 'binary', { op: 'div' },
    [f32([8], [1, -1, 1, -0, 0, 1, -3, -1]), f32([8], [-0, -0, -INF, 5, -5, INF, INF, SUB])], 'exact', { signedZeros: true }));
  cases.push(kernelCase('binary/add/signed-zero', 'binary', { op: 'add' },
    [f32([4], [-0, -0, 0, -1]), f32([4], [-0, 0, -0, 1])], 'exact', { signedZeros: true }));
  for (const op of COMPARE_OPS) {
    cases.push(kernelCase(`binary/${op}/non-finite`, 'binary', { op }, [a(), b()], 'exact'));
    cases.push(kernelCase(`binary/${op}/non-finite-vs-scalar-nan`, 'binary', { op }, [a(), f32([], [NAN])], 'exact'));
    cases.push(kernelCase(`binary/${op}/non-finite-vs-scalar-negative-zero`, 'binary', { op }, [a(), f32([], [-0])], 'exact'));
    cases.push(kernelCase(`binary/${op}/non-finite-scalar-lhs`, 'binary', { op }, [f32([], [INF]), a()], 'exact'));
    cases.push(kernelCase(`binary/${op}/non-finite-broadcast`, 'binary', { op }, [f32([3, 1], [NAN, -0, INF]), f32([1, 4], [NAN, 0, INF, -INF])], 'exact'));
  }
  return cases;
}

// ---- select, cast ----

const COPIED = [NAN, -0, INF, -INF, MAX, TINY, -SUB, 0, NAN, -0, 1, -1];

function selectAndCastCases(): KernelCase[] {
  return [
    kernelCase('select/non-finite', 'select', {}, [randBool([3, 4]), f32([3, 4], COPIED), f32([3, 4], [...COPIED].reverse())], 'exact', { signedZeros: true }),
    kernelCase('select/non-finite-scalar-branches', 'select', {}, [randBool([2, 7]), f32([], [NAN]), f32([], [-0])], 'exact', { signedZeros: true }),
    kernelCase('select/non-finite-full-cond-scalar-else', 'select', {}, [randBool([2, 7]), randSpecial([2, 7], 0.3, 0.2, 0.2), f32([], [0])], 'exact'),
    kernelCase('select/non-finite-broadcast', 'select', {}, [randBool([3, 1]), f32([1, 4], [NAN, -0, INF, 1]), f32([3, 4], COPIED)], 'exact', { signedZeros: true }),
    // NaN -> 0, saturation at both ends (2^31 itself is out of range), truncation inside.
    kernelCase('cast/float32-to-int32/non-finite-saturates', 'cast', { dtype: 'int32' },
      [f32([18], [NAN, INF, -INF, -0, 3e9, -3e9, 2147483520, -2147483648, 2147483648, -2147483904, TINY, -TINY, MAX, -MAX, 1.5, -1.5, 1e10, NAN])], 'exact'),
    kernelCase('cast/float32-to-int32/non-finite-scalar-nan', 'cast', { dtype: 'int32' }, [f32([], [NAN])], 'exact'),
    kernelCase('cast/float32-to-bool/non-finite', 'cast', { dtype: 'bool' }, [f32([9], [NAN, INF, -INF, -0, 0, TINY, -SUB, MAX, NAN])], 'exact'),
    kernelCase('cast/float32-to-float32/non-finite', 'cast', { dtype: 'float32' }, [f32([12], COPIED)], 'exact', { signedZeros: true }),
  ];
}

// ---- reductions ----

/** Rows: NaN first, NaN last, NaN inside, Inf with -Inf, all -Inf, overflow, signed zeros, finite. */
const ROWS = [
  [NAN, 1, 2, 3, 4], [1, 2, 3, 4, NAN], [1, -5, NAN, 3, 4], [INF, 1, -INF, 2, 3],
  [-INF, -INF, -INF, -INF, -INF], [INF, 1, 2, 3, MAX], [MAX, MAX, 1, 0, -1], [-0, -0, -0, -0, -0],
  [1, 2, -3, 4, 0.5], [INF, INF, 7, -2, 0],
];

function reduceCases(): KernelCase[] {
  const cases: KernelCase[] = [];
  const rows = f32([10, 5], ROWS.flat());
  for (const op of ['sum', 'max', 'min'] as const) {
    const tol = op === 'sum' ? 'balanced' : 'exact';
    cases.push(kernelCase(`reduce/${op}/non-finite-last-axis`, 'reduce', { op, axes: [1] }, [rows], tol));
    cases.push(kernelCase(`reduce/${op}/non-finite-first-axis`, 'reduce', { op, axes: [0] }, [f32([5, 10], transpose(ROWS))], tol));
    cases.push(kernelCase(`reduce/${op}/non-finite-all-axes`, 'reduce', { op, axes: [0, 1] }, [f32([2, 3], [1, NAN, 3, -INF, 5, 6])], tol));
    cases.push(kernelCase(`reduce/${op}/non-finite-leading-axes`, 'reduce', { op, axes: [0, 1] }, [randSpecial([3, 5, 7], 0.04, 0.03, 0.03)], tol));
    cases.push(kernelCase(`reduce/${op}/non-finite-rank4-scattered`, 'reduce', { op, axes: [1, 3] }, [randSpecial([2, 3, 2, 4], 0.05, 0.05, 0.05)], tol));
    cases.push(kernelCase(`reduce/${op}/non-finite-middle-axis`, 'reduce', { op, axes: [1] }, [randSpecial([2, 6, 5], 0.05, 0.05, 0.05)], tol));
    // Long rows, where backends switch to tree or vectorised reductions.
    cases.push(kernelCase(`reduce/${op}/non-finite-long-rows`, 'reduce', { op, axes: [1] },
      [f32([4, 300], Array.from({ length: 1200 }, (_, i) => (i === 157 ? NAN : i === 300 + 299 ? INF : i === 600 ? -INF : i === 900 + 3 ? NAN : ((i * 37) % 101) / 50 - 1)))], tol));
  }
  return cases;
}

function transpose(rows: readonly (readonly number[])[]): number[] {
  const out: number[] = [];
  for (let j = 0; j < rows[0].length; j++) for (const row of rows) out.push(row[j]);
  return out;
}

/** Rows where a NaN must win (first NaN), infinities tie, or -0 meets +0. */
const ARG_ROWS = [
  [1, NAN, 2, 5], [NAN, NAN, 3, 0], [1, 2, 9, NAN], [-INF, -INF, -INF, -INF], [INF, 1, INF, -INF], [-0, 0, -1, 1], [3, 2, NAN, 8],
];

function argReduceCases(): KernelCase[] {
  const cases: KernelCase[] = [];
  for (const op of ['argMax', 'argMin'] as const) {
    cases.push(kernelCase(`argReduce/${op}/non-finite-last-axis`, 'argReduce', { op, axis: 1 }, [f32([7, 4], ARG_ROWS.flat())], 'exact'));
    cases.push(kernelCase(`argReduce/${op}/non-finite-first-axis`, 'argReduce', { op, axis: 0 }, [f32([4, 7], transpose(ARG_ROWS))], 'exact'));
    cases.push(kernelCase(`argReduce/${op}/non-finite-random`, 'argReduce', { op, axis: 1 }, [randSpecial([6, 9], 0.1, 0.1, 0.1)], 'exact'));
    cases.push(kernelCase(`argReduce/${op}/non-finite-rank1-nan-last`, 'argReduce', { op, axis: 0 }, [f32([9], [5, -5, 9, -9, 0, 7, 1, 2, NAN])], 'exact'));
  }
  return cases;
}

// ---- matmul, convolution ----

/** Finite values with exact zeros among them, so an Infinity meets a 0 somewhere. */
const withZeros = (shape: readonly number[]) => (seed: number) => {
  const next = mulberry32(seed);
  return f32(shape, Array.from({ length: sizeOf(shape) }, () => (next() < 0.25 ? 0 : next() * 2 - 1)));
};

function matmulCases(): KernelCase[] {
  const mm = (name: string, a: readonly number[], b: readonly number[], transposeA = false, transposeB = false,
    aMaker: InputMaker = randSpecial(a), bMaker: InputMaker = withZeros(b)) =>
    kernelCase(`matmul/non-finite/${name}`, 'matmul', { transposeA, transposeB }, [aMaker, bMaker], 'balanced');
  return [
    // NaN in row 0 of a, Infinity at a[1][2] meeting a 0 in b's row 2 column 1, -Infinity elsewhere.
    kernelCase('matmul/non-finite/hand', 'matmul', { transposeA: false, transposeB: false },
      [f32([1, 3, 4], [1, NAN, 2, 3, 1, 2, INF, 1, 1, 2, 3, -INF]), f32([1, 4, 3], [1, 2, 3, 4, 5, 6, 7, 0, 9, 1, 1, 1])], 'balanced'),
    mm('one-row', [1, 1, 12], [1, 12, 9]),
    mm('two-rows-transposeB', [1, 2, 12], [1, 9, 12], false, true, randSpecial([1, 2, 12]), withZeros([1, 9, 12])),
    mm('few-rows-transposeA', [1, 12, 3], [1, 12, 9], true, false),
    mm('larger', [1, 33, 20], [1, 20, 17], false, false, randSpecial([1, 33, 20], 0.005, 0.005, 0.005)),
    mm('nan-in-b', [2, 5, 6], [2, 6, 4], false, false, withZeros([2, 5, 6]), randSpecial([2, 6, 4])),
    mm('batch-broadcast', [1, 4, 6], [3, 6, 5], false, false, randSpecial([1, 4, 6], 0.04, 0.04, 0.04), withZeros([3, 6, 5])),
  ];
}

/** NaN and infinities in x only, so each output is NaN exactly where its window meets one. */
function convCases(): KernelCase[] {
  const geometries: [string, Conv2DInfo][] = [
    ['same-3x3', conv2dInfo([1, 5, 5, 2], [3, 3, 2, 3], [1, 1], 'same', [1, 1])],
    ['valid-3x3-32-out', conv2dInfo([2, 6, 6, 1], [3, 3, 1, 32], [1, 1], 'valid', [1, 1])],
    ['same-stride2-dilation', conv2dInfo([1, 7, 7, 2], [2, 2, 2, 4], [2, 2], 'same', [1, 1])],
    ['pointwise', conv2dInfo([1, 4, 4, 3], [1, 1, 3, 8], [1, 1], 'valid', [1, 1])],
  ];
  const cases: KernelCase[] = [];
  for (const [name, info] of geometries) {
    const x = [info.batch, info.inH, info.inW, info.inC];
    const f = [info.filterH, info.filterW, info.inC, info.outC];
    const y = [info.batch, info.outH, info.outW, info.outC];
    cases.push(kernelCase(`conv2d/non-finite/${name}`, 'conv2d', { info }, [randSpecial(x, 0.03, 0.02, 0.02), withZeros(f)], 'balanced'));
    cases.push(kernelCase(`conv2dBackpropInput/non-finite/${name}`, 'conv2dBackpropInput', { info }, [randSpecial(y, 0.03, 0.02, 0.02), withZeros(f)], 'balanced'));
    cases.push(kernelCase(`conv2dBackpropFilter/non-finite/${name}`, 'conv2dBackpropFilter', { info }, [randSpecial(x, 0.02, 0.01, 0.01), withZeros(y)], 'balanced'));
  }
  return cases;
}

// ---- pooling ----

function poolCases(): KernelCase[] {
  const geometries: [string, Pool2DInfo][] = [
    ['valid-2x2-stride2', pool2dInfo([1, 6, 6, 2], [2, 2], [2, 2], 'valid')],
    ['same-3x3-stride1', pool2dInfo([2, 5, 5, 3], [3, 3], [1, 1], 'same')],
    ['valid-2x2-stride2-6ch', pool2dInfo([2, 6, 6, 6], [2, 2], [2, 2], 'valid')],
    ['same-3x3-stride2-9ch', pool2dInfo([1, 5, 5, 9], [3, 3], [2, 2], 'same')],
    // Blocks of sixteen and of four channels and a remainder, where kernels vectorise wider.
    ['valid-2x2-stride2-21ch', pool2dInfo([2, 4, 4, 21], [2, 2], [2, 2], 'valid')],
    ['same-3x3-stride1-37ch', pool2dInfo([1, 3, 4, 37], [3, 3], [1, 1], 'same')],
  ];
  const cases: KernelCase[] = [];
  for (const [name, info] of geometries) {
    const x = [info.batch, info.inH, info.inW, info.channels];
    const y = [info.batch, info.outH, info.outW, info.channels];
    const special = randSpecial(x, 0.08, 0.05, 0.1);
    cases.push(kernelCase(`maxPool/non-finite/${name}`, 'maxPool', { info }, [special], 'exact'));
    cases.push(kernelCase(`maxPoolBackprop/non-finite/${name}`, 'maxPoolBackprop', { info }, [randF32(y), special], 'strict'));
    cases.push(kernelCase(`maxPoolBackprop/non-finite-dy/${name}`, 'maxPoolBackprop', { info }, [randSpecial(y, 0.1, 0.05, 0.05), randF32(x)], 'strict'));
    cases.push(kernelCase(`avgPool/non-finite/${name}`, 'avgPool', { info }, [special], 'balanced'));
    cases.push(kernelCase(`avgPoolBackprop/non-finite/${name}`, 'avgPoolBackprop', { info }, [randSpecial(y, 0.1, 0.05, 0.05)], 'balanced'));
  }
  // By hand: a NaN after the maximum, a NaN first, two NaNs (the first wins), all -Infinity.
  const hand = pool2dInfo([1, 4, 4, 1], [2, 2], [2, 2], 'valid');
  const x = f32([1, 4, 4, 1], [5, 1, NAN, 2, 3, NAN, NAN, 9, -INF, -INF, 1, INF, -INF, -INF, 2, NAN]);
  cases.push(kernelCase('maxPool/non-finite/hand', 'maxPool', { info: hand }, [x], 'exact'));
  cases.push(kernelCase('maxPoolBackprop/non-finite/hand', 'maxPoolBackprop', { info: hand }, [f32([1, 2, 2, 1], [1, 10, 100, 1000]), x], 'exact'));
  return cases;
}

// ---- gather, layout ----

function gatherAndLayoutCases(): KernelCase[] {
  const x = () => f32([4, 3], COPIED);
  const o = { signedZeros: true };
  return [
    kernelCase('gather/non-finite', 'gather', { axis: 0 }, [x(), i32([5], [3, 0, 1, 1, 2])], 'exact', o),
    kernelCase('gather/non-finite-axis1', 'gather', { axis: 1 }, [x(), i32([4], [2, 0, 1, 0])], 'exact', o),
    kernelCase('unsortedSegmentSum/non-finite', 'unsortedSegmentSum', { numSegments: 4 },
      [f32([6, 2], [NAN, 1, INF, 2, -INF, INF, 1, 2, -0, -0, MAX, MAX]), i32([6], [0, 1, 1, 2, 3, 2])], 'strict'),
    kernelCase('transpose/non-finite', 'transpose', { perm: [1, 0] }, [x()], 'exact', o),
    kernelCase('transpose/non-finite-rank3', 'transpose', { perm: [2, 0, 1] }, [f32([2, 2, 3], COPIED)], 'exact', o),
    kernelCase('slice/non-finite', 'slice', { begin: [1, 0], size: [3, 2] }, [x()], 'exact', o),
    kernelCase('concat/non-finite', 'concat', { axis: 1 }, [x(), f32([4, 1], [NAN, -0, INF, -INF])], 'exact', o),
    kernelCase('pad/non-finite', 'pad', { paddings: [[1, 0], [0, 2]], value: 0 }, [x()], 'exact', o),
    kernelCase('pad/nan-value', 'pad', { paddings: [[1, 1], [2, 0]], value: NAN }, [x()], 'exact', o),
    kernelCase('pad/negative-zero-value', 'pad', { paddings: [[0, 1], [1, 1]], value: -0 }, [x()], 'exact', o),
    kernelCase('pad/infinity-value', 'pad', { paddings: [[2, 0]], value: INF }, [f32([3], [NAN, -0, 1])], 'exact', o),
  ];
}

// ---- fused kernels ----

/** A fused kernel's case and its '/composed' twin (the api's composition from primitives). */
function withComposed<P extends Primitive>(name: string, primitive: P, attrs: PrimitiveAttrs[P], inputs: readonly InputMaker[],
  tolerance: ToleranceName): KernelCase[] {
  return [kernelCase(name, primitive, attrs, inputs, tolerance), kernelCase(`${name}/composed`, primitive, attrs, inputs, tolerance, { composed: true })];
}

function fusedCases(): KernelCase[] {
  const cases: KernelCase[] = [];
  const both = <P extends Primitive>(...args: Parameters<typeof withComposed<P>>) => cases.push(...withComposed(...args));
  for (const activation of FUSED_ACTIVATIONS) {
    const attrs = { activation, transposeA: false, transposeB: false };
    // One row (the few-rows path of some backends) and nine (a GEMM library's).
    both(`fusedMatMul/${activation}/non-finite-one-row`, 'fusedMatMul', attrs,
      [randSpecial([1, 1, 8]), withZeros([1, 8, 6]), f32([6], [0.5, NAN, INF, -INF, 0, -1])], 'balanced');
    both(`fusedMatMul/${activation}/non-finite-nine-rows`, 'fusedMatMul', attrs,
      [randSpecial([1, 9, 8], 0.04, 0.03, 0.03), withZeros([1, 8, 6]), f32([6], [0.5, NAN, INF, -INF, 0, -1])], 'balanced');
    both(`fusedMatMul/${activation}/non-finite-no-bias-transposeB`, 'fusedMatMul', { activation, transposeA: false, transposeB: true },
      [randSpecial([1, 4, 5], 0.1, 0.05, 0.05), withZeros([1, 3, 5])], 'balanced');
    both(`fusedMatMul/${activation}/non-finite-batched`, 'fusedMatMul', attrs,
      [randSpecial([2, 3, 4], 0.05, 0.05, 0.05), withZeros([2, 4, 5]), f32([5], [NAN, 0, 1, -INF, 2])], 'balanced');
    // NaNs made inside the product (Infinity - Infinity): on x86 these have the sign bit set,
    // which integer-max relus (XNNPACK's) turn into 0.
    both(`fusedMatMul/${activation}/non-finite-computed-nan`, 'fusedMatMul', attrs,
      [f32([1, 40, 2], Array.from({ length: 80 }, (_, i) => [INF, -INF, 1, 2, -INF, INF, -1, 0.5][i % 8])), f32([1, 2, 3], [1, 1, 2, 1, 1, 2]),
        f32([3], [0, -1, 1])], 'balanced');
    const info = conv2dInfo([1, 5, 5, 2], [3, 3, 2, 8], [1, 1], 'same', [1, 1]);
    both(`fusedConv2d/${activation}/non-finite`, 'fusedConv2d', { activation, info },
      [randSpecial([1, 5, 5, 2], 0.03, 0.02, 0.02), withZeros([3, 3, 2, 8]), f32([8], [0, NAN, INF, -INF, 1, -1, 0.5, -0.5])], 'balanced');
  }
  // Rows: a NaN, +Infinity, only -Infinity, one -Infinity, the float32 extremes, finite.
  const rows = f32([6, 4], [1, NAN, 2, 3, 1, INF, 2, 3, -INF, -INF, -INF, -INF, -INF, 1, 2, 3, MAX, 0, -MAX, MAX, 1, 2, 3, 4]);
  for (const primitive of ['softmax', 'logSoftmax'] as const) {
    both(`${primitive}/non-finite`, primitive, {}, [rows], 'balanced');
    both(`${primitive}/non-finite-wide-rows`, primitive, {}, [randSpecial([3, 37], 0.01, 0.01, 0.1)], 'balanced');
  }
  const hyper = { lrT: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 };
  both('adamStep/non-finite', 'adamStep', { hyper },
    [f32([2, 5], [1, 2, NAN, 4, 5, 6, INF, 8, 9, 10]), f32([2, 5], [NAN, INF, 0.1, -INF, 0.2, 0.3, 0.1, MAX, -0.5, 0]),
      f32([2, 5], [0, 0, 0, 0, NAN, 0, 0, 0, 0, 0]), f32([2, 5], [0, 0, 0, 0, 0, INF, 0, 0, 0, 0])], 'strict');
  return cases;
}

/** Non-finite inputs (NaN, +-Infinity, -0, float32's extremes and subnormals) for every primitive and fused kernel. */
export const NON_FINITE_CASES: readonly KernelCase[] = [
  ...unaryCases(), ...binaryCases(), ...selectAndCastCases(), ...reduceCases(), ...argReduceCases(),
  ...matmulCases(), ...convCases(), ...poolCases(), ...gatherAndLayoutCases(), ...fusedCases(),
];
