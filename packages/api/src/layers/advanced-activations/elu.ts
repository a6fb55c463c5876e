import { optionKeys } from '@layerwise/data';
import { LAYER_OPTIONS } from '../layer-options.js';
import type { Tensor } from '../../tensor/tensor.js';
import { expm1, greater, minimum, mul, where } from '../../ops/index.js';
import { Layer, type CallArgs, type LayerArgs } from '../layer.js';
import { checkFinite } from '../core/arg-checks.js';

export interface ELUArgs extends LayerArgs {
  /** Scale of the negative part; default 1. */
  alpha?: number;
}

const OPTIONS = optionKeys<ELUArgs>()(['alpha'], { base: [LAYER_OPTIONS] });

/** Keras's ELU layer: x for x > 0, alpha * (exp(x) - 1) otherwise. */
export class ELU extends Layer {
  readonly className = 'ELU';
  /** Scale of the negative part (default 1). */
  readonly alpha: number;

  constructor(args: ELUArgs = {}) {
    args = OPTIONS.readFor(args, ELU, new.target);
    super(args);
    this.alpha = checkFinite(args.alpha ?? 1, this.name, 'alpha');
    this.supportsMasking = true;
  }

  call(x: Tensor, _args: CallArgs): Tensor {
    // min(x, 0) keeps expm1 of the large inputs (not taken) from overflowing into the gradient.
    const negative = expm1(minimum(x, 0));
    return where(greater(x, 0), x, this.alpha === 1 ? negative : mul(negative, this.alpha));
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), alpha: this.alpha };
  }
}
