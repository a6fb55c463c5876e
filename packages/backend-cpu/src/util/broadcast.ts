import { sameShape, sizeOf } from './shape.js';

/**
 * Operands broadcast (numpy rules) to one output shape, walked as `rows` runs of `inner`
 * contiguous output elements. Within a run operand k advances by `stride[k]` (1, or 0 where it
 * is broadcast along the run); `base[k]` is its offset at the start of the current run, and
 * `next()` moves every base to the next run.
 *
 * Axes of size 1 are dropped and neighbouring axes that every operand walks contiguously are
 * merged first, so same-shape operands are one run, a scalar is one run of stride 0 and a bias
 * row is one run per output row. The walk costs O(rank) memory whatever the output size: a
 * per-element index map would allocate a full-size Int32Array per operand per call.
 */
const NO_AXES: number[] = [];

export class BroadcastWalk {
  readonly rows: number;
  readonly inner: number;
  readonly stride: number[];
  readonly base: number[];
  /** Outer axes, outermost first: their sizes, and each operand's step per axis (axis * k + operand). */
  private readonly dims: number[] = NO_AXES;
  private readonly steps: number[] = NO_AXES;
  private readonly counter: number[] = NO_AXES;

  constructor(inShapes: readonly (readonly number[])[], outShape: readonly number[]) {
    const k = inShapes.length;
    this.base = new Array<number>(k);
    this.stride = new Array<number>(k);
    // Elementwise ops on same-shape operands and scalars are most calls: one run, no axis walk.
    let trivial = true;
    for (let j = 0; j < k; j++) {
      const shape = inShapes[j];
      this.base[j] = 0;
      this.stride[j] = sameShape(shape, outShape) ? 1 : sizeOf(shape) === 1 ? 0 : -1;
      if (this.stride[j] < 0) trivial = false;
    }
    if (trivial) {
      const n = sizeOf(outShape);
      this.rows = n === 0 ? 0 : 1;
      this.inner = n;
      return;
    }
    this.dims = [];
    this.steps = [];
    this.counter = [];
    // Per output axis (size > 1 only): its size and each operand's stride along it.
    const sizes: number[] = [];
    const strides: number[][] = [];
    const rank = outShape.length;
    const acc = new Array<number>(k).fill(1);
    let empty = false;
    for (let ax = rank - 1; ax >= 0; ax--) {
      const size = outShape[ax];
      if (size === 0) empty = true;
      const s = new Array<number>(k);
      for (let j = 0; j < k; j++) {
        const shape = inShapes[j];
        const d = ax - (rank - shape.length);
        const dim = d >= 0 ? shape[d] : 1;
        s[j] = dim === 1 ? 0 : acc[j];
        acc[j] *= dim;
      }
      if (size === 1) continue;
      const last = sizes.length - 1;
      // Merge into the axis inside it when every operand steps over that axis contiguously.
      if (last >= 0 && s.every((v, j) => v === strides[last][j] * sizes[last])) {
        sizes[last] *= size;
      } else {
        sizes.push(size);
        strides.push(s);
      }
    }
    // sizes / strides are innermost first; the innermost group is the run.
    this.inner = empty ? 0 : sizes.length > 0 ? sizes[0] : 1;
    for (let j = 0; j < k; j++) this.stride[j] = sizes.length > 0 ? strides[0][j] : 0;
    let rows = empty ? 0 : 1;
    for (let ax = sizes.length - 1; ax >= 1; ax--) { // outermost first
      this.dims.push(sizes[ax]);
      this.counter.push(0);
      for (let j = 0; j < k; j++) this.steps.push(strides[ax][j]);
      rows *= sizes[ax];
    }
    this.rows = rows;
  }

  /** Moves every operand's base to the start of the next run (odometer over the outer axes). */
  next(): void {
    const k = this.base.length;
    for (let ax = this.dims.length - 1; ax >= 0; ax--) {
      const o = ax * k;
      if (++this.counter[ax] < this.dims[ax]) {
        for (let j = 0; j < k; j++) this.base[j] += this.steps[o + j];
        return;
      }
      const back = this.dims[ax] - 1;
      this.counter[ax] = 0;
      for (let j = 0; j < k; j++) this.base[j] -= this.steps[o + j] * back;
    }
  }
}
