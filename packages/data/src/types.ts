/** The typed arrays a host-side array may hold. */
export type TypedArray = Float32Array | Int32Array | Uint8Array;

/** A dense row-major array on the host: no tensors here, just data and a shape. */
export interface HostArray {
  /** The values in row-major order; its length is the product of `shape`. */
  data: TypedArray;
  /** The dimensions, outermost first (`[]` for a scalar). */
  shape: number[];
}

/**
 * One element of a pipeline (a sample or a batch): a HostArray, a list/tuple of
 * elements (`[x, y]`, `[x, y, sampleWeight]`), or a record of elements.
 */
export type Element = HostArray | readonly Element[] | { readonly [key: string]: Element };

/** What a `Sequence` returns from `getItem` and what `fitGenerator` consumes. */
export type Batch = Element;

/** Nested plain numbers, e.g. `[[1, 2], [3, 4]]`. */
export type NestedNumbers = number | readonly NestedNumbers[];
