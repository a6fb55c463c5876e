import { optionKeys } from '@layerwise/data';
import { LAYER_OPTIONS } from '../layer-options.js';
import type { Tensor } from '../../tensor/tensor.js';
import { Layer, type CallArgs, type LayerArgs } from '../layer.js';
import { kerasRelu } from './relu-formula.js';
import { checkFinite } from '../core/arg-checks.js';

export interface LeakyReLUArgs extends LayerArgs {
  /** Slope for x < 0; default 0.3. */
  alpha?: number;
}

const OPTIONS = optionKeys<LeakyReLUArgs>()(['alpha'], { base: [LAYER_OPTIONS] });

/** Keras's LeakyReLU: x for x >= 0, alpha * x otherwise. */
export class LeakyReLU extends Layer {
  readonly className = 'LeakyReLU';
  /** Slope for x < 0 (default 0.3). */
  readonly alpha: number;

  constructor(args: LeakyReLUArgs = {}) {
    args = OPTIONS.readFor(args, LeakyReLU, new.target);
    super(args);
    this.alpha = checkFinite(args.alpha ?? 0.3, this.name, 'alpha');
    this.supportsMasking = true;
  }

  call(x: Tensor, _args: CallArgs): Tensor {
    return kerasRelu(x, this.alpha, null, 0);
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), alpha: this.alpha };
  }
}
