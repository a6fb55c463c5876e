// Index arithmetic on row-major shapes. Every buffer holds its elements contiguous in
// row-major order: the last axis varies fastest.

/** Number of elements of a shape (1 for a scalar, 0 when any dimension is 0). */
export function sizeOf(shape: readonly number[]): number {
  let size = 1;
  for (const d of shape) size *= d;
  return size;
}

/** strides[i] = how far apart (in elements) neighbours along axis i are. */
export function stridesOf(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let stride = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = stride;
    stride *= shape[i];
  }
  return strides;
}

/** The multi-index [i0, i1, ...] of flat position `flat` in `shape`. */
export function unravel(flat: number, shape: readonly number[]): number[] {
  const index = new Array<number>(shape.length);
  for (let i = shape.length - 1; i >= 0; i--) {
    index[i] = flat % shape[i];
    flat = Math.floor(flat / shape[i]);
  }
  return index;
}

/** The flat position of a multi-index in a tensor with the given strides. */
export function ravel(index: readonly number[], strides: readonly number[]): number {
  let flat = 0;
  for (let i = 0; i < index.length; i++) flat += index[i] * strides[i];
  return flat;
}

/**
 * For numpy broadcasting: a function from a flat position in `outShape` to the flat position
 * of the element of a tensor of `shape` that broadcasts there (shapes align on the right;
 * a size-1 dimension repeats its one element).
 */
export function broadcastIndex(shape: readonly number[], outShape: readonly number[]): (outFlat: number) => number {
  const strides = stridesOf(shape);
  const offset = outShape.length - shape.length;
  return (outFlat) => {
    const outIndex = unravel(outFlat, outShape);
    let flat = 0;
    for (let i = 0; i < shape.length; i++) {
      if (shape[i] !== 1) flat += outIndex[offset + i] * strides[i];
    }
    return flat;
  };
}
