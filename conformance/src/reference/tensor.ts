import type { DType } from '@layerwise/api';

/**
 * A float64 tensor of the reference implementation. `data` holds every element in
 * row-major order; `dtype` is the dtype the value stands for. int32 values are always
 * integers in the int32 range, bool values 0 or 1; float32 values are kept at float64
 * precision (round with `roundToStorage` to get what a float32 buffer would hold).
 */
export interface RefTensor {
  /** Every element in row-major order, at float64 precision. */
  readonly data: Float64Array;
  /** The dimensions (`[]` for a scalar). */
  readonly shape: readonly number[];
  /** The dtype the values stand for (and are stored as when written to a buffer). */
  readonly dtype: DType;
}

/** The number of elements of a tensor of this shape: the product of its dimensions (1 for `[]`). */
export function sizeOf(shape: readonly number[]): number {
  let size = 1;
  for (const d of shape) size *= d;
  return size;
}

/** Row-major strides: strides[i] = product of shape[i+1:]. */
export function stridesOf(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let stride = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = stride;
    stride *= shape[i];
  }
  return strides;
}

/** The multi-index of flat position `flat` in `shape`. */
export function unravel(flat: number, shape: readonly number[]): number[] {
  const index = new Array<number>(shape.length);
  for (let i = shape.length - 1; i >= 0; i--) {
    index[i] = flat % shape[i];
    flat = Math.floor(flat / shape[i]);
  }
  return index;
}

/** The flat position of a multi-index. */
export function ravel(index: readonly number[], shape: readonly number[]): number {
  const strides = stridesOf(shape);
  let flat = 0;
  for (let i = 0; i < shape.length; i++) flat += index[i] * strides[i];
  return flat;
}

/** What one element becomes when stored as `dtype`: float32 rounding, int32 wrap, bool != 0. */
export function toStorage(value: number, dtype: DType): number {
  switch (dtype) {
    case 'float32':
      return Math.fround(value);
    case 'int32':
      return value | 0;
    case 'bool':
      return value !== 0 ? 1 : 0;
  }
}

/** A RefTensor whose values are what a buffer of `dtype` would hold. */
export function refTensor(values: ArrayLike<number>, shape: readonly number[], dtype: DType): RefTensor {
  const size = sizeOf(shape);
  if (values.length !== size) {
    throw new Error(`refTensor: ${values.length} values for shape [${shape.join(', ')}] (size ${size})`);
  }
  const data = new Float64Array(size);
  for (let i = 0; i < size; i++) data[i] = toStorage(values[i], dtype);
  return { data, shape: [...shape], dtype };
}

/** The same tensor rounded to what its dtype's storage holds (float32 overflow becomes Infinity). */
export function roundToStorage(x: RefTensor): RefTensor {
  return refTensor(x.data, x.shape, x.dtype);
}

/** numpy broadcasting: shapes align on the right and size-1 dims stretch. */
export function broadcastShapes(...shapes: (readonly number[])[]): number[] {
  const rank = Math.max(0, ...shapes.map((s) => s.length));
  const out = new Array<number>(rank).fill(1);
  for (const shape of shapes) {
    for (let i = 0; i < shape.length; i++) {
      const o = rank - shape.length + i;
      const d = shape[i];
      if (out[o] === 1) out[o] = d;
      else if (d !== 1 && d !== out[o]) {
        throw new Error(`broadcastShapes: cannot broadcast [${shapes.map((s) => s.join(', ')).join('] with [')}]`);
      }
    }
  }
  return out;
}

/** Flat position in `shape` of the element that broadcasts to `outIndex` (right-aligned, size-1 dims pinned to 0). */
export function broadcastSource(outIndex: readonly number[], shape: readonly number[]): number {
  const strides = stridesOf(shape);
  const offset = outIndex.length - shape.length;
  let flat = 0;
  for (let i = 0; i < shape.length; i++) {
    const idx = shape[i] === 1 ? 0 : outIndex[offset + i];
    flat += idx * strides[i];
  }
  return flat;
}

/** A RefTensor of `shape` and `dtype` over `data` (not copied), or over zeros when `data` is left out. */
export function makeRef(shape: readonly number[], dtype: DType, data?: Float64Array): RefTensor {
  return { data: data ?? new Float64Array(sizeOf(shape)), shape: [...shape], dtype };
}
