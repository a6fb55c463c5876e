import { optionKeys } from '@layerwise/data';
import type { Tensor } from '../tensor/tensor.js';
import type { LayerVariable } from '../layers/variable.js';
import { add, div, mul, sub } from '../ops/binary.js';
import { sqrt, square } from '../ops/unary.js';
import { Optimizer, OPTIMIZER_OPTIONS, type OptimizerArgs } from './optimizer.js';
import { checkEpsilon, checkUnitInterval } from './checks.js';

/** The options of `RMSprop`. */
export interface RMSpropArgs extends OptimizerArgs {
  /** Decay rate of the moving average of squared gradients. */
  rho?: number;
  /** Added to the denominator for numerical stability. */
  epsilon?: number;
}

const OPTIONS = optionKeys<RMSpropArgs>()(['epsilon', 'rho'], { base: [OPTIMIZER_OPTIONS] });

/** Keras 2 RMSprop: a = rho a + (1-rho) g^2; w -= lr g / (sqrt(a) + eps). */
export class RMSprop extends Optimizer {
  /** The Keras class name, used when saving. */
  readonly className = 'RMSprop';
  /** Decay rate of the moving average of squared gradients. */
  readonly rho: number;
  /** Added to the denominator for numerical stability. */
  readonly epsilon: number;

  constructor(args: RMSpropArgs = {}) {
    args = OPTIONS.readFor(args, RMSprop, new.target);
    super(args, 0.001);
    this.rho = args.rho ?? 0.9;
    this.epsilon = args.epsilon ?? 1e-7;
    checkUnitInterval('RMSprop', { rho: this.rho });
    checkEpsilon('RMSprop', this.epsilon);
  }

  get slotNames(): readonly string[] {
    return ['accumulator'];
  }

  protected updateVariable(variable: LayerVariable, grad: Tensor, lr: number): void {
    const [acc] = this.slotsFor(variable, this.slotNames);
    const a = add(mul(acc.value, this.rho), mul(square(grad), 1 - this.rho));
    acc.assign(a);
    variable.assign(sub(variable.value, div(mul(grad, lr), add(sqrt(a), this.epsilon))));
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), rho: this.rho, epsilon: this.epsilon };
  }
}
