import type { Tensor } from '../../tensor/tensor.js';
import { add, mul, sub } from '../../ops/index.js';
import type { CallArgs } from '../layer.js';
import { Dropout, DROPOUT_OPTIONS, type DropoutArgs } from '../core/dropout.js';

// SELU's constants, as Keras 2.2.4's AlphaDropout writes them.
const SELU_ALPHA = 1.6732632423543772848170429916717;
const SELU_SCALE = 1.0507009873554804934193349852946;

/** AlphaDropout takes Dropout's options: rate, noiseShape, seed. */
export type AlphaDropoutArgs = DropoutArgs;

/**
 * Keras's AlphaDropout, for SELU networks: while training, dropped elements are set to
 * SELU's negative saturation alpha' = -alpha * scale, then a * x + b restores the mean and
 * variance, with a = ((1 - rate)(1 + rate alpha'^2))^-1/2 and b = -a alpha' rate. The mask
 * is drawn as Dropout draws it (noiseShape, seed); the identity at inference.
 */
export class AlphaDropout extends Dropout {
  override readonly className: string = 'AlphaDropout';

  constructor(args: AlphaDropoutArgs) {
    args = DROPOUT_OPTIONS.readFor(args, AlphaDropout, new.target);
    super(args);
  }

  override call(x: Tensor, args: CallArgs): Tensor {
    if (!args.training || this.rate === 0) return x;
    const rate = this.rate;
    const alphaP = -SELU_ALPHA * SELU_SCALE;
    const a = ((1 - rate) * (1 + rate * alphaP ** 2)) ** -0.5;
    const b = -a * alphaP * rate;
    const kept = this.keepMask(x);
    // x * kept + alpha' * (1 - kept), then a * that + b.
    const dropped = add(mul(x, kept), mul(sub(1, kept), alphaP));
    return add(mul(dropped, a), b);
  }
}
