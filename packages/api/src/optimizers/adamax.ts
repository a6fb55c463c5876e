import { optionKeys } from '@layerwise/data';
import type { Tensor } from '../tensor/tensor.js';
import type { LayerVariable } from '../layers/variable.js';
import { add, div, maximum, mul, sub } from '../ops/binary.js';
import { abs } from '../ops/unary.js';
import { KERAS_BETAS, Optimizer, OPTIMIZER_OPTIONS, type OptimizerArgs } from './optimizer.js';
import { checkEpsilon, checkUnitInterval } from './checks.js';

/** The options of `Adamax`. */
export interface AdamaxArgs extends OptimizerArgs {
  /** Decay rate of the first-moment (mean) estimates. */
  beta1?: number;
  /** Decay rate of the second-moment estimates. */
  beta2?: number;
  /** Added to the denominator for numerical stability. */
  epsilon?: number;
}

const OPTIONS = optionKeys<AdamaxArgs>()(['beta1', 'beta2', 'epsilon'], { base: [OPTIMIZER_OPTIONS], aliases: KERAS_BETAS });

/**
 * Keras 2 Adamax (Adam with the infinity norm): lr_t = lr / (1 - beta1^t);
 * m = b1 m + (1-b1) g; u = max(b2 u, |g|); w -= lr_t m / (u + eps).
 */
export class Adamax extends Optimizer {
  /** The Keras class name, used when saving. */
  readonly className = 'Adamax';
  /** Decay rate of the first-moment (mean) estimates. */
  readonly beta1: number;
  /** Decay rate of the second-moment estimates. */
  readonly beta2: number;
  /** Added to the denominator for numerical stability. */
  readonly epsilon: number;

  constructor(args: AdamaxArgs = {}) {
    args = OPTIONS.readFor(args, Adamax, new.target);
    super(args, 0.002);
    this.beta1 = args.beta1 ?? 0.9;
    this.beta2 = args.beta2 ?? 0.999;
    this.epsilon = args.epsilon ?? 1e-7;
    checkUnitInterval('Adamax', { beta1: this.beta1, beta2: this.beta2 });
    checkEpsilon('Adamax', this.epsilon);
  }

  get slotNames(): readonly string[] {
    return ['m', 'u'];
  }

  protected updateVariable(variable: LayerVariable, grad: Tensor, lr: number): void {
    const [mSlot, uSlot] = this.slotsFor(variable, this.slotNames);
    const lrT = lr / (1 - this.beta1 ** (this.iterations + 1));
    const m = add(mul(mSlot.value, this.beta1), mul(grad, 1 - this.beta1));
    const u = maximum(mul(uSlot.value, this.beta2), abs(grad));
    mSlot.assign(m);
    uSlot.assign(u);
    variable.assign(sub(variable.value, div(mul(m, lrT), add(u, this.epsilon))));
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon };
  }
}
