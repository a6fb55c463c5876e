/** Element types a Tensor can hold. `bool` is stored one byte per element (0 or 1). */
export type DType = 'float32' | 'int32' | 'bool';

/** The host arrays that hold tensor data: Float32Array for float32, Int32Array for int32, Uint8Array for bool. */
export type TypedArray = Float32Array | Int32Array | Uint8Array;

/** The typed array class that stores each dtype. */
export function arrayFor(dtype: DType, size: number): TypedArray {
  switch (dtype) {
    case 'float32':
      return new Float32Array(size);
    case 'int32':
      return new Int32Array(size);
    case 'bool':
      return new Uint8Array(size);
  }
}

/** Bytes one element of `dtype` takes: 4 for float32 and int32, 1 for bool. */
export function bytesPerElement(dtype: DType): number {
  return dtype === 'bool' ? 1 : 4;
}

/** Whether `value` is one of the dtype names 'float32', 'int32', 'bool'. */
export function isDType(value: unknown): value is DType {
  return value === 'float32' || value === 'int32' || value === 'bool';
}
