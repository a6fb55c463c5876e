import type { Tensor } from '../../tensor/tensor.js';
import { sub } from '../../ops/binary.js';
import { Merge } from './merge.js';

/** Keras's Subtract: the first of its two inputs minus the second. */
export class Subtract extends Merge {
  readonly className = 'Subtract';

  protected override inputCount(): [number, number] {
    return [2, 2];
  }

  protected merge(inputs: Tensor[]): Tensor {
    return sub(inputs[0], inputs[1]);
  }
}
