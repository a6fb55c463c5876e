import type { KernelCase } from '../case.js';
import { bool, f32, i32, kernelCase, randBool, randF32, randInt } from '../build.js';

/** `cast` ('cast/<from>-to-<to>/...') between every pair of float32, int32 and bool: truncation toward zero, x != 0 for bool, scalars, empty and rank-4 tensors; all exact. */
export const CAST_CASES: readonly KernelCase[] = [
  kernelCase('cast/float32-to-int32/truncates', 'cast', { dtype: 'int32' },
    [f32([9], [-2.7, -2.5, -0.5, 0, 0.5, 2.5, 2.7, 100.9, -100.9])], 'exact'),
  kernelCase('cast/float32-to-int32/random', 'cast', { dtype: 'int32' }, [randF32([3, 4], -20, 20)], 'exact'),
  kernelCase('cast/float32-to-bool/nonzero', 'cast', { dtype: 'bool' }, [f32([6], [0, 0.5, -1, 2, -0, 1e-30])], 'exact'),
  kernelCase('cast/float32-to-bool/fractions', 'cast', { dtype: 'bool' }, [f32([4], [0, 0.5, -1, 2])], 'exact'),
  kernelCase('cast/int32-to-bool', 'cast', { dtype: 'bool' }, [i32([5], [0, 3, -1, 0, 2147483647])], 'exact'),
  kernelCase('cast/bool-to-float32', 'cast', { dtype: 'float32' }, [randBool([3, 3])], 'exact'),
  kernelCase('cast/bool-to-int32', 'cast', { dtype: 'int32' }, [bool([4], [1, 0, 0, 1])], 'exact'),
  kernelCase('cast/int32-to-float32', 'cast', { dtype: 'float32' }, [i32([5], [-3, 0, 7, 16777217, -2147483648])], 'exact'),
  kernelCase('cast/float32-to-float32', 'cast', { dtype: 'float32' }, [randF32([2, 3])], 'exact'),
  kernelCase('cast/int32-to-int32', 'cast', { dtype: 'int32' }, [randInt([2, 3], -9, 9)], 'exact'),
  kernelCase('cast/bool-to-bool', 'cast', { dtype: 'bool' }, [bool([3], [1, 0, 1])], 'exact'),
  kernelCase('cast/float32-to-int32/scalar', 'cast', { dtype: 'int32' }, [f32([], [-3.9])], 'exact'),
  kernelCase('cast/float32-to-bool/empty', 'cast', { dtype: 'bool' }, [f32([0, 4], [])], 'exact'),
  kernelCase('cast/int32-to-float32/rank4', 'cast', { dtype: 'float32' }, [randInt([2, 1, 2, 3], -100, 100)], 'exact'),
];
