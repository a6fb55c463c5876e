import type { Tensor } from '../../tensor/tensor.js';
import { add, mul } from '../../ops/binary.js';
import { matMul } from '../../ops/matmul.js';
import { RNN, type RNNArgs, type StepFn } from './rnn.js';

export type SimpleRNNArgs = RNNArgs;

/** Keras 2 SimpleRNN: h_t = activation(x_t @ kernel + bias + h_{t-1} @ recurrent_kernel). */
export class SimpleRNN extends RNN {
  readonly className = 'SimpleRNN';
  protected readonly gates = 1;
  protected readonly stateCount = 1;

  constructor(args: SimpleRNNArgs) {
    super(args);
  }

  protected stepFunction(recurrentMasks: Tensor[] | null): StepFn {
    const recurrentKernel = this.recurrentKernel!.value;
    return (projected, [h]) => {
      const hIn = recurrentMasks ? mul(h, recurrentMasks[0]) : h;
      return [this.activation(add(projected, matMul(hIn, recurrentKernel)))];
    };
  }
}
