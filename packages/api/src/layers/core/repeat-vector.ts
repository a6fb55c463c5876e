import { optionKeys } from '@layerwise/data';
import { LAYER_OPTIONS } from '../layer-options.js';
import type { Tensor } from '../../tensor/tensor.js';
import { broadcastTo, expandDims } from '../../ops/index.js';
import { Layer, type CallArgs, type LayerArgs } from '../layer.js';
import type { Shape } from '../shape.js';
import { assertInputRank } from './input-checks.js';

export interface RepeatVectorArgs extends LayerArgs {
  /** How many times to repeat each sample. */
  n: number;
}

const OPTIONS = optionKeys<RepeatVectorArgs>()(['n'], { base: [LAYER_OPTIONS] });

/** [batch, features] -> [batch, n, features]. */
export class RepeatVector extends Layer {
  readonly className = 'RepeatVector';
  /** How many times each sample is repeated (the new axis 1). */
  readonly n: number;

  constructor(args: RepeatVectorArgs) {
    args = OPTIONS.readFor(args, RepeatVector, new.target);
    super(args);
    if (!Number.isInteger(args.n) || args.n < 1) throw new Error(`${this.name}: n must be a positive integer, got ${args.n}`);
    this.n = args.n;
  }

  override build(inputShape: Shape): void {
    assertInputRank(this.name, inputShape, [2], '(batch, features)');
  }

  override computeOutputShape(inputShape: Shape): Shape {
    assertInputRank(this.name, inputShape, [2], '(batch, features)');
    return [inputShape[0], this.n, inputShape[1]];
  }

  call(x: Tensor, _args: CallArgs): Tensor {
    assertInputRank(this.name, x.shape, [2], '(batch, features)');
    return broadcastTo(expandDims(x, 1), [x.shape[0], this.n, x.shape[1]]);
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), n: this.n };
  }
}
