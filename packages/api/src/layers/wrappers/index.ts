// Wrapper layers: classes, tfjs-style factories, and registerLayer calls for loading.
import { registerLayer, deserializeLayer } from '../registry.js';
import { TimeDistributed, type TimeDistributedArgs } from './time-distributed.js';

export { TimeDistributed, type TimeDistributedArgs };

export const timeDistributed = (args: TimeDistributedArgs): TimeDistributed => new TimeDistributed(args);

registerLayer('TimeDistributed', (c) => {
  const inner = c.layer as { className?: unknown; config?: unknown } | undefined;
  if (!inner || typeof inner.className !== 'string' || typeof inner.config !== 'object' || inner.config === null) {
    throw new Error(`TimeDistributed: config.layer must be { className, config }, got ${JSON.stringify(c.layer)}`);
  }
  const layer = deserializeLayer(inner.className, inner.config as Record<string, unknown>);
  return new TimeDistributed({ ...(c as Omit<TimeDistributedArgs, 'layer'>), layer });
});
