import type { KernelCase } from '../case.js';
import { bool, f32, i32, kernelCase, randBool, randF32, randInt } from '../build.js';

const TRANSPOSE: readonly KernelCase[] = [
  kernelCase('transpose/rank2', 'transpose', { perm: [1, 0] }, [randF32([2, 3])], 'exact'),
  kernelCase('transpose/rank3', 'transpose', { perm: [2, 0, 1] }, [randF32([2, 3, 4])], 'exact'),
  kernelCase('transpose/rank4', 'transpose', { perm: [3, 1, 0, 2] }, [randF32([2, 1, 3, 2])], 'exact'),
  kernelCase('transpose/rank4-nhwc-to-nchw', 'transpose', { perm: [0, 3, 1, 2] }, [randF32([2, 3, 4, 5])], 'exact'),
  kernelCase('transpose/identity', 'transpose', { perm: [0, 1, 2] }, [randF32([2, 2, 3])], 'exact'),
  kernelCase('transpose/scalar', 'transpose', { perm: [] }, [f32([], [3.5])], 'exact'),
  kernelCase('transpose/empty', 'transpose', { perm: [1, 0] }, [f32([0, 2], [])], 'exact'),
  kernelCase('transpose/int32', 'transpose', { perm: [1, 0] }, [randInt([3, 2], -50, 50)], 'exact'),
  kernelCase('transpose/bool', 'transpose', { perm: [1, 2, 0] }, [randBool([2, 3, 2])], 'exact'),
];

const SLICE: readonly KernelCase[] = [
  kernelCase('slice/rank2', 'slice', { begin: [1, 2], size: [2, 3] }, [randF32([4, 5])], 'exact'),
  kernelCase('slice/rank3', 'slice', { begin: [0, 1, 1], size: [2, 1, 3] }, [randF32([2, 3, 4])], 'exact'),
  kernelCase('slice/rank4', 'slice', { begin: [1, 0, 1, 0], size: [1, 2, 2, 3] }, [randF32([2, 2, 3, 3])], 'exact'),
  kernelCase('slice/full', 'slice', { begin: [0, 0], size: [3, 2] }, [randF32([3, 2])], 'exact'),
  kernelCase('slice/empty-result', 'slice', { begin: [1, 0], size: [0, 2] }, [randF32([3, 2])], 'exact'),
  kernelCase('slice/scalar', 'slice', { begin: [], size: [] }, [f32([], [-1.25])], 'exact'),
  kernelCase('slice/int32', 'slice', { begin: [2], size: [3] }, [i32([6], [0, 1, 2, 3, 4, 5])], 'exact'),
  kernelCase('slice/bool', 'slice', { begin: [0, 1], size: [2, 1] }, [bool([2, 2], [1, 0, 0, 1])], 'exact'),
];

const CONCAT: readonly KernelCase[] = [
  kernelCase('concat/axis0', 'concat', { axis: 0 }, [randF32([2, 3]), randF32([1, 3])], 'exact'),
  kernelCase('concat/axis1-three-inputs', 'concat', { axis: 1 }, [randF32([2, 1]), randF32([2, 3]), randF32([2, 2])], 'exact'),
  kernelCase('concat/rank4-last-axis', 'concat', { axis: 3 }, [randF32([1, 2, 2, 3]), randF32([1, 2, 2, 1])], 'exact'),
  kernelCase('concat/rank3-middle-axis', 'concat', { axis: 1 }, [randF32([2, 2, 3]), randF32([2, 1, 3])], 'exact'),
  kernelCase('concat/empty-input', 'concat', { axis: 0 }, [f32([0, 2], []), randF32([2, 2])], 'exact'),
  kernelCase('concat/single-input', 'concat', { axis: 1 }, [randF32([2, 3])], 'exact'),
  kernelCase('concat/int32', 'concat', { axis: 0 }, [i32([2], [1, 2]), i32([3], [3, 4, 5])], 'exact'),
  kernelCase('concat/bool', 'concat', { axis: 1 }, [bool([2, 1], [1, 0]), bool([2, 2], [0, 1, 1, 0])], 'exact'),
];

const PAD: readonly KernelCase[] = [
  kernelCase('pad/rank2-zero', 'pad', { paddings: [[1, 0], [2, 1]], value: 0 }, [randF32([2, 3])], 'exact'),
  kernelCase('pad/rank2-value', 'pad', { paddings: [[0, 2], [1, 1]], value: -1.5 }, [randF32([2, 2])], 'exact'),
  kernelCase('pad/rank4-spatial', 'pad', { paddings: [[0, 0], [1, 2], [2, 1], [0, 0]], value: 0 }, [randF32([1, 2, 2, 2])], 'exact'),
  kernelCase('pad/no-padding', 'pad', { paddings: [[0, 0], [0, 0]], value: 3 }, [randF32([2, 2])], 'exact'),
  kernelCase('pad/empty-input', 'pad', { paddings: [[1, 1], [0, 1]], value: 2 }, [f32([0, 2], [])], 'exact'),
  kernelCase('pad/rank1', 'pad', { paddings: [[3, 0]], value: -Infinity }, [f32([2], [1, 2])], 'exact'),
  kernelCase('pad/int32', 'pad', { paddings: [[1, 1]], value: 7 }, [i32([2], [1, -2])], 'exact'),
  kernelCase('pad/bool', 'pad', { paddings: [[0, 1], [1, 0]], value: 1 }, [bool([1, 2], [0, 0])], 'exact'),
  kernelCase('pad/rank7', 'pad', { paddings: [[0, 1], [1, 0], [0, 0], [0, 1], [0, 0], [1, 1], [0, 0]], value: 2 }, [randF32([2, 3, 2, 1, 2, 3, 2])], 'exact'),
  kernelCase('pad/int32-rank8', 'pad', { paddings: [[1, 0], [0, 0], [0, 1], [0, 0], [1, 0], [0, 0], [0, 1], [0, 0]], value: -3 }, [randInt([1, 2, 1, 2, 1, 2, 1, 2], -9, 9)], 'exact'),
];

/** transpose, slice, concat and pad ('<primitive>/...') on float32, int32 and bool, scalars, empty tensors and ranks up to 8; all exact. */
export const LAYOUT_CASES: readonly KernelCase[] = [...TRANSPOSE, ...SLICE, ...CONCAT, ...PAD];
