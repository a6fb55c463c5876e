import { optionKeys } from '@layerwise/data';
import { LAYER_OPTIONS } from '../layer-options.js';
import type { Tensor } from '../../tensor/tensor.js';
import { L1L2 } from '../../regularizers/index.js';
import { Layer, type CallArgs, type LayerArgs } from '../layer.js';
import { checkFinite } from './arg-checks.js';

export interface ActivityRegularizationArgs extends LayerArgs {
  /** Weight of sum(|x|) in the loss; default 0. */
  l1?: number;
  /** Weight of sum(x^2) in the loss; default 0. */
  l2?: number;
}

const OPTIONS = optionKeys<ActivityRegularizationArgs>()(['l1', 'l2'], { base: [LAYER_OPTIONS] });

/** Keras's ActivityRegularization: the identity, adding l1 * sum|x| + l2 * sum x^2 of its input to the loss (see Layer.activityRegularizer). */
export class ActivityRegularization extends Layer {
  readonly className = 'ActivityRegularization';
  /** The weight of sum(|x|) in the loss. */
  readonly l1: number;
  /** The weight of sum(x^2) in the loss. */
  readonly l2: number;

  constructor(args: ActivityRegularizationArgs = {}) {
    args = OPTIONS.readFor(args, ActivityRegularization, new.target);
    super(args);
    this.l1 = checkFinite(args.l1 ?? 0, this.name, 'l1', 0);
    this.l2 = checkFinite(args.l2 ?? 0, this.name, 'l2', 0);
    this.activityRegularizer = new L1L2({ l1: this.l1, l2: this.l2 });
    this.supportsMasking = true;
  }

  call(x: Tensor, _args: CallArgs): Tensor {
    return x;
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), l1: this.l1, l2: this.l2 };
  }
}
