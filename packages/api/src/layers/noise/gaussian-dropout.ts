import { optionKeys } from '@layerwise/data';
import { LAYER_OPTIONS } from '../layer-options.js';
import type { Tensor } from '../../tensor/tensor.js';
import { mul, randomNormal, rng } from '../../ops/index.js';
import { Layer, type CallArgs, type LayerArgs } from '../layer.js';
import { checkRate } from '../core/arg-checks.js';

export interface GaussianDropoutArgs extends LayerArgs {
  /** Drop probability, in [0, 1): the noise has standard deviation sqrt(rate / (1 - rate)). */
  rate: number;
}

const OPTIONS = optionKeys<GaussianDropoutArgs>()(['rate'], { base: [LAYER_OPTIONS] });

/** Keras's GaussianDropout: multiplies by N(1, sqrt(rate / (1 - rate))) noise while training; the identity otherwise. */
export class GaussianDropout extends Layer {
  readonly className = 'GaussianDropout';
  /** The drop probability; the noise's standard deviation is sqrt(rate / (1 - rate)). */
  readonly rate: number;

  constructor(args: GaussianDropoutArgs) {
    args = OPTIONS.readFor(args, GaussianDropout, new.target);
    super(args);
    this.rate = checkRate(args.rate, this.name);
    this.supportsMasking = true;
  }

  call(x: Tensor, args: CallArgs): Tensor {
    if (!args.training || this.rate === 0) return x;
    return mul(x, randomNormal(x.shape, 1, Math.sqrt(this.rate / (1 - this.rate)), rng()));
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), rate: this.rate };
  }
}
