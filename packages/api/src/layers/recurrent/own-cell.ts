import { optionKeys } from '@layerwise/data';
import { trustOptions } from '@layerwise/data';
import type { RegularizerIdentifier } from '../../regularizers/index.js';
import { uniqueName, type LayerArgs } from '../layer.js';
import { regularizerConfig, regularizerFrom } from '../core/config-values.js';
import { RECURRENT_OPTIONS, RNN, type RecurrentArgs } from './rnn.js';
import type { RNNCell } from './cell.js';

/** The arguments of a layer that makes its own cell (SimpleRNN, LSTM, GRU, ConvLSTM2D), besides the cell's. */
export interface OwnCellLayerArgs extends RecurrentArgs {
  /** Keras's activity_regularizer: a penalty on the layer's outputs, added to the loss. */
  activityRegularizer?: RegularizerIdentifier | null;
}

/** The layer's own options of SimpleRNN, LSTM, GRU and ConvLSTM2D (besides their cell's). */
export const OWN_CELL_LAYER_OPTIONS = optionKeys<OwnCellLayerArgs>()(['activityRegularizer'], { base: [RECURRENT_OPTIONS] });

/**
 * Keras's SimpleRNN, LSTM, GRU and ConvLSTM2D: an RNN over a cell it makes from its own
 * arguments, which the layer's config writes inline (not as a nested `cell`).
 */
export abstract class OwnCellRNN<C extends RNNCell> extends RNN {
  declare readonly cell: C;

  /** `prefix`: the layer's default name; `makeCell` gets every argument that is not the layer's. */
  constructor(args: Pick<LayerArgs, 'dtype'> & OwnCellLayerArgs, prefix: string, makeCell: (cellArgs: never, owner: string) => C) {
    // The name is settled first, so the cell's argument errors name the layer.
    const name = args.name ?? uniqueName(prefix);
    const {
      name: _name, trainable, inputShape, batchInputShape, batchSize, inputDim, inputLength, activityRegularizer,
      returnSequences, returnState, goBackwards, stateful, unroll, ...cellArgs
    } = args;
    void _name;
    // The layer's spec has read these (its leaf class reads before this runs), so the cell takes them as they are.
    super({
      name, trainable, inputShape, batchInputShape, batchSize, inputDim, inputLength, dtype: args.dtype,
      returnSequences, returnState, goBackwards, stateful, unroll, cell: makeCell(trustOptions(cellArgs) as never, name),
    });
    this.activityRegularizer = regularizerFrom(activityRegularizer, `${this.name}: activityRegularizer`);
  }

  /** The cell's arguments without its own name, trainable and dtype, and the layer's activity regularizer. */
  protected override cellConfig(): Record<string, unknown> {
    const { name, trainable, dtype, ...rest } = this.cell.getConfig();
    void name;
    void trainable;
    void dtype;
    return { ...rest, activityRegularizer: regularizerConfig(this.activityRegularizer) };
  }
}
