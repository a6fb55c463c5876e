import { optionKeys } from '@layerwise/data';
import { LAYER_OPTIONS } from '../layer-options.js';
import type { Tensor } from '../../tensor/tensor.js';
import { add, randomNormal, rng } from '../../ops/index.js';
import { Layer, type CallArgs, type LayerArgs } from '../layer.js';
import { checkFinite } from '../core/arg-checks.js';

export interface GaussianNoiseArgs extends LayerArgs {
  /** Standard deviation of the noise. */
  stddev: number;
}

const OPTIONS = optionKeys<GaussianNoiseArgs>()(['stddev'], { base: [LAYER_OPTIONS] });

/** Keras's GaussianNoise: adds N(0, stddev) noise while training (from the global generator, see setRandomSeed); the identity otherwise. */
export class GaussianNoise extends Layer {
  readonly className = 'GaussianNoise';
  /** The standard deviation of the added noise (>= 0). */
  readonly stddev: number;

  constructor(args: GaussianNoiseArgs) {
    args = OPTIONS.readFor(args, GaussianNoise, new.target);
    super(args);
    this.stddev = checkFinite(args.stddev, this.name, 'stddev', 0);
    this.supportsMasking = true;
  }

  call(x: Tensor, args: CallArgs): Tensor {
    if (!args.training) return x;
    return add(x, randomNormal(x.shape, 0, this.stddev, rng()));
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), stddev: this.stddev };
  }
}
