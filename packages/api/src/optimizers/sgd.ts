import { optionKeys } from '@layerwise/data';
import type { Tensor } from '../tensor/tensor.js';
import type { LayerVariable } from '../layers/variable.js';
import { add, mul, sub } from '../ops/binary.js';
import { Optimizer, OPTIMIZER_OPTIONS, type OptimizerArgs } from './optimizer.js';

/** The options of `SGD`. */
export interface SGDArgs extends OptimizerArgs {
  /** Momentum factor (0: plain SGD). */
  momentum?: number;
  /** Use Nesterov momentum. */
  nesterov?: boolean;
}

const OPTIONS = optionKeys<SGDArgs>()(['momentum', 'nesterov'], { base: [OPTIMIZER_OPTIONS] });

/**
 * Keras 2 SGD: v = momentum * v - lr * g; w += v (or w += momentum * v - lr * g with Nesterov).
 * Like Keras 2 it keeps the velocity slot even with momentum 0, so its weights match Keras's.
 */
export class SGD extends Optimizer {
  /** The Keras class name, used when saving. */
  readonly className = 'SGD';
  /** Momentum factor (0: plain SGD). */
  readonly momentum: number;
  /** Use Nesterov momentum. */
  readonly nesterov: boolean;

  constructor(args: SGDArgs = {}) {
    args = OPTIONS.readFor(args, SGD, new.target);
    super(args, 0.01);
    this.momentum = args.momentum ?? 0;
    this.nesterov = args.nesterov ?? false;
    if (!(this.momentum >= 0)) throw new Error(`SGD: momentum must be >= 0, got ${this.momentum}`);
  }

  get slotNames(): readonly string[] {
    return ['momentum'];
  }

  protected updateVariable(variable: LayerVariable, grad: Tensor, lr: number): void {
    const [velocity] = this.slotsFor(variable, this.slotNames);
    const lrG = mul(grad, lr);
    const v = sub(mul(velocity.value, this.momentum), lrG);
    velocity.assign(v);
    const step = this.nesterov ? sub(mul(v, this.momentum), lrG) : v;
    variable.assign(add(variable.value, step));
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), momentum: this.momentum, nesterov: this.nesterov };
  }
}
