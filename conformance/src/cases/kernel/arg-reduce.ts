import type { ArgReduceOp } from '@layerwise/api';
import type { KernelCase } from '../case.js';
import { f32, i32, kernelCase, randF32, randInt } from '../build.js';

const OPS: readonly ArgReduceOp[] = ['argMax', 'argMin'];

function argReduceCases(): KernelCase[] {
  const cases: KernelCase[] = [];
  for (const op of OPS) {
    cases.push(kernelCase(`argReduce/${op}/float32-last-axis`, 'argReduce', { op, axis: 1 }, [randF32([3, 5])], 'exact'));
    cases.push(kernelCase(`argReduce/${op}/float32-first-axis`, 'argReduce', { op, axis: 0 }, [randF32([4, 3])], 'exact'));
    cases.push(kernelCase(`argReduce/${op}/float32-rank4-axis2`, 'argReduce', { op, axis: 2 }, [randF32([2, 3, 4, 2])], 'exact'));
    cases.push(kernelCase(`argReduce/${op}/float32-rank1`, 'argReduce', { op, axis: 0 }, [randF32([7])], 'exact'));
    cases.push(kernelCase(`argReduce/${op}/float32-size1-axis`, 'argReduce', { op, axis: 1 }, [randF32([3, 1])], 'exact'));
    cases.push(kernelCase(`argReduce/${op}/float32-ties-first-index`, 'argReduce', { op, axis: 1 },
      [f32([4, 4], [1, 3, 3, 0, 2, 2, 2, 2, -1, -5, -1, -5, 0, 0, 7, 7])], 'exact'));
    cases.push(kernelCase(`argReduce/${op}/float32-all-negative`, 'argReduce', { op, axis: 1 },
      [f32([2, 3], [-3, -1, -2, -0.5, -9, -0.25])], 'exact'));
    cases.push(kernelCase(`argReduce/${op}/int32`, 'argReduce', { op, axis: 1 }, [randInt([3, 6], -3, 3)], 'exact'));
    cases.push(kernelCase(`argReduce/${op}/int32-ties-first-index`, 'argReduce', { op, axis: 0 },
      [i32([3, 2], [5, -1, 5, -1, 2, -1])], 'exact'));
    cases.push(kernelCase(`argReduce/${op}/float32-empty-kept-axis`, 'argReduce', { op, axis: 1 }, [f32([0, 3], [])], 'exact'));
  }
  return cases;
}

/** argMax and argMin ('argReduce/<op>/...') on float32 and int32, several axes and ranks, ties (the first index wins) and an empty kept axis; all exact. */
export const ARG_REDUCE_CASES: readonly KernelCase[] = argReduceCases();
