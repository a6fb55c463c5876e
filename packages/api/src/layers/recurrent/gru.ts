import { optionKeys } from '@layerwise/data';
import { LAYER_OPTIONS } from '../layer-options.js';
import { MultiGateRNN, type GatedRNNArgs } from './gated-rnn.js';
import { GRUCell, type GRUCellArgs } from './gru-cell.js';

export type GRUArgs = GatedRNNArgs<GRUCellArgs>;

const OPTIONS = optionKeys<GRUArgs>()(['activation', 'activityRegularizer', 'biasConstraint', 'biasInitializer', 'biasRegularizer', 'dropout', 'goBackwards', 'implementation', 'inputLength', 'kernelConstraint', 'kernelInitializer', 'kernelRegularizer', 'recurrentActivation', 'recurrentConstraint', 'recurrentDropout', 'recurrentInitializer', 'recurrentRegularizer', 'resetAfter', 'returnSequences', 'returnState', 'stateful', 'units', 'unroll', 'useBias'], { base: [LAYER_OPTIONS] });

/**
 * Keras 2 GRU: RNN(GRUCell). Kernel columns are the gates z, r, h (each `units` wide):
 * z, r = recurrentActivation(x W + h U + b); resetAfter false: hh = activation(x W_h + b_h + (r h) U_h),
 * true: hh = activation(x W_h + b_h + r (h U_h + b'_h)); h_t = z h_{t-1} + (1 - z) hh.
 */
export class GRU extends MultiGateRNN<GRUCell> {
  override readonly className = 'GRU';

  constructor(args: GRUArgs) {
    args = OPTIONS.readFor(args, GRU, new.target);
    super(args, 'gru', (cellArgs: GRUCellArgs, owner) => new GRUCell(cellArgs, owner));
  }

  get resetAfter(): boolean {
    return this.cell.resetAfter;
  }
}
