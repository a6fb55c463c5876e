import type { Tensor } from '../../tensor/tensor.js';
import { add } from '../../ops/binary.js';
import { Merge, type MergeArgs } from './merge.js';
import { LAYER_OPTIONS } from '../layer-options.js';

/** Keras's Add: the elementwise sum of its inputs. */
export class Add extends Merge {
  readonly className = 'Add';

  constructor(args: MergeArgs = {}) {
    args = LAYER_OPTIONS.readFor(args, Add, new.target);
    super(args);
  }

  protected merge(inputs: Tensor[]): Tensor {
    return this.fold(inputs, add);
  }
}
