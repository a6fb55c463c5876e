import type { ActivationName } from '../../activations/index.js';
import type { GatedCell, GatedCellArgs } from './gated-cell.js';
import { RNN, type RecurrentArgs } from './rnn.js';
import { inlineCellConfig } from './own-cell.js';

/** The arguments of SimpleRNN, LSTM and GRU: their cell's, and the RNN's. */
export type GatedRNNArgs<C extends GatedCellArgs> = C & RecurrentArgs;

/**
 * SimpleRNN, LSTM and GRU: an RNN over its own gated cell, with the cell's arguments
 * readable on the layer and written inline in its config, as Keras 2 does.
 */
export abstract class GatedRNN<C extends GatedCell> extends RNN {
  declare readonly cell: C;

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

  protected override cellConfig(): Record<string, unknown> {
    return inlineCellConfig(this.cell);
  }
}
