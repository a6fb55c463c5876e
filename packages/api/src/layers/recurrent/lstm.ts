import { optionKeys } from '@layerwise/data';
import { LAYER_OPTIONS } from '../layer-options.js';
import { MultiGateRNN, type GatedRNNArgs } from './gated-rnn.js';
import { LSTMCell, type LSTMCellArgs } from './lstm-cell.js';

export type LSTMArgs = GatedRNNArgs<LSTMCellArgs>;

const OPTIONS = optionKeys<LSTMArgs>()(['activation', 'activityRegularizer', 'biasConstraint', 'biasInitializer', 'biasRegularizer', 'dropout', 'goBackwards', 'implementation', 'inputLength', 'kernelConstraint', 'kernelInitializer', 'kernelRegularizer', 'recurrentActivation', 'recurrentConstraint', 'recurrentDropout', 'recurrentInitializer', 'recurrentRegularizer', 'returnSequences', 'returnState', 'stateful', 'unitForgetBias', 'units', 'unroll', 'useBias'], { base: [LAYER_OPTIONS] });

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

  get unitForgetBias(): boolean {
    return this.cell.unitForgetBias;
  }
}
