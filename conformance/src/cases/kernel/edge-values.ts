import { pool2dInfo } from '@layerwise/api';
import type { KernelCase } from '../case.js';
import { f32, i32, kernelCase, randF32 } from '../build.js';

const TILED_CROPPED = pool2dInfo([2, 5, 5, 2], [2, 2], [2, 2], 'valid');
const TILED_TIES = pool2dInfo([1, 4, 4, 1], [2, 2], [2, 2], 'valid');

const INT32_MIN = -2147483648;

/**
 * Values where backends built on float math or fixed-width integers go wrong: int32
 * division of large magnitudes (inexact through float32), INT32_MIN / -1 (wraps, as
 * two's-complement int32 does), signs of tiny floats, and a fused bias on a batched product.
 */
export const EDGE_VALUE_CASES: readonly KernelCase[] = [
  kernelCase('binary/floorDiv/int32-large', 'binary', { op: 'floorDiv' },
    [i32([5], [2147483000, -2147483000, 123456789, -987654321, 16777217]), i32([5], [7, 7, -13, 10, 3])], 'exact'),
  kernelCase('binary/mod/int32-large', 'binary', { op: 'mod' },
    [i32([5], [2147483000, -2147483000, 123456789, -987654321, 16777217]), i32([5], [7, 7, -13, 10, 3])], 'exact'),
  kernelCase('binary/div/int32-large', 'binary', { op: 'div' },
    [i32([4], [2147483000, -2147483000, 16777217, -16777219]), i32([4], [3, 3, 1, -1])], 'exact'),
  kernelCase('binary/div/int32-min-by-minus-one-wraps', 'binary', { op: 'div' }, [i32([2], [INT32_MIN, INT32_MIN]), i32([2], [-1, 1])], 'exact'),
  kernelCase('unary/neg/int32-large', 'unary', { op: 'neg' }, [i32([4], [16777217, -16777219, 2147483647, -2147483647])], 'exact'),
  kernelCase('unary/abs/int32-large', 'unary', { op: 'abs' }, [i32([4], [16777217, -16777219, 2147483647, -2147483647])], 'exact'),
  kernelCase('binary/add/int32-large', 'binary', { op: 'add' }, [i32([3], [16777217, 2147483000, -2147483000]), i32([3], [2, 600, -600])], 'exact'),
  kernelCase('binary/mul/int32-beyond-2p24', 'binary', { op: 'mul' }, [i32([3], [16777217, 46341, -65537]), i32([3], [3, 46340, 32767])], 'exact'),
  // Windows that tile the input (stride = pool size, no padding): backends may take a
  // gather-free path there; it must crop the cells past the last window and keep first ties.
  kernelCase('maxPoolBackprop/tiled-2x2-cropped-5x5', 'maxPoolBackprop', { info: TILED_CROPPED },
    [randF32([2, 2, 2, 2]), randF32([2, 5, 5, 2], -3, -1)], 'exact'),
  kernelCase('maxPoolBackprop/tiled-2x2-ties-all-negative', 'maxPoolBackprop', { info: TILED_TIES },
    [f32([1, 2, 2, 1], [1, 2, 3, 4]), f32([1, 4, 4, 1], [-1, -1, -5, -2, -3, -4, -2, -5, 0, -1, -7, -7, -1, 0, -7, -7])], 'exact'),
  kernelCase('unary/sign/float32-tiny', 'unary', { op: 'sign' }, [f32([5], [1e-10, -1e-30, 0, 1e-45, -3e-38])], 'exact'),
  kernelCase('fusedMatMul/linear/bias-batched-a', 'fusedMatMul', { activation: 'linear', transposeA: false, transposeB: false },
    [randF32([3, 2, 4]), randF32([3, 4, 5]), randF32([5])], 'balanced'),
];
