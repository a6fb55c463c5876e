import type { ActivationName } from '../../activations/index.js';
import type { GatedCell, GatedCellArgs, MultiGateCell } from './gated-cell.js';
import { OwnCellRNN, type OwnCellLayerArgs } from './own-cell.js';

/** The arguments of SimpleRNN, LSTM and GRU: their cell's, and the layer's. */
export type GatedRNNArgs<C extends GatedCellArgs> = C & OwnCellLayerArgs;

/** SimpleRNN, LSTM and GRU: an RNN over its own gated cell, whose arguments read through the layer. */
export abstract class GatedRNN<C extends GatedCell> extends OwnCellRNN<C> {
  get units(): number {
    return this.cell.units;
  }

  get activationName(): ActivationName {
    return this.cell.activationName;
  }

  get useBias(): boolean {
    return this.cell.useBias;
  }

  get dropout(): number {
    return this.cell.dropout;
  }

  get recurrentDropout(): number {
    return this.cell.recurrentDropout;
  }
}

/** LSTM and GRU: a gated RNN whose cell has a gate activation. */
export abstract class MultiGateRNN<C extends MultiGateCell> extends GatedRNN<C> {
  get recurrentActivationName(): ActivationName {
    return this.cell.recurrentActivationName;
  }

  get implementation(): number {
    return this.cell.implementation;
  }
}
