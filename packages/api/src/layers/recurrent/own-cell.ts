import { uniqueName, type Layer, type LayerArgs } from '../layer.js';
import type { RecurrentArgs, RNNArgs } from './rnn.js';
import type { RNNCellLike } from './cell.js';

/**
 * The RNN arguments of a layer that makes its own cell from its arguments (Keras's
 * SimpleRNN, LSTM, GRU, ConvLSTM2D): the layer's name is settled first, so the cell's
 * argument errors name the layer; the cell gets every argument that is not the layer's.
 */
export function withOwnCell<C extends Pick<LayerArgs, 'dtype'>>(args: C & RecurrentArgs, prefix: string, makeCell: (cellArgs: C, owner: string) => RNNCellLike): RNNArgs {
  const name = args.name ?? uniqueName(prefix);
  const {
    name: _name, trainable, inputShape, batchInputShape, batchSize, inputDim, inputLength,
    returnSequences, returnState, goBackwards, stateful, unroll, ...cellArgs
  } = args;
  void _name;
  return {
    name, trainable, inputShape, batchInputShape, batchSize, inputDim, inputLength, dtype: args.dtype,
    returnSequences, returnState, goBackwards, stateful, unroll, cell: makeCell(cellArgs as unknown as C, name),
  };
}

/** The config of a cell a layer made itself, without the cell's own name, trainable and dtype (Keras writes these inline). */
export function inlineCellConfig(cell: Layer): Record<string, unknown> {
  const { name, trainable, dtype, ...rest } = cell.getConfig();
  void name;
  void trainable;
  void dtype;
  return rest;
}
