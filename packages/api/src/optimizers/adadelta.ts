import { optionKeys } from '@layerwise/data';
import type { Tensor } from '../tensor/tensor.js';
import type { LayerVariable } from '../layers/variable.js';
import { add, div, mul, sub } from '../ops/binary.js';
import { sqrt, square } from '../ops/unary.js';
import { Optimizer, OPTIMIZER_OPTIONS, type OptimizerArgs } from './optimizer.js';
import { checkEpsilon, checkUnitInterval } from './checks.js';

/** The options of `Adadelta`. */
export interface AdadeltaArgs extends OptimizerArgs {
  /** Decay rate of the moving averages of squared gradients and squared updates. */
  rho?: number;
  /** Added to the denominator for numerical stability. */
  epsilon?: number;
}

const OPTIONS = optionKeys<AdadeltaArgs>()(['epsilon', 'rho'], { base: [OPTIMIZER_OPTIONS] });

/**
 * Keras 2 Adadelta: a = rho a + (1-rho) g^2; u = g sqrt(d + eps) / sqrt(a + eps) (the new
 * accumulator, the old delta); w -= lr u; d = rho d + (1-rho) u^2.
 */
export class Adadelta extends Optimizer {
  /** The Keras class name, used when saving. */
  readonly className = 'Adadelta';
  /** Decay rate of the moving averages of squared gradients and squared updates. */
  readonly rho: number;
  /** Added to the denominator for numerical stability. */
  readonly epsilon: number;

  constructor(args: AdadeltaArgs = {}) {
    args = OPTIONS.readFor(args, Adadelta, new.target);
    super(args, 1.0);
    this.rho = args.rho ?? 0.95;
    this.epsilon = args.epsilon ?? 1e-7;
    checkUnitInterval('Adadelta', { rho: this.rho });
    checkEpsilon('Adadelta', this.epsilon);
  }

  get slotNames(): readonly string[] {
    return ['accumulator', 'delta_accumulator'];
  }

  protected updateVariable(variable: LayerVariable, grad: Tensor, lr: number): void {
    const [acc, deltaAcc] = this.slotsFor(variable, this.slotNames);
    const a = add(mul(acc.value, this.rho), mul(square(grad), 1 - this.rho));
    acc.assign(a);
    const update = div(mul(grad, sqrt(add(deltaAcc.value, this.epsilon))), sqrt(add(a, this.epsilon)));
    variable.assign(sub(variable.value, mul(update, lr)));
    deltaAcc.assign(add(mul(deltaAcc.value, this.rho), mul(square(update), 1 - this.rho)));
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), rho: this.rho, epsilon: this.epsilon };
  }
}
