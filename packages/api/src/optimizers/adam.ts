import { optionKeys } from '@layerwise/data';
import type { Tensor } from '../tensor/tensor.js';
import type { LayerVariable } from '../layers/variable.js';
import { add, div, maximum, mul, sub } from '../ops/binary.js';
import { sqrt, square } from '../ops/unary.js';
import { adamStep } from '../ops/fused.js';
import { KERAS_BETAS, Optimizer, OPTIMIZER_OPTIONS, type OptimizerArgs } from './optimizer.js';
import { checkEpsilon, checkUnitInterval } from './checks.js';

/** The options of `Adam`. */
export interface AdamArgs extends OptimizerArgs {
  /** Decay rate of the first-moment (mean) estimates. */
  beta1?: number;
  /** Decay rate of the second-moment estimates. */
  beta2?: number;
  /** Added to the denominator for numerical stability. */
  epsilon?: number;
  /** Use the AMSGrad variant (the running maximum of the second moments). */
  amsgrad?: boolean;
}

const OPTIONS = optionKeys<AdamArgs>()([
  'amsgrad', 'beta1', 'beta2', 'epsilon',
], { base: [OPTIMIZER_OPTIONS], aliases: KERAS_BETAS });

/**
 * Keras 2 Adam: lr_t = lr * sqrt(1 - beta2^t) / (1 - beta1^t);
 * m = b1 m + (1-b1) g; v = b2 v + (1-b2) g^2; w -= lr_t m / (sqrt(v) + eps)
 * (with amsgrad, v is replaced by the running max vhat).
 */
export class Adam extends Optimizer {
  /** The Keras class name, used when saving. */
  readonly className = 'Adam';
  /** Decay rate of the first-moment (mean) estimates. */
  readonly beta1: number;
  /** Decay rate of the second-moment estimates. */
  readonly beta2: number;
  /** Added to the denominator for numerical stability. */
  readonly epsilon: number;
  /** Use the AMSGrad variant (the running maximum of the second moments). */
  readonly amsgrad: boolean;

  constructor(args: AdamArgs = {}) {
    args = OPTIONS.readFor(args, Adam, new.target);
    super(args, 0.001);
    this.beta1 = args.beta1 ?? 0.9;
    this.beta2 = args.beta2 ?? 0.999;
    this.epsilon = args.epsilon ?? 1e-7;
    this.amsgrad = args.amsgrad ?? false;
    checkUnitInterval('Adam', { beta1: this.beta1, beta2: this.beta2 });
    checkEpsilon('Adam', this.epsilon);
  }

  /** Keras 2 keeps `vhat` even without amsgrad, as a shape-[1] placeholder, so the weight count matches Keras's. */
  get slotNames(): readonly string[] {
    return ['m', 'v', 'vhat'];
  }

  protected override slotShape(name: string, variable: LayerVariable): number[] {
    return name === 'vhat' && !this.amsgrad ? [1] : variable.shape;
  }

  protected updateVariable(variable: LayerVariable, grad: Tensor, lr: number): void {
    const slots = this.slotsFor(variable, this.slotNames);
    const t = this.iterations + 1;
    const lrT = (lr * Math.sqrt(1 - this.beta2 ** t)) / (1 - this.beta1 ** t);
    if (!this.amsgrad) {
      // One fused pass where the backend has it (same numbers as the composition below).
      const [p, m, v] = adamStep(variable.value, grad, slots[0].value, slots[1].value, { lrT, beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon });
      slots[0].assign(m);
      slots[1].assign(v);
      variable.assign(p);
      return;
    }
    const m = add(mul(slots[0].value, this.beta1), mul(grad, 1 - this.beta1));
    const v = add(mul(slots[1].value, this.beta2), mul(square(grad), 1 - this.beta2));
    slots[0].assign(m);
    slots[1].assign(v);
    const vhat = maximum(slots[2].value, v);
    slots[2].assign(vhat);
    variable.assign(sub(variable.value, div(mul(m, lrT), add(sqrt(vhat), this.epsilon))));
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon, amsgrad: this.amsgrad };
  }
}
