import type { Tensor } from '../tensor/tensor.js';
import type { LayerVariable } from '../layers/variable.js';
import { add, mul, sub } from '../ops/binary.js';
import { Optimizer, type OptimizerArgs } from './optimizer.js';

export interface SGDArgs extends OptimizerArgs {
  momentum?: number;
  nesterov?: boolean;
}

/** Keras 2 SGD: v = momentum * v - lr * g; w += v (or w += momentum * v - lr * g with Nesterov). */
export class SGD extends Optimizer {
  readonly className = 'SGD';
  readonly momentum: number;
  readonly nesterov: boolean;

  constructor(args: SGDArgs = {}) {
    super(args, 0.01);
    this.momentum = args.momentum ?? 0;
    this.nesterov = args.nesterov ?? false;
    if (!(this.momentum >= 0)) throw new Error(`SGD: momentum must be >= 0, got ${this.momentum}`);
  }

  get slotNames(): readonly string[] {
    return this.momentum > 0 ? ['momentum'] : [];
  }

  protected updateVariable(variable: LayerVariable, grad: Tensor, lr: number): void {
    if (this.momentum === 0) {
      variable.assign(sub(variable.value, mul(grad, lr)));
      return;
    }
    const [velocity] = this.slotsFor(variable, this.slotNames);
    const v = sub(mul(velocity.value, this.momentum), mul(grad, lr));
    velocity.assign(v);
    const step = this.nesterov ? sub(mul(v, this.momentum), mul(grad, lr)) : v;
    variable.assign(add(variable.value, step));
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), momentum: this.momentum, nesterov: this.nesterov };
  }
}
