import type { KernelCase } from '../case.js';
import { bool, f32, i32, kernelCase, randBool, randF32, randInt } from '../build.js';

/** select ('select/...') with broadcast conditions and branches up to rank 7, float32, int32 and bool values, a scalar condition and an empty result; all exact. */
export const SELECT_CASES: readonly KernelCase[] = [
  kernelCase('select/float32', 'select', {}, [randBool([3, 4]), randF32([3, 4]), randF32([3, 4])], 'exact'),
  kernelCase('select/float32-broadcast', 'select', {}, [randBool([3, 1]), randF32([1, 4]), f32([], [-7])], 'exact'),
  kernelCase('select/float32-rank4-broadcast', 'select', {}, [randBool([2, 1, 3, 1]), randF32([1, 2, 1, 4]), randF32([2, 2, 3, 4])], 'exact'),
  // A full-size condition with one-element branches (a relu's gradient: where(x > 0, dy, 0)).
  kernelCase('select/float32-full-cond-scalar-else', 'select', {}, [randBool([3, 5]), randF32([3, 5]), f32([], [0])], 'exact'),
  kernelCase('select/float32-full-cond-size1-then', 'select', {}, [randBool([3, 5]), f32([1], [2.5]), randF32([3, 5])], 'exact'),
  kernelCase('select/int32-full-cond-scalar-else', 'select', {}, [randBool([2, 7]), randInt([2, 7], -50, 50), i32([], [-3])], 'exact'),
  kernelCase('select/scalar-cond', 'select', {}, [bool([], [0]), randF32([2, 3]), randF32([2, 3])], 'exact'),
  kernelCase('select/int32', 'select', {}, [randBool([2, 3]), randInt([2, 3], -50, 50), i32([1, 3], [7, 8, 9])], 'exact'),
  kernelCase('select/bool', 'select', {}, [bool([4], [1, 0, 1, 0]), bool([4], [1, 1, 0, 0]), bool([4], [0, 1, 1, 0])], 'exact'),
  kernelCase('select/empty', 'select', {}, [bool([0, 2], []), f32([0, 2], []), f32([1, 2], [1, 2])], 'exact'),
  kernelCase('select/float32-rank7-broadcast', 'select', {}, [randBool([2, 1, 2, 1, 2, 1, 2]), randF32([1, 2, 1, 2, 1, 2, 1]), randF32([2, 2, 2, 2, 2, 2, 2])], 'exact'),
];
