import type { ArithmeticOp, CompareOp, LogicalOp } from '@layerwise/api';
import type { ToleranceName } from '../../tolerance.js';
import type { KernelCase } from '../case.js';
import { bool, f32, i32, kernelCase, randBool, randChoice, randF32, randF32NonZero, randInt, type InputMaker } from '../build.js';

const HALVES = [-6, -5.5, -4, -3.5, -3, -2, -1.5, -1, -0.5, 0, 0.5, 1, 2, 2.5, 3, 4.5, 6];
const DIVISORS = [-2.5, -2, -1.5, -1, -0.5, 0.5, 1, 1.5, 2, 2.5];

/** float32 arithmetic: in-domain inputs and tolerance per op. */
const FLOAT_ARITHMETIC: Record<ArithmeticOp, { a: (s: number[]) => InputMaker; b: (s: number[]) => InputMaker; tolerance: ToleranceName }> = {
  add: { a: (s) => randF32(s, -3, 3), b: (s) => randF32(s, -3, 3), tolerance: 'strict' },
  sub: { a: (s) => randF32(s, -3, 3), b: (s) => randF32(s, -3, 3), tolerance: 'strict' },
  mul: { a: (s) => randF32(s, -3, 3), b: (s) => randF32(s, -3, 3), tolerance: 'strict' },
  div: { a: (s) => randF32(s, -3, 3), b: (s) => randF32NonZero(s, 0.25, 3), tolerance: 'strict' },
  pow: { a: (s) => randF32(s, 0.1, 3), b: (s) => randF32(s, -2, 2), tolerance: 'permissive' },
  maximum: { a: (s) => randChoice(s, HALVES), b: (s) => randChoice(s, HALVES), tolerance: 'exact' },
  minimum: { a: (s) => randChoice(s, HALVES), b: (s) => randChoice(s, HALVES), tolerance: 'exact' },
  floorDiv: { a: (s) => randChoice(s, HALVES), b: (s) => randChoice(s, DIVISORS), tolerance: 'exact' },
  mod: { a: (s) => randChoice(s, HALVES), b: (s) => randChoice(s, DIVISORS), tolerance: 'strict' },
};

const ARITHMETIC_OPS = Object.keys(FLOAT_ARITHMETIC) as ArithmeticOp[];
const COMPARE_OPS: readonly CompareOp[] = ['equal', 'notEqual', 'less', 'lessEqual', 'greater', 'greaterEqual'];
const LOGICAL_OPS: readonly LogicalOp[] = ['logicalAnd', 'logicalOr'];

function arithmeticCases(): KernelCase[] {
  const cases: KernelCase[] = [];
  for (const op of ARITHMETIC_OPS) {
    const { a, b, tolerance } = FLOAT_ARITHMETIC[op];
    cases.push(kernelCase(`binary/${op}/float32`, 'binary', { op }, [a([3, 4]), b([3, 4])], tolerance));
    cases.push(kernelCase(`binary/${op}/float32-broadcast-3x1-1x4`, 'binary', { op }, [a([3, 1]), b([1, 4])], tolerance));
    cases.push(kernelCase(`binary/${op}/float32-scalar-rhs`, 'binary', { op }, [a([2, 3]), b([])], tolerance));
    // int32: divisors include zero (integer division by zero gives 0), exponents stay >= 0.
    const intB = op === 'pow' ? randInt([3, 4], 0, 3) : randInt([3, 4], -4, 4);
    cases.push(kernelCase(`binary/${op}/int32`, 'binary', { op }, [randInt([3, 4], -10, 10), intB], 'exact'));
    cases.push(kernelCase(`binary/${op}/int32-broadcast`, 'binary', { op },
      [randInt([2, 1, 3], -9, 9), op === 'pow' ? randInt([4, 1], 0, 3) : randInt([4, 1], -3, 3)], 'exact'));
  }
  return cases;
}

function compareCases(): KernelCase[] {
  const cases: KernelCase[] = [];
  for (const op of COMPARE_OPS) {
    // Small integers make ties (equal elements) common.
    cases.push(kernelCase(`binary/${op}/float32`, 'binary', { op }, [randInt([3, 4], -2, 2, 'float32'), randInt([3, 4], -2, 2, 'float32')], 'exact'));
    cases.push(kernelCase(`binary/${op}/float32-broadcast-3x1-1x4`, 'binary', { op },
      [f32([3, 1], [-1, 0, 1.5]), f32([1, 4], [-1, 0, 0.5, 1.5])], 'exact'));
    cases.push(kernelCase(`binary/${op}/int32`, 'binary', { op }, [randInt([3, 4], -2, 2), randInt([3, 4], -2, 2)], 'exact'));
    cases.push(kernelCase(`binary/${op}/bool`, 'binary', { op }, [bool([2, 2], [0, 0, 1, 1]), bool([2, 2], [0, 1, 0, 1])], 'exact'));
  }
  return cases;
}

/**
 * A tensor against a one-element operand on either side, 21 values (a backend's vector loop
 * plus a tail), with ties and infinities: comparisons, maximum and minimum.
 */
function againstScalarCases(): KernelCase[] {
  const values = [-Infinity, -3, -1.5, -1, -0.5, 0, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 4, 5, 6, Infinity, 0.5, -2, 0.5, 7];
  const x = () => f32([3, 7], values);
  const s = () => f32([], [0.5]);
  const cases: KernelCase[] = [];
  for (const op of [...COMPARE_OPS, 'maximum', 'minimum'] as const) {
    cases.push(kernelCase(`binary/${op}/float32-vs-scalar-rhs-21`, 'binary', { op }, [x(), s()], 'exact'));
    cases.push(kernelCase(`binary/${op}/float32-vs-scalar-lhs-21`, 'binary', { op }, [s(), x()], 'exact'));
    cases.push(kernelCase(`binary/${op}/float32-vs-size1-rank2`, 'binary', { op }, [x(), f32([1, 1], [-1])], 'exact'));
  }
  return cases;
}

function logicalCases(): KernelCase[] {
  const cases: KernelCase[] = [];
  for (const op of LOGICAL_OPS) {
    cases.push(kernelCase(`binary/${op}/bool`, 'binary', { op }, [bool([4], [0, 0, 1, 1]), bool([4], [0, 1, 0, 1])], 'exact'));
    cases.push(kernelCase(`binary/${op}/bool-broadcast-3x1-1x4`, 'binary', { op }, [randBool([3, 1]), randBool([1, 4])], 'exact'));
    cases.push(kernelCase(`binary/${op}/bool-scalar`, 'binary', { op }, [randBool([2, 3]), bool([], [1])], 'exact'));
  }
  return cases;
}

const edgeCases = (): KernelCase[] => [
  kernelCase('binary/add/scalar-scalar', 'binary', { op: 'add' }, [f32([], [1.5]), f32([], [-0.25])], 'strict'),
  kernelCase('binary/sub/scalar-lhs', 'binary', { op: 'sub' }, [f32([], [1]), randF32([2, 3])], 'strict'),
  kernelCase('binary/mul/rank4-broadcast', 'binary', { op: 'mul' }, [randF32([2, 1, 3, 1]), randF32([1, 4, 1, 5])], 'strict'),
  kernelCase('binary/add/rank4-vs-rank1', 'binary', { op: 'add' }, [randF32([2, 3, 2, 4]), randF32([4])], 'strict'),
  kernelCase('binary/add/empty', 'binary', { op: 'add' }, [f32([0, 3], []), randF32([1, 3])], 'exact'),
  kernelCase('binary/mul/empty-broadcast', 'binary', { op: 'mul' }, [f32([2, 0], []), f32([2, 1], [1, 2])], 'exact'),
  kernelCase('binary/add/size1-dims', 'binary', { op: 'add' }, [f32([1, 1], [2]), f32([1], [3])], 'exact'),
  kernelCase('binary/div/float32-by-zero', 'binary', { op: 'div' }, [f32([3], [1, -1, 0]), f32([3], [0, 0, 0])], 'exact'),
  kernelCase('binary/pow/negative-base-integer-exponent', 'binary', { op: 'pow' },
    [f32([5], [-2, -2, -3, -0.5, 2]), f32([5], [2, 3, 2, 3, 0])], 'balanced'),
  kernelCase('binary/pow/zero-exponent', 'binary', { op: 'pow' }, [f32([3], [0, 5, -5]), f32([3], [0, 0, 0])], 'exact'),
  kernelCase('binary/pow/int32-small', 'binary', { op: 'pow' }, [i32([6], [2, -2, 3, 0, 1, -1]), i32([6], [10, 3, 0, 0, 5, 7])], 'exact'),
  kernelCase('binary/div/int32-truncates', 'binary', { op: 'div' },
    [i32([6], [7, -7, 7, -7, 5, 0]), i32([6], [2, 2, -2, -2, 0, 3])], 'exact'),
  kernelCase('binary/floorDiv/int32-rounds-down', 'binary', { op: 'floorDiv' },
    [i32([6], [7, -7, 7, -7, 5, 0]), i32([6], [2, 2, -2, -2, 0, 3])], 'exact'),
  kernelCase('binary/mod/int32-sign-of-divisor', 'binary', { op: 'mod' },
    [i32([7], [7, -7, 7, -7, 5, 0, 6]), i32([7], [2, 2, -2, -2, 0, 3, 3])], 'exact'),
  kernelCase('binary/floorDiv/float32-rounds-down', 'binary', { op: 'floorDiv' },
    [f32([5], [7, -7, 7, -7, 4.5]), f32([5], [2, 2, -2, -2, 1.5])], 'exact'),
  kernelCase('binary/mod/float32-sign-of-divisor', 'binary', { op: 'mod' },
    [f32([6], [7, -7, 7, -7, 5.5, 6]), f32([6], [2, 2, -2, -2, 2, 3])], 'strict'),
  kernelCase('binary/mul/int32-large', 'binary', { op: 'mul' }, [i32([2], [46341, -30000]), i32([2], [46340, 70000])], 'exact'),
  kernelCase('binary/maximum/all-negative', 'binary', { op: 'maximum' }, [f32([3], [-1, -2, -3]), f32([3], [-4, -0.5, -3])], 'exact'),
];

/**
 * More axes than XNNPACK's n-d operators take (6): broadcasts that merge into fewer axes, and
 * alternating ones (rank 7 and 8 after merging) that do not.
 */
const highRankCases = (): KernelCase[] => [
  kernelCase('binary/add/rank7-broadcast', 'binary', { op: 'add' }, [randF32([2, 3, 2, 1, 2, 3, 2]), randF32([1, 3, 1, 2, 1, 1, 1])], 'strict'),
  kernelCase('binary/mul/rank8-alternating', 'binary', { op: 'mul' }, [randF32([2, 1, 2, 1, 2, 1, 2, 1]), randF32([1, 2, 1, 2, 1, 2, 1, 2])], 'strict'),
  kernelCase('binary/sub/rank8-vs-rank2', 'binary', { op: 'sub' }, [randF32([2, 1, 2, 1, 2, 1, 3, 2]), randF32([3, 1])], 'strict'),
  kernelCase('binary/maximum/rank7-alternating', 'binary', { op: 'maximum' }, [randChoice([2, 1, 2, 1, 2, 1, 2], HALVES), randChoice([1, 2, 1, 2, 1, 2, 1], HALVES)], 'exact'),
  kernelCase('binary/greater/rank7-broadcast', 'binary', { op: 'greater' }, [randInt([2, 2, 1, 2, 2, 1, 2], -2, 2, 'float32'), randInt([1, 2, 2, 1, 2, 2, 1], -2, 2, 'float32')], 'exact'),
  kernelCase('binary/add/int32-rank8', 'binary', { op: 'add' }, [randInt([1, 2, 1, 2, 1, 2, 1, 2], -9, 9), randInt([2, 1, 2, 1, 2, 1, 2, 1], -9, 9)], 'exact'),
  kernelCase('binary/floorDiv/int32-rank7', 'binary', { op: 'floorDiv' }, [randInt([2, 1, 2, 1, 2, 1, 2], -9, 9), randInt([1, 2, 1, 2, 1, 2, 1], -3, 3)], 'exact'),
  kernelCase('binary/logicalOr/bool-rank7', 'binary', { op: 'logicalOr' }, [randBool([2, 1, 2, 1, 2, 1, 2]), randBool([1, 2, 1, 2, 1, 2, 1])], 'exact'),
];

/** Every BinaryOp ('binary/<op>/...'): arithmetic, comparisons, logical ops, scalars against tensors, NumPy broadcasting up to rank 8, and edge values (floorDiv/mod with negative operands, large int32 products). */
export const BINARY_CASES: readonly KernelCase[] = [...arithmeticCases(), ...compareCases(), ...againstScalarCases(), ...logicalCases(), ...edgeCases(), ...highRankCases()];
