import type { UnaryOp } from '@layerwise/api';
import type { ToleranceName } from '../../tolerance.js';
import type { KernelCase } from '../case.js';
import { bool, f32, i32, kernelCase, randBool, randF32, randF32NonZero, randInt, type InputMaker } from '../build.js';

type FloatUnary = Exclude<UnaryOp, 'logicalNot'>;

/** Per float op: a generator of in-domain inputs of a shape, and the tolerance it is held to. */
const FLOAT_OPS: Record<FloatUnary, { input: (shape: number[]) => InputMaker; tolerance: ToleranceName }> = {
  neg: { input: (s) => randF32(s, -3, 3), tolerance: 'exact' },
  abs: { input: (s) => randF32(s, -3, 3), tolerance: 'exact' },
  sign: { input: (s) => randF32(s, -3, 3), tolerance: 'exact' },
  square: { input: (s) => randF32(s, -3, 3), tolerance: 'strict' },
  relu: { input: (s) => randF32(s, -3, 3), tolerance: 'exact' },
  exp: { input: (s) => randF32(s, -5, 5), tolerance: 'balanced' },
  expm1: { input: (s) => randF32(s, -2, 2), tolerance: 'balanced' },
  log: { input: (s) => randF32(s, 0.05, 5), tolerance: 'balanced' },
  log1p: { input: (s) => randF32(s, -0.9, 3), tolerance: 'balanced' },
  sqrt: { input: (s) => randF32(s, 0, 5), tolerance: 'strict' },
  rsqrt: { input: (s) => randF32(s, 0.05, 5), tolerance: 'balanced' },
  reciprocal: { input: (s) => randF32NonZero(s, 0.1, 4), tolerance: 'strict' },
  tanh: { input: (s) => randF32(s, -4, 4), tolerance: 'balanced' },
  sigmoid: { input: (s) => randF32(s, -6, 6), tolerance: 'balanced' },
  softplus: { input: (s) => randF32(s, -6, 6), tolerance: 'balanced' },
  erf: { input: (s) => randF32(s, -3, 3), tolerance: 'permissive' },
  sin: { input: (s) => randF32(s, -6, 6), tolerance: 'permissive' },
  cos: { input: (s) => randF32(s, -6, 6), tolerance: 'permissive' },
  floor: { input: (s) => randF32(s, -4, 4), tolerance: 'exact' },
  ceil: { input: (s) => randF32(s, -4, 4), tolerance: 'exact' },
  round: { input: (s) => randF32(s, -4, 4), tolerance: 'exact' },
};

const INT_OPS = ['neg', 'abs', 'sign', 'square', 'relu'] as const satisfies readonly UnaryOp[];

function floatCases(): KernelCase[] {
  const cases: KernelCase[] = [];
  for (const [op, { input, tolerance }] of Object.entries(FLOAT_OPS) as [FloatUnary, (typeof FLOAT_OPS)[FloatUnary]][]) {
    cases.push(kernelCase(`unary/${op}/float32`, 'unary', { op }, [input([2, 3, 5])], tolerance));
    cases.push(kernelCase(`unary/${op}/float32-scalar`, 'unary', { op }, [input([])], tolerance));
  }
  return cases;
}

const intCases = (): KernelCase[] =>
  INT_OPS.map((op) => kernelCase(`unary/${op}/int32`, 'unary', { op }, [i32([2, 4], [-7, -1, 0, 1, 2, 3, -3, 46340])], 'exact'));

const edgeCases = (): KernelCase[] => [
  kernelCase('unary/logicalNot/bool', 'unary', { op: 'logicalNot' }, [randBool([3, 4])], 'exact'),
  kernelCase('unary/logicalNot/bool-scalar', 'unary', { op: 'logicalNot' }, [bool([], [1])], 'exact'),
  kernelCase('unary/relu/empty', 'unary', { op: 'relu' }, [f32([0, 3], [])], 'exact'),
  kernelCase('unary/exp/empty', 'unary', { op: 'exp' }, [f32([2, 0], [])], 'exact'),
  kernelCase('unary/neg/int32-empty', 'unary', { op: 'neg' }, [i32([0], [])], 'exact'),
  kernelCase('unary/tanh/rank4-size1', 'unary', { op: 'tanh' }, [f32([1, 1, 1, 1], [0.75])], 'balanced'),
  kernelCase('unary/sigmoid/rank4', 'unary', { op: 'sigmoid' }, [randF32([2, 1, 3, 2], -5, 5)], 'balanced'),
  kernelCase('unary/relu/all-negative', 'unary', { op: 'relu' }, [f32([4], [-1, -0.5, -100, -1e-3])], 'exact'),
  kernelCase('unary/relu/int32-all-negative', 'unary', { op: 'relu' }, [i32([3], [-1, -5, -100])], 'exact'),
  kernelCase('unary/sign/zero-and-signs', 'unary', { op: 'sign' }, [f32([5], [-2, 0, 3, -0.5, 1e-20])], 'exact'),
  kernelCase('unary/sign/int32-zero', 'unary', { op: 'sign' }, [i32([3], [0, -9, 9])], 'exact'),
  kernelCase('unary/round/half-to-even', 'unary', { op: 'round' },
    [f32([10], [-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 3.5, 0.49999997, -0.6, 4.5000005])], 'exact'),
  kernelCase('unary/floor/negative-and-integral', 'unary', { op: 'floor' }, [f32([6], [-2, -1.5, -0.25, 0, 0.25, 3])], 'exact'),
  kernelCase('unary/ceil/negative-and-integral', 'unary', { op: 'ceil' }, [f32([6], [-2, -1.5, -0.25, 0, 0.25, 3])], 'exact'),
  kernelCase('unary/exp/overflow', 'unary', { op: 'exp' }, [f32([4], [88, 89, 100, -30])], 'balanced'),
  kernelCase('unary/tanh/large-magnitude', 'unary', { op: 'tanh' }, [f32([4], [-50, -20, 20, 50])], 'balanced'),
  kernelCase('unary/sigmoid/large-magnitude', 'unary', { op: 'sigmoid' }, [f32([5], [-100, -20, 0, 20, 100])], 'balanced'),
  kernelCase('unary/softplus/large-magnitude', 'unary', { op: 'softplus' }, [f32([5], [-100, -20, 0, 20, 100])], 'balanced'),
  kernelCase('unary/erf/tails', 'unary', { op: 'erf' }, [f32([6], [-10, -4, -1e-3, 1e-3, 4, 10])], 'permissive'),
  kernelCase('unary/log/near-one', 'unary', { op: 'log' }, [f32([3], [1, 0.999, 1.001])], 'balanced'),
  kernelCase('unary/expm1/small', 'unary', { op: 'expm1' }, [f32([3], [1e-5, -1e-5, 0])], 'balanced'),
  kernelCase('unary/log1p/small', 'unary', { op: 'log1p' }, [f32([3], [1e-5, -1e-5, 0])], 'balanced'),
  kernelCase('unary/sqrt/zero', 'unary', { op: 'sqrt' }, [f32([3], [0, 1, 4])], 'strict'),
];

/** Every UnaryOp ('unary/<op>/...') on in-domain random inputs with a per-op tolerance, int32 inputs for the ops that take them, logicalNot on bool, empty tensors, and edge inputs (overflow, large magnitudes, rounding ties, values near 0 and 1). */
export const UNARY_CASES: readonly KernelCase[] = [...floatCases(), ...intCases(), ...edgeCases()];
