import { optionKeys } from '@layerwise/data';
import { LAYER_OPTIONS } from '../layer-options.js';
import type { Tensor } from '../../tensor/tensor.js';
import { cast, greater, mul } from '../../ops/index.js';
import { Layer, type CallArgs, type LayerArgs } from '../layer.js';
import { checkFinite } from '../core/arg-checks.js';

export interface ThresholdedReLUArgs extends LayerArgs {
  /** Inputs at or below it become 0; default 1. */
  theta?: number;
}

const OPTIONS = optionKeys<ThresholdedReLUArgs>()(['theta'], { base: [LAYER_OPTIONS] });

/** Keras's ThresholdedReLU: x * (x > theta). */
export class ThresholdedReLU extends Layer {
  readonly className = 'ThresholdedReLU';
  /** Inputs at or below it become 0 (default 1). */
  readonly theta: number;

  constructor(args: ThresholdedReLUArgs = {}) {
    args = OPTIONS.readFor(args, ThresholdedReLU, new.target);
    super(args);
    this.theta = checkFinite(args.theta ?? 1, this.name, 'theta');
    this.supportsMasking = true;
  }

  call(x: Tensor, _args: CallArgs): Tensor {
    return mul(x, cast(greater(x, this.theta), 'float32'));
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), theta: this.theta };
  }
}
