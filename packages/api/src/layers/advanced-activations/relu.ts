import { optionKeys } from '@layerwise/data';
import { LAYER_OPTIONS } from '../layer-options.js';
import type { Tensor } from '../../tensor/tensor.js';
import { Layer, type CallArgs, type LayerArgs } from '../layer.js';
import { kerasRelu } from './relu-formula.js';
import { checkFinite } from '../core/arg-checks.js';

export interface ReLUArgs extends LayerArgs {
  /** Outputs are clipped to at most this (>= 0); default none. */
  maxValue?: number | null;
  /** Slope below the threshold (>= 0); default 0. */
  negativeSlope?: number;
  /** Inputs at or below it take the negative slope; default 0. */
  threshold?: number;
}

const OPTIONS = optionKeys<ReLUArgs>()(['maxValue', 'negativeSlope', 'threshold'], { base: [LAYER_OPTIONS] });

/**
 * Keras 2.2.4's ReLU layer: maxValue for x >= maxValue, x for threshold < x < maxValue,
 * negativeSlope * (x - threshold) otherwise.
 */
export class ReLU extends Layer {
  readonly className = 'ReLU';
  /** The ceiling outputs are clipped to (null: none). */
  readonly maxValue: number | null;
  /** The slope below the threshold (default 0). */
  readonly negativeSlope: number;
  /** Inputs at or below it take the negative slope (default 0). */
  readonly threshold: number;

  constructor(args: ReLUArgs = {}) {
    args = OPTIONS.readFor(args, ReLU, new.target);
    super(args);
    this.maxValue = args.maxValue === undefined || args.maxValue === null ? null : checkFinite(args.maxValue, this.name, 'maxValue', 0);
    this.negativeSlope = checkFinite(args.negativeSlope ?? 0, this.name, 'negativeSlope', 0);
    this.threshold = checkFinite(args.threshold ?? 0, this.name, 'threshold');
    this.supportsMasking = true;
  }

  call(x: Tensor, _args: CallArgs): Tensor {
    return kerasRelu(x, this.negativeSlope, this.maxValue, this.threshold);
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), maxValue: this.maxValue, negativeSlope: this.negativeSlope, threshold: this.threshold };
  }
}
