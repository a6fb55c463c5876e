import type { Tensor } from '../../tensor/tensor.js';
import { add } from '../../ops/binary.js';
import { Merge } from './merge.js';

/** Keras's Add: the elementwise sum of its inputs. */
export class Add extends Merge {
  readonly className = 'Add';

  protected merge(inputs: Tensor[]): Tensor {
    return this.fold(inputs, add);
  }
}
