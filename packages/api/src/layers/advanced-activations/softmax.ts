import { optionKeys } from '@layerwise/data';
import { LAYER_OPTIONS } from '../layer-options.js';
import type { Tensor } from '../../tensor/tensor.js';
import { div, exp, max, softmax, sub, sum } from '../../ops/index.js';
import { Layer, type CallArgs, type LayerArgs } from '../layer.js';
import type { Shape } from '../shape.js';
import { fmtKerasShape } from '../shape.js';

export interface SoftmaxArgs extends LayerArgs {
  /** The axis normalised; default -1. */
  axis?: number;
}

const OPTIONS = optionKeys<SoftmaxArgs>()(['axis'], { base: [LAYER_OPTIONS] });

/**
 * Keras 2's Softmax layer: exp(x - max) / sum(exp(x - max)) along `axis`. As in Keras 2
 * (activations.softmax), a rank-2 input is normalised along its last axis whatever `axis`
 * says, and a rank-1 input is refused.
 */
export class Softmax extends Layer {
  readonly className = 'Softmax';
  /** The axis normalised, as given (default -1; a rank-2 input always uses its last axis). */
  readonly axis: number;

  constructor(args: SoftmaxArgs = {}) {
    args = OPTIONS.readFor(args, Softmax, new.target);
    super(args);
    const axis = args.axis ?? -1;
    if (!Number.isInteger(axis)) throw new Error(`${this.name}: axis must be an integer, got ${JSON.stringify(args.axis)}`);
    this.axis = axis;
    this.supportsMasking = true;
  }

  /** The axis normalised for an input of `shape`, checked. */
  private resolvedAxis(shape: readonly (number | null)[]): number {
    const rank = shape.length;
    if (rank < 2) throw new Error(`${this.name}: cannot apply softmax to an input of rank 1, got shape ${fmtKerasShape(shape as Shape)}`);
    if (rank === 2) return 1;
    if (this.axis < -rank || this.axis >= rank) throw new Error(`${this.name}: axis ${this.axis} is out of range for input of shape ${fmtKerasShape(shape as Shape)}`);
    return this.axis < 0 ? this.axis + rank : this.axis;
  }

  override build(inputShape: Shape): void {
    this.resolvedAxis(inputShape);
  }

  call(x: Tensor, _args: CallArgs): Tensor {
    const axis = this.resolvedAxis(x.shape);
    if (axis === x.rank - 1) return softmax(x);
    const e = exp(sub(x, max(x, axis, true)));
    return div(e, sum(e, axis, true));
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), axis: this.axis };
  }
}
