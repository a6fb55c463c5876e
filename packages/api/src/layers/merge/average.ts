import type { Tensor } from '../../tensor/tensor.js';
import { add, div } from '../../ops/binary.js';
import { Merge } from './merge.js';

/** Keras's Average: the elementwise mean of its inputs. */
export class Average extends Merge {
  readonly className = 'Average';

  protected merge(inputs: Tensor[]): Tensor {
    return div(this.fold(inputs, add), inputs.length);
  }
}
