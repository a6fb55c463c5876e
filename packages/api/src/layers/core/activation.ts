import { optionKeys } from '@layerwise/data';
import { LAYER_OPTIONS } from '../layer-options.js';
import type { Tensor } from '../../tensor/tensor.js';
import { canonicalActivation, getActivation, kerasActivationName, type ActivationIdentifier, type ActivationName } from '../../activations/index.js';
import { Layer, type CallArgs, type LayerArgs } from '../layer.js';

export interface ActivationArgs extends LayerArgs {
  /** 'relu', 'softmax', 'hard_sigmoid', ... (Keras or tfjs spelling), or a function (x: Tensor) => Tensor. */
  activation: ActivationIdentifier;
}

const OPTIONS = optionKeys<ActivationArgs>()(['activation'], { base: [LAYER_OPTIONS] });

/** Applies an activation function element-wise (softmax: over the last axis). */
export class Activation extends Layer {
  readonly className = 'Activation';
  /** The activation's name as tfjs spells it ('hardSigmoid'); getConfig writes Keras's ('hard_sigmoid'). */
  readonly activation: ActivationName;

  constructor(args: ActivationArgs) {
    args = OPTIONS.readFor(args, Activation, new.target);
    super(args);
    try {
      this.activation = canonicalActivation(args.activation);
    } catch (err) {
      throw new Error(`${this.name}: ${(err as Error).message}`);
    }
    this.supportsMasking = true;
  }

  call(x: Tensor, _args: CallArgs): Tensor {
    return getActivation(this.activation)(x);
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), activation: kerasActivationName(this.activation) };
  }
}
