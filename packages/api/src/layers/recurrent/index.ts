// Recurrent layers: classes, tfjs-style factories, and registerLayer calls for loading.
import { registerLayer } from '../registry.js';
import { RNN, type RNNArgs, type StepFn } from './rnn.js';
import { SimpleRNN, type SimpleRNNArgs } from './simple-rnn.js';
import { LSTM, type LSTMArgs } from './lstm.js';
import { GRU, type GRUArgs } from './gru.js';

export { RNN, type RNNArgs, type StepFn, SimpleRNN, type SimpleRNNArgs, LSTM, type LSTMArgs, GRU, type GRUArgs };

export const simpleRNN = (args: SimpleRNNArgs): SimpleRNN => new SimpleRNN(args);
export const lstm = (args: LSTMArgs): LSTM => new LSTM(args);
export const gru = (args: GRUArgs): GRU => new GRU(args);

registerLayer('SimpleRNN', (c) => new SimpleRNN(c as unknown as SimpleRNNArgs));
registerLayer('LSTM', (c) => new LSTM(c as unknown as LSTMArgs));
registerLayer('GRU', (c) => new GRU(c as unknown as GRUArgs));
