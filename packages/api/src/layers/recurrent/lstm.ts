import { OWN_CELL_LAYER_OPTIONS } from './own-cell.js';
import { optionKeys } from '@layerwise/data';
import { MultiGateRNN, type GatedRNNArgs } from './gated-rnn.js';
import { LSTM_CELL_OPTIONS, LSTMCell, type LSTMCellArgs } from './lstm-cell.js';

/** LSTM's options: LSTMCell's (units is required) and the recurrent layer's (returnSequences, returnState, ...). */
export type LSTMArgs = GatedRNNArgs<LSTMCellArgs>;

const OPTIONS = optionKeys<LSTMArgs>()([], { base: [OWN_CELL_LAYER_OPTIONS, LSTM_CELL_OPTIONS] });

/**
 * Keras 2 LSTM: RNN(LSTMCell). Kernel columns are the gates i, f, c, o (each `units` wide):
 * i, f, o = recurrentActivation(x W + h U + b); c_t = f c_{t-1} + i activation(x W_c + h U_c + b_c);
 * h_t = o activation(c_t). States: [h, c].
 */
export class LSTM extends MultiGateRNN<LSTMCell> {
  override readonly className = 'LSTM';

  constructor(args: LSTMArgs) {
    args = OPTIONS.readFor(args, LSTM, new.target);
    super(args, 'lstm', (cellArgs: LSTMCellArgs, owner) => new LSTMCell(cellArgs, owner));
  }

  /** Whether the forget gate's bias starts at 1 (default true). */
  get unitForgetBias(): boolean {
    return this.cell.unitForgetBias;
  }
}
