// Recurrent layers: classes, tfjs-style factories, and registerLayer calls for loading.
import { registerLayer } from '../registry.js';
import { deserializeNested } from '../nested-config.js';
import { RNNCell, type RNNCellLike, type StateSize } from './cell.js';
import { KernelCell, type KernelCellArgs } from './kernel-cell.js';
import { GatedCell, MultiGateCell, type GatedCellArgs, type MultiGateCellArgs } from './gated-cell.js';
import type { RecurrentWeightArgs } from './weight-args.js';
import { SimpleRNNCell, type SimpleRNNCellArgs } from './simple-rnn-cell.js';
import { LSTMCell, type LSTMCellArgs } from './lstm-cell.js';
import { GRUCell, type GRUCellArgs } from './gru-cell.js';
import { StackedRNNCells, type StackedRNNCellsArgs } from './stacked-rnn-cells.js';
import { RNN, type RecurrentArgs, type RNNArgs } from './rnn.js';
import { OwnCellRNN, type OwnCellLayerArgs } from './own-cell.js';
import { GatedRNN, MultiGateRNN, type GatedRNNArgs } from './gated-rnn.js';
import { SimpleRNN, type SimpleRNNArgs } from './simple-rnn.js';
import { LSTM, type LSTMArgs } from './lstm.js';
import { GRU, type GRUArgs } from './gru.js';
import { ConvLSTM2DCell, type ConvLSTM2DCellArgs } from './conv-lstm2d-cell.js';
import { ConvLSTM2D, type ConvLSTM2DArgs } from './conv-lstm2d.js';

export {
  RNNCell, type RNNCellLike, type StateSize, KernelCell, type KernelCellArgs, type RecurrentWeightArgs,
  GatedCell, type GatedCellArgs, MultiGateCell, type MultiGateCellArgs, SimpleRNNCell, type SimpleRNNCellArgs,
  LSTMCell, type LSTMCellArgs, GRUCell, type GRUCellArgs, StackedRNNCells, type StackedRNNCellsArgs,
  RNN, type RecurrentArgs, type RNNArgs, OwnCellRNN, type OwnCellLayerArgs, GatedRNN, MultiGateRNN, type GatedRNNArgs,
  SimpleRNN, type SimpleRNNArgs, LSTM, type LSTMArgs, GRU, type GRUArgs,
  ConvLSTM2DCell, type ConvLSTM2DCellArgs, ConvLSTM2D, type ConvLSTM2DArgs,
};

/** Keras's RNN(cell): `cell` (or a list of cells, stacked) run over the time axis. */
export const rnn = (args: RNNArgs): RNN => new RNN(args);
/** `layers.simpleRNN({ units })`: a SimpleRNN layer (a fully connected RNN). */
export const simpleRNN = (args: SimpleRNNArgs): SimpleRNN => new SimpleRNN(args);
/** `layers.lstm({ units })`: an LSTM layer. */
export const lstm = (args: LSTMArgs): LSTM => new LSTM(args);
/** `layers.gru({ units })`: a GRU layer. */
export const gru = (args: GRUArgs): GRU => new GRU(args);
/** Keras's ConvLSTM2D: an LSTM over sequences of images whose products are convolutions. */
export const convLstm2d = (args: ConvLSTM2DArgs): ConvLSTM2D => new ConvLSTM2D(args);
/** Keras's SimpleRNNCell, for `rnn({ cell })`. */
export const simpleRNNCell = (args: SimpleRNNCellArgs): SimpleRNNCell => new SimpleRNNCell(args);
/** Keras's LSTMCell, for `rnn({ cell })`. */
export const lstmCell = (args: LSTMCellArgs): LSTMCell => new LSTMCell(args);
/** Keras's GRUCell, for `rnn({ cell })`. */
export const gruCell = (args: GRUCellArgs): GRUCell => new GRUCell(args);
/** Keras's StackedRNNCells: several cells stepped as one, for `rnn({ cell })`. */
export const stackedRNNCells = (args: StackedRNNCellsArgs): StackedRNNCells => new StackedRNNCells(args);

/** A nested cell config ({ className, config }) as a cell; `where` names it in errors. */
function cellFrom(value: unknown, where: string): RNNCellLike {
  return deserializeNested(value, where) as unknown as RNNCellLike;
}

registerLayer('RNN', (c) => {
  const { cell, numConstants, ...rest } = c;
  // Keras's `constants` feed extra inputs to a custom cell's call; no built-in cell takes them.
  if (numConstants !== undefined && numConstants !== null) throw new Error(`RNN: constants (num_constants ${String(numConstants)}) are not supported`);
  return new RNN({ ...(rest as RecurrentArgs), cell: cellFrom(cell, 'RNN: config.cell') });
});
registerLayer('SimpleRNN', (c) => new SimpleRNN(c as unknown as SimpleRNNArgs));
registerLayer('LSTM', (c) => new LSTM(c as unknown as LSTMArgs));
registerLayer('GRU', (c) => new GRU(c as unknown as GRUArgs));
registerLayer('ConvLSTM2D', (c) => new ConvLSTM2D(c as unknown as ConvLSTM2DArgs));
registerLayer('SimpleRNNCell', (c) => new SimpleRNNCell(c as unknown as SimpleRNNCellArgs));
registerLayer('LSTMCell', (c) => new LSTMCell(c as unknown as LSTMCellArgs));
registerLayer('GRUCell', (c) => new GRUCell(c as unknown as GRUCellArgs));
registerLayer('StackedRNNCells', (c) => {
  const cells = c.cells;
  if (!Array.isArray(cells)) throw new Error(`StackedRNNCells: config.cells must be a list of { className, config }, got ${JSON.stringify(cells)}`);
  return new StackedRNNCells({ ...(c as Omit<StackedRNNCellsArgs, 'cells'>), cells: cells.map((v, i) => cellFrom(v, `StackedRNNCells: config.cells[${i}]`)) });
});
