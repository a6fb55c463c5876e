import type { Tensor } from '../../tensor/tensor.js';
import { minimum } from '../../ops/binary.js';
import { Merge, type MergeArgs } from './merge.js';
import { LAYER_OPTIONS } from '../layer-options.js';

/** Keras's Minimum: the elementwise minimum of its inputs (NaN propagates). */
export class Minimum extends Merge {
  readonly className = 'Minimum';

  constructor(args: MergeArgs = {}) {
    args = LAYER_OPTIONS.readFor(args, Minimum, new.target);
    super(args);
  }

  protected merge(inputs: Tensor[]): Tensor {
    return this.fold(inputs, minimum);
  }
}
