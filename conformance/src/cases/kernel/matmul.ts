import type { KernelCase } from '../case.js';
import { f32, kernelCase, randF32 } from '../build.js';

/** a [ba, m, k] or [ba, k, m]; b [bb, k, n] or [bb, n, k]. */
export function matmulShapes(ba: number, bb: number, m: number, k: number, n: number, transposeA: boolean, transposeB: boolean) {
  return { a: transposeA ? [ba, k, m] : [ba, m, k], b: transposeB ? [bb, n, k] : [bb, k, n] };
}

function matmulCase(name: string, ba: number, bb: number, m: number, k: number, n: number, transposeA = false, transposeB = false): KernelCase {
  const { a, b } = matmulShapes(ba, bb, m, k, n, transposeA, transposeB);
  return kernelCase(`matmul/${name}`, 'matmul', { transposeA, transposeB }, [randF32(a), randF32(b)], 'balanced');
}

/** matmul ('matmul/...') with every transpose combination, batched and broadcast batches, a vector dot, an inner dimension of 1 and larger odd sizes (33x65x17); balanced tolerance. */
export const MATMUL_CASES: readonly KernelCase[] = [
  matmulCase('plain', 1, 1, 3, 5, 4),
  matmulCase('transposeA', 1, 1, 3, 5, 4, true, false),
  matmulCase('transposeB', 1, 1, 3, 5, 4, false, true),
  matmulCase('transposeA-transposeB', 1, 1, 3, 5, 4, true, true),
  matmulCase('batched', 3, 3, 2, 4, 5),
  matmulCase('batched-transposeA-transposeB', 2, 2, 4, 3, 2, true, true),
  matmulCase('batch-broadcast-a', 1, 4, 3, 5, 2),
  matmulCase('batch-broadcast-b', 3, 1, 2, 5, 3),
  matmulCase('batch-broadcast-b-transposeB', 3, 1, 2, 5, 3, false, true),
  matmulCase('batch-broadcast-a-transposeA', 1, 2, 2, 5, 3, true, false),
  matmulCase('inner-1', 1, 1, 3, 1, 4),
  matmulCase('vector-dot', 1, 1, 1, 7, 1),
  matmulCase('larger', 1, 1, 33, 65, 17),
  matmulCase('larger-transposeB', 2, 2, 17, 40, 9, false, true),
  kernelCase('matmul/empty-inner', 'matmul', { transposeA: false, transposeB: false }, [f32([1, 2, 0], []), f32([1, 0, 3], [])], 'exact'),
  kernelCase('matmul/empty-rows', 'matmul', { transposeA: false, transposeB: false }, [f32([2, 0, 3], []), randF32([2, 3, 4])], 'exact'),
  kernelCase('matmul/empty-batch', 'matmul', { transposeA: false, transposeB: false }, [f32([0, 2, 3], []), randF32([1, 3, 4])], 'exact'),
  kernelCase('matmul/identity', 'matmul', { transposeA: false, transposeB: false },
    [f32([1, 2, 2], [1, 0, 0, 1]), f32([1, 2, 3], [1, 2, 3, -4, -5, -6])], 'exact'),
];
