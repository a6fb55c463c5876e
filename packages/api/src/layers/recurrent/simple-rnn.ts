import { optionKeys } from '@layerwise/data';
import { LAYER_OPTIONS } from '../layer-options.js';
import { GatedRNN, type GatedRNNArgs } from './gated-rnn.js';
import { SimpleRNNCell, type SimpleRNNCellArgs } from './simple-rnn-cell.js';

export type SimpleRNNArgs = GatedRNNArgs<SimpleRNNCellArgs>;

const OPTIONS = optionKeys<SimpleRNNArgs>()(['activation', 'activityRegularizer', 'biasConstraint', 'biasInitializer', 'biasRegularizer', 'dropout', 'goBackwards', 'inputLength', 'kernelConstraint', 'kernelInitializer', 'kernelRegularizer', 'recurrentConstraint', 'recurrentDropout', 'recurrentInitializer', 'recurrentRegularizer', 'returnSequences', 'returnState', 'stateful', 'units', 'unroll', 'useBias'], { base: [LAYER_OPTIONS] });

/** Keras 2 SimpleRNN: RNN(SimpleRNNCell). h_t = activation(x_t @ kernel + bias + h_{t-1} @ recurrent_kernel). */
export class SimpleRNN extends GatedRNN<SimpleRNNCell> {
  override readonly className = 'SimpleRNN';

  constructor(args: SimpleRNNArgs) {
    args = OPTIONS.readFor(args, SimpleRNN, new.target);
    super(args, 'simple_rnn', (cellArgs: SimpleRNNCellArgs, owner) => new SimpleRNNCell(cellArgs, owner));
  }
}
