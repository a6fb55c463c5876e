import type { Tensor } from '../../tensor/tensor.js';
import { maximum } from '../../ops/binary.js';
import { Merge } from './merge.js';

/** Keras's Maximum: the elementwise maximum of its inputs (NaN propagates). */
export class Maximum extends Merge {
  readonly className = 'Maximum';

  protected merge(inputs: Tensor[]): Tensor {
    return this.fold(inputs, maximum);
  }
}
