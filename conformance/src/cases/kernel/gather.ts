import type { KernelCase } from '../case.js';
import { bool, f32, i32, kernelCase, randF32, randInt } from '../build.js';

/** gather ('gather/...') along several axes with out-of-range indices (which give zeros), and unsortedSegmentSum ('unsortedSegmentSum/...') with dropped ids, empty segments and no rows. */
export const GATHER_CASES: readonly KernelCase[] = [
  kernelCase('gather/axis0', 'gather', { axis: 0 }, [randF32([5, 3]), i32([4], [4, 0, 2, 2])], 'exact'),
  kernelCase('gather/axis0-out-of-range', 'gather', { axis: 0 }, [randF32([5, 3]), i32([5], [-1, 5, 2, 0, 100])], 'exact'),
  kernelCase('gather/axis1-rank2-indices', 'gather', { axis: 1 }, [randF32([2, 4, 3]), i32([2, 2], [3, 0, 1, 1])], 'exact'),
  kernelCase('gather/last-axis-out-of-range', 'gather', { axis: 2 }, [randF32([2, 3, 4]), i32([3], [3, -2, 4])], 'exact'),
  kernelCase('gather/scalar-index', 'gather', { axis: 1 }, [randF32([3, 4]), i32([], [2])], 'exact'),
  kernelCase('gather/rank1', 'gather', { axis: 0 }, [f32([4], [10, 20, 30, 40]), i32([6], [3, 3, 0, 1, 2, 0])], 'exact'),
  kernelCase('gather/int32', 'gather', { axis: 0 }, [randInt([4, 2], -100, 100), i32([3], [3, 1, 7])], 'exact'),
  kernelCase('gather/bool', 'gather', { axis: 1 }, [bool([2, 3], [1, 0, 1, 0, 1, 1]), i32([4], [2, 1, -1, 0])], 'exact'),
  kernelCase('gather/empty-indices', 'gather', { axis: 0 }, [randF32([3, 2]), i32([0], [])], 'exact'),
  kernelCase('gather/embedding-lookup', 'gather', { axis: 0 }, [randF32([10, 4]), randInt([2, 5], 0, 9)], 'exact'),
  kernelCase('gather/axis0-long-rows', 'gather', { axis: 0 }, [randF32([6, 20]), i32([5], [5, 0, -1, 3, 6])], 'exact'),
  kernelCase('gather/axis1-long-rows', 'gather', { axis: 1 }, [randF32([2, 5, 17]), i32([4], [4, 4, 9, 0])], 'exact'),
  kernelCase('unsortedSegmentSum/float32-drops-out-of-range', 'unsortedSegmentSum', { numSegments: 3 },
    [randF32([6, 3]), i32([6], [0, 2, 0, 5, -1, 1])], 'strict'),
  kernelCase('unsortedSegmentSum/float32-empty-segment', 'unsortedSegmentSum', { numSegments: 4 },
    [randF32([5, 2]), i32([5], [3, 3, 0, 3, 0])], 'strict'),
  kernelCase('unsortedSegmentSum/int32', 'unsortedSegmentSum', { numSegments: 3 },
    [i32([5], [1, 2, 3, 4, 5]), i32([5], [2, 2, -3, 0, 2])], 'exact'),
  kernelCase('unsortedSegmentSum/rank3', 'unsortedSegmentSum', { numSegments: 2 },
    [randF32([4, 2, 3]), i32([4], [1, 0, 1, 1])], 'strict'),
  kernelCase('unsortedSegmentSum/single-segment', 'unsortedSegmentSum', { numSegments: 1 },
    [randF32([7]), i32([7], [0, 0, 0, 0, 0, 0, 0])], 'balanced'),
  kernelCase('unsortedSegmentSum/no-rows', 'unsortedSegmentSum', { numSegments: 2 }, [f32([0, 3], []), i32([0], [])], 'exact'),
];
