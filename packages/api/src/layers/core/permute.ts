import { optionKeys } from '@layerwise/data';
import { LAYER_OPTIONS } from '../layer-options.js';
import type { Tensor } from '../../tensor/tensor.js';
import { transpose } from '../../ops/index.js';
import { Layer, type CallArgs, type LayerArgs } from '../layer.js';
import type { Shape } from '../shape.js';
import { assertInputRank } from './input-checks.js';

export interface PermuteArgs extends LayerArgs {
  /** A permutation of 1..n over the non-batch axes (1-based, as in Keras): [2, 1] swaps the two axes. */
  dims: number[];
}

const OPTIONS = optionKeys<PermuteArgs>()(['dims'], { base: [LAYER_OPTIONS] });

/** Permutes the non-batch axes of the input. */
export class Permute extends Layer {
  readonly className = 'Permute';
  /** The 1-based permutation of the non-batch axes. */
  readonly dims: number[];

  constructor(args: PermuteArgs) {
    args = OPTIONS.readFor(args, Permute, new.target);
    super(args);
    const dims = args.dims;
    const sorted = Array.isArray(dims) ? [...dims].sort((a, b) => a - b) : [];
    if (!Array.isArray(dims) || dims.length === 0 || sorted.some((d, i) => d !== i + 1)) {
      throw new Error(`${this.name}: dims must be a permutation of 1..${Array.isArray(dims) && dims.length ? dims.length : 'n'} (1-based, the batch axis excluded), got ${JSON.stringify(dims)}`);
    }
    this.dims = dims.slice();
  }

  private checkRank(shape: readonly (number | null)[]): void {
    assertInputRank(this.name, shape, [this.dims.length + 1], `(batch plus the ${this.dims.length} axes that dims ${JSON.stringify(this.dims)} permutes)`);
  }

  override build(inputShape: Shape): void {
    this.checkRank(inputShape);
  }

  override computeOutputShape(inputShape: Shape): Shape {
    this.checkRank(inputShape);
    return [inputShape[0], ...this.dims.map((d) => inputShape[d])];
  }

  call(x: Tensor, _args: CallArgs): Tensor {
    this.checkRank(x.shape);
    return transpose(x, [0, ...this.dims]);
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), dims: this.dims.slice() };
  }
}
