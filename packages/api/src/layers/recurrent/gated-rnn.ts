import type { ActivationName } from '../../activations/index.js';
import type { GatedCell, GatedCellArgs, MultiGateCell } from './gated-cell.js';
import { OwnCellRNN, type OwnCellLayerArgs } from './own-cell.js';

/** The arguments of SimpleRNN, LSTM and GRU: their cell's, and the layer's. */
export type GatedRNNArgs<C extends GatedCellArgs> = C & OwnCellLayerArgs;

/** SimpleRNN, LSTM and GRU: an RNN over its own gated cell, whose arguments read through the layer. */
export abstract class GatedRNN<C extends GatedCell> extends OwnCellRNN<C> {
  /** The number of output units (the cell's). */
  get units(): number {
    return this.cell.units;
  }

  /** The output activation's name (default 'tanh'). */
  get activationName(): ActivationName {
    return this.cell.activationName;
  }

  /** Whether the cell has a bias (default true). */
  get useBias(): boolean {
    return this.cell.useBias;
  }

  /** The fraction of the input dropped while training (default 0). */
  get dropout(): number {
    return this.cell.dropout;
  }

  /** The fraction of the recurrent state dropped while training (default 0; Keras's recurrent_dropout). */
  get recurrentDropout(): number {
    return this.cell.recurrentDropout;
  }
}

/** LSTM and GRU: a gated RNN whose cell has a gate activation. */
export abstract class MultiGateRNN<C extends MultiGateCell> extends GatedRNN<C> {
  /** The gate activation's name (default 'hardSigmoid', Keras 2's 'hard_sigmoid'). */
  get recurrentActivationName(): ActivationName {
    return this.cell.recurrentActivationName;
  }

  /** Keras's implementation mode (default 1); it changes no result. */
  get implementation(): number {
    return this.cell.implementation;
  }
}
