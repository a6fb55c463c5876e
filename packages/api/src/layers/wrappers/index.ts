// Wrapper layers: classes, tfjs-style factories, and registerLayer calls for loading.
import { registerLayer } from '../registry.js';
import { deserializeNested } from '../nested-config.js';
import type { RNN } from '../recurrent/rnn.js';
import { TimeDistributed, type TimeDistributedArgs } from './time-distributed.js';
import { Bidirectional, type BidirectionalArgs, type MergeMode } from './bidirectional.js';

export { TimeDistributed, type TimeDistributedArgs, Bidirectional, type BidirectionalArgs, type MergeMode };

/** `layers.timeDistributed({ layer })`: applies `layer` to every timestep of its input. */
export const timeDistributed = (args: TimeDistributedArgs): TimeDistributed => new TimeDistributed(args);
/** `layers.bidirectional({ layer, mergeMode })`: runs a recurrent layer both ways and merges the outputs (default 'concat'). */
export const bidirectional = (args: BidirectionalArgs): Bidirectional => new Bidirectional(args);

registerLayer('TimeDistributed', (c) => new TimeDistributed({
  ...(c as Omit<TimeDistributedArgs, 'layer'>), layer: deserializeNested(c.layer, 'TimeDistributed: config.layer'),
}));
registerLayer('Bidirectional', (c) => {
  const { numConstants, ...rest } = c;
  if (numConstants !== undefined && numConstants !== null) throw new Error(`Bidirectional: constants (num_constants ${String(numConstants)}) are not supported`);
  return new Bidirectional({ ...(rest as Omit<BidirectionalArgs, 'layer'>), layer: deserializeNested(c.layer, 'Bidirectional: config.layer') as RNN });
});
