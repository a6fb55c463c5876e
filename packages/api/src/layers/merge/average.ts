import type { Tensor } from '../../tensor/tensor.js';
import { add, div } from '../../ops/binary.js';
import { Merge, type MergeArgs } from './merge.js';
import { LAYER_OPTIONS } from '../layer-options.js';

/** Keras's Average: the elementwise mean of its inputs. */
export class Average extends Merge {
  readonly className = 'Average';

  constructor(args: MergeArgs = {}) {
    args = LAYER_OPTIONS.readFor(args, Average, new.target);
    super(args);
  }

  protected merge(inputs: Tensor[]): Tensor {
    return div(this.fold(inputs, add), inputs.length);
  }
}
