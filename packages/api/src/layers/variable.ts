import type { DType } from '../kernel/dtypes.js';
import { Storage } from '../tensor/storage.js';
import { Tensor } from '../tensor/tensor.js';
import { fmtShape, shapesEqual } from '../tensor/shape.js';
import type { Constraint } from '../constraints/constraint.js';

let nextVariableId = 0;

/**
 * A layer's weight. Holds an untracked tensor (no scope frees it) and swaps it on
 * `assign`; tensors handed out earlier keep the old values (buffers are never mutated).
 */
export class LayerVariable {
  /** A number unique to this variable in the process (optimizers key their slots by it). */
  readonly id = nextVariableId++;
  private current: Tensor;

  /**
   * @param name `<layer>/<weight>` (`dense/kernel`), what saved files and `loadWeights` match by.
   * @param trainable whether optimizers update it.
   * @param constraint projects the value after each optimizer step (Keras's
   * `K.variable(..., constraint=)`); a direct `assign` does not apply it.
   */
  constructor(readonly name: string, value: Tensor, public trainable = true, readonly constraint: Constraint | null = null) {
    this.current = LayerVariable.detach(value);
  }

  /** An untracked tensor sharing `t`'s buffer. */
  private static detach(t: Tensor): Tensor {
    const storage = t.storage;
    if (!storage) throw new Error(`LayerVariable: the value tensor is disposed`);
    return new Tensor(storage.retain() as Storage, t.shape, t.dtype);
  }

  /** The current value (owned by the variable: do not dispose it; it is replaced, not changed, by `assign`). */
  get value(): Tensor {
    return this.current;
  }

  /** The value's shape. */
  get shape(): number[] {
    return this.current.shape;
  }

  /** The value's dtype. */
  get dtype(): DType {
    return this.current.dtype;
  }

  /** Replaces the value (same shape and dtype); the caller keeps ownership of `t`. */
  assign(t: Tensor): void {
    if (!shapesEqual(t.shape, this.current.shape) || t.dtype !== this.current.dtype) {
      throw new Error(`assign to weight '${this.name}': expected ${this.current.dtype} of shape ${fmtShape(this.current.shape)}, got ${t.dtype} of shape ${fmtShape(t.shape)}`);
    }
    const next = LayerVariable.detach(t);
    this.current.dispose();
    this.current = next;
  }

  /** Free the value's memory. */
  dispose(): void {
    this.current.dispose();
  }
}
