import { OWN_CELL_LAYER_OPTIONS } from './own-cell.js';
import { optionKeys } from '@layerwise/data';
import { GatedRNN, type GatedRNNArgs } from './gated-rnn.js';
import { SIMPLE_RNN_CELL_OPTIONS, SimpleRNNCell, type SimpleRNNCellArgs } from './simple-rnn-cell.js';

/** SimpleRNN's options: SimpleRNNCell's (units is required) and the recurrent layer's (returnSequences, returnState, ...). */
export type SimpleRNNArgs = GatedRNNArgs<SimpleRNNCellArgs>;

const OPTIONS = optionKeys<SimpleRNNArgs>()([], { base: [OWN_CELL_LAYER_OPTIONS, SIMPLE_RNN_CELL_OPTIONS], ignored: { implementation: { why: "Keras 2's SimpleRNN drops it (one kernel layout)" } } });

/** Keras 2 SimpleRNN: RNN(SimpleRNNCell). h_t = activation(x_t @ kernel + bias + h_{t-1} @ recurrent_kernel). */
export class SimpleRNN extends GatedRNN<SimpleRNNCell> {
  override readonly className = 'SimpleRNN';

  constructor(args: SimpleRNNArgs) {
    args = OPTIONS.readFor(args, SimpleRNN, new.target);
    super(args, 'simple_rnn', (cellArgs: SimpleRNNCellArgs, owner) => new SimpleRNNCell(cellArgs, owner));
  }
}
