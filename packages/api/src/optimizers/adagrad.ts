import { optionKeys } from '@layerwise/data';
import type { Tensor } from '../tensor/tensor.js';
import type { LayerVariable } from '../layers/variable.js';
import { add, div, mul, sub } from '../ops/binary.js';
import { sqrt, square } from '../ops/unary.js';
import { Optimizer, OPTIMIZER_OPTIONS, type OptimizerArgs } from './optimizer.js';
import { checkEpsilon } from './checks.js';

/** The options of `Adagrad`. */
export interface AdagradArgs extends OptimizerArgs {
  /** Added to the denominator for numerical stability. */
  epsilon?: number;
}

const OPTIONS = optionKeys<AdagradArgs>()(['epsilon'], { base: [OPTIMIZER_OPTIONS] });

/**
 * Keras 2 Adagrad: a += g^2; w -= lr g / (sqrt(a) + eps). The accumulators start at 0
 * (tf.keras starts them at 0.1; Keras 2 does not).
 */
export class Adagrad extends Optimizer {
  /** The Keras class name, used when saving. */
  readonly className = 'Adagrad';
  /** Added to the denominator for numerical stability. */
  readonly epsilon: number;

  constructor(args: AdagradArgs = {}) {
    args = OPTIONS.readFor(args, Adagrad, new.target);
    super(args, 0.01);
    this.epsilon = args.epsilon ?? 1e-7;
    checkEpsilon('Adagrad', this.epsilon);
  }

  get slotNames(): readonly string[] {
    return ['accumulator'];
  }

  protected updateVariable(variable: LayerVariable, grad: Tensor, lr: number): void {
    const [acc] = this.slotsFor(variable, this.slotNames);
    const a = add(acc.value, square(grad));
    acc.assign(a);
    variable.assign(sub(variable.value, div(mul(grad, lr), add(sqrt(a), this.epsilon))));
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), epsilon: this.epsilon };
  }
}
