import { GatedRNN, type GatedRNNArgs } from './gated-rnn.js';
import { SimpleRNNCell, type SimpleRNNCellArgs } from './simple-rnn-cell.js';

export type SimpleRNNArgs = GatedRNNArgs<SimpleRNNCellArgs>;

/** Keras 2 SimpleRNN: RNN(SimpleRNNCell). h_t = activation(x_t @ kernel + bias + h_{t-1} @ recurrent_kernel). */
export class SimpleRNN extends GatedRNN<SimpleRNNCell> {
  override readonly className = 'SimpleRNN';

  constructor(args: SimpleRNNArgs) {
    super(args, 'simple_rnn', (cellArgs: SimpleRNNCellArgs, owner) => new SimpleRNNCell(cellArgs, owner));
  }
}
