import type { DType } from '../kernel/dtypes.js';
import type { Layer } from './layer.js';
import type { Shape } from './shape.js';
import { fmtKerasShape } from './shape.js';

let nextId = 0;

/**
 * A placeholder for a tensor in a model being defined (Keras's symbolic tensor): it holds
 * no data, only a shape (null = unknown, usually the batch), a dtype, and where it comes
 * from: output `tensorIndex` of call `nodeIndex` of `sourceLayer`. `input()` makes the
 * first ones; `layer.apply()` on symbolic tensors makes the rest and records the call.
 */
export class SymbolicTensor {
  /** A number unique to this tensor in the process (graph bookkeeping). */
  readonly id = nextId++;
  /** 'dense_1/0:1' style: the producing layer, its call and output index. */
  readonly name: string;

  constructor(
    /** The dtype the tensor will have. */
    readonly dtype: DType,
    /** Its shape, batch axis first; null where the size is not known yet (usually the batch). */
    readonly shape: Shape,
    /** The layer whose call produces it (an InputLayer for `input()`'s tensors). */
    readonly sourceLayer: Layer,
    /** Which call of `sourceLayer` produces it (Keras's node index). */
    readonly nodeIndex: number,
    /** Which output of that call it is. */
    readonly tensorIndex: number,
  ) {
    this.name = `${sourceLayer.name}/${nodeIndex}:${tensorIndex}`;
  }

  /** The number of axes, batch included. */
  get rank(): number {
    return this.shape.length;
  }

  /** `SymbolicTensor(dense_1/0:0, shape=(None, 10), dtype=float32)`. */
  toString(): string {
    return `SymbolicTensor(${this.name}, shape=${fmtKerasShape(this.shape)}, dtype=${this.dtype})`;
  }
}

/** Whether `v` is a symbolic tensor or a non-empty list of them. */
export function isSymbolic(v: unknown): v is SymbolicTensor | SymbolicTensor[] {
  return v instanceof SymbolicTensor || (Array.isArray(v) && v.length > 0 && v.every((t) => t instanceof SymbolicTensor));
}
