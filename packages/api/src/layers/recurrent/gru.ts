import { OWN_CELL_LAYER_OPTIONS } from './own-cell.js';
import { optionKeys } from '@layerwise/data';
import { MultiGateRNN, type GatedRNNArgs } from './gated-rnn.js';
import { GRU_CELL_OPTIONS, GRUCell, type GRUCellArgs } from './gru-cell.js';

/** GRU's options: GRUCell's (units is required) and the recurrent layer's (returnSequences, returnState, ...). */
export type GRUArgs = GatedRNNArgs<GRUCellArgs>;

const OPTIONS = optionKeys<GRUArgs>()([], { base: [OWN_CELL_LAYER_OPTIONS, GRU_CELL_OPTIONS] });

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

  /** Whether the reset gate is applied after the recurrent product (default false; CuDNN-compatible when true). */
  get resetAfter(): boolean {
    return this.cell.resetAfter;
  }
}
