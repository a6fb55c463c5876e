import type { ReduceOp } from '@layerwise/api';
import type { KernelCase } from '../case.js';
import { f32, i32, kernelCase, randF32, randInt } from '../build.js';

const OPS: readonly ReduceOp[] = ['sum', 'max', 'min'];

function reduceCases(): KernelCase[] {
  const cases: KernelCase[] = [];
  for (const op of OPS) {
    const tol = op === 'sum' ? 'balanced' : 'exact';
    cases.push(kernelCase(`reduce/${op}/float32-middle-axis`, 'reduce', { op, axes: [1] }, [randF32([2, 3, 4])], tol));
    cases.push(kernelCase(`reduce/${op}/float32-outer-axes`, 'reduce', { op, axes: [0, 2] }, [randF32([2, 3, 4])], tol));
    cases.push(kernelCase(`reduce/${op}/float32-all-axes`, 'reduce', { op, axes: [0, 1, 2] }, [randF32([2, 3, 4])], tol));
    cases.push(kernelCase(`reduce/${op}/float32-last-axis`, 'reduce', { op, axes: [1] }, [randF32([5, 7])], tol));
    cases.push(kernelCase(`reduce/${op}/float32-rank4`, 'reduce', { op, axes: [1, 3] }, [randF32([2, 3, 2, 4])], tol));
    // Every axis but the last (a bias gradient), with a column count past a vector width.
    cases.push(kernelCase(`reduce/${op}/float32-leading-axes`, 'reduce', { op, axes: [0, 1] }, [randF32([3, 5, 7])], tol));
    cases.push(kernelCase(`reduce/${op}/float32-first-of-rank2`, 'reduce', { op, axes: [0] }, [randF32([9, 6])], tol));
    cases.push(kernelCase(`reduce/${op}/float32-size1`, 'reduce', { op, axes: [0, 1] }, [f32([1, 1], [-2.5])], 'exact'));
    cases.push(kernelCase(`reduce/${op}/float32-all-negative`, 'reduce', { op, axes: [1] }, [randF32([3, 5], -9, -1)], tol));
    cases.push(kernelCase(`reduce/${op}/float32-empty-kept-axis`, 'reduce', { op, axes: [1] }, [f32([0, 3], [])], 'exact'));
    cases.push(kernelCase(`reduce/${op}/int32`, 'reduce', { op, axes: [1] }, [randInt([3, 4], -100, 100)], 'exact'));
    cases.push(kernelCase(`reduce/${op}/int32-all-axes`, 'reduce', { op, axes: [0, 1] }, [randInt([3, 4], -100, 100)], 'exact'));
  }
  return cases;
}

/** reduce sum, max and min ('reduce/<op>/...') over inner, outer, leading and all axes, float32 and int32, size-1 and empty axes (float32 sums balanced, the rest exact). */
export const REDUCE_CASES: readonly KernelCase[] = [
  ...reduceCases(),
  kernelCase('reduce/sum/float32-empty-reduced-axis', 'reduce', { op: 'sum', axes: [1] }, [f32([2, 0], [])], 'exact'),
  kernelCase('reduce/sum/int32-empty-reduced-axis', 'reduce', { op: 'sum', axes: [0] }, [i32([0, 2], [])], 'exact'),
  kernelCase('reduce/sum/float32-long', 'reduce', { op: 'sum', axes: [0] }, [randF32([4096], 0, 1)], 'balanced'),
  kernelCase('reduce/sum/int32-large-values', 'reduce', { op: 'sum', axes: [0] }, [i32([3], [2000000000, -1000000000, 100000000])], 'exact'),
  kernelCase('reduce/max/float32-ties', 'reduce', { op: 'max', axes: [1] }, [f32([2, 3], [1, 1, 0, -2, -2, -2])], 'exact'),
];
