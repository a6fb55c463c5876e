import type { Tensor } from '../../tensor/tensor.js';
import { sub } from '../../ops/binary.js';
import { Merge, type MergeArgs } from './merge.js';
import { LAYER_OPTIONS } from '../layer-options.js';

/** Keras's Subtract: the first of its two inputs minus the second. */
export class Subtract extends Merge {
  readonly className = 'Subtract';

  constructor(args: MergeArgs = {}) {
    args = LAYER_OPTIONS.readFor(args, Subtract, new.target);
    super(args);
  }

  protected override inputCount(): [number, number] {
    return [2, 2];
  }

  protected merge(inputs: Tensor[]): Tensor {
    return sub(inputs[0], inputs[1]);
  }
}
