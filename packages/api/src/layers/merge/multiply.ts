import type { Tensor } from '../../tensor/tensor.js';
import { mul } from '../../ops/binary.js';
import { Merge } from './merge.js';

/** Keras's Multiply: the elementwise product of its inputs. */
export class Multiply extends Merge {
  readonly className = 'Multiply';

  protected merge(inputs: Tensor[]): Tensor {
    return this.fold(inputs, mul);
  }
}
