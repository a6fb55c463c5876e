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
  readonly id = nextId++;
  /** 'dense_1/0:1' style: the producing layer, its call and output index. */
  readonly name: string;

  constructor(
    readonly dtype: DType,
    readonly shape: Shape,
    readonly sourceLayer: Layer,
    readonly nodeIndex: number,
    readonly tensorIndex: number,
  ) {
    this.name = `${sourceLayer.name}/${nodeIndex}:${tensorIndex}`;
  }

  get rank(): number {
    return this.shape.length;
  }

  toString(): string {
    return `SymbolicTensor(${this.name}, shape=${fmtKerasShape(this.shape)}, dtype=${this.dtype})`;
  }
}

/** Whether `v` is a symbolic tensor or a non-empty list of them. */
export function isSymbolic(v: unknown): v is SymbolicTensor | SymbolicTensor[] {
  return v instanceof SymbolicTensor || (Array.isArray(v) && v.length > 0 && v.every((t) => t instanceof SymbolicTensor));
}
