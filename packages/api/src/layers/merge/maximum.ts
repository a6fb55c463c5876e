import type { Tensor } from '../../tensor/tensor.js';
import { maximum } from '../../ops/binary.js';
import { Merge, type MergeArgs } from './merge.js';
import { LAYER_OPTIONS } from '../layer-options.js';

/** Keras's Maximum: the elementwise maximum of its inputs (NaN propagates). */
export class Maximum extends Merge {
  readonly className = 'Maximum';

  constructor(args: MergeArgs = {}) {
    args = LAYER_OPTIONS.readFor(args, Maximum, new.target);
    super(args);
  }

  protected merge(inputs: Tensor[]): Tensor {
    return this.fold(inputs, maximum);
  }
}
