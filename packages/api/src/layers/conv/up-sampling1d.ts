import { optionKeys } from '@layerwise/data';
import { LAYER_OPTIONS } from '../layer-options.js';
import type { LayerArgs } from '../layer.js';
import { UpSampling } from './up-sampling.js';

export interface UpSampling1DArgs extends LayerArgs {
  /** How many times each step is repeated; default 2. */
  size?: number;
}

const OPTIONS = optionKeys<UpSampling1DArgs>()(['size'], { base: [LAYER_OPTIONS] });

/** Repeats each step of [batch, steps, features] `size` times (Keras's K.repeat_elements on axis 1). */
export class UpSampling1D extends UpSampling {
  readonly className = 'UpSampling1D';

  constructor(args: UpSampling1DArgs = {}) {
    args = OPTIONS.readFor(args, UpSampling1D, new.target);
    super(1, args.size ?? 2, args, false);
  }

  /** As Keras writes it: size as one number. */
  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), size: this.size[0] };
  }
}
