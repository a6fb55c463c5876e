import type { Tensor } from '../../tensor/tensor.js';
import { minimum } from '../../ops/binary.js';
import { Merge } from './merge.js';

/** Keras's Minimum: the elementwise minimum of its inputs (NaN propagates). */
export class Minimum extends Merge {
  readonly className = 'Minimum';

  protected merge(inputs: Tensor[]): Tensor {
    return this.fold(inputs, minimum);
  }
}
