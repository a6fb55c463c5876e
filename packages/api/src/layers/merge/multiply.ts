import type { Tensor } from '../../tensor/tensor.js';
import { mul } from '../../ops/binary.js';
import { Merge, type MergeArgs } from './merge.js';
import { LAYER_OPTIONS } from '../layer-options.js';

/** Keras's Multiply: the elementwise product of its inputs. */
export class Multiply extends Merge {
  readonly className = 'Multiply';

  constructor(args: MergeArgs = {}) {
    args = LAYER_OPTIONS.readFor(args, Multiply, new.target);
    super(args);
  }

  protected merge(inputs: Tensor[]): Tensor {
    return this.fold(inputs, mul);
  }
}
