import { Optimizer } from './optimizer.js';
import { optimizerEntry } from './deserialize-optimizer.js';

/**
 * An optimizer from a Keras name ('sgd', 'rmsprop', 'adagrad', 'adadelta', 'adam', 'adamax',
 * 'nadam', any case) with Keras 2 defaults, or the instance itself.
 */
export function getOptimizer(id: string | Optimizer): Optimizer {
  if (id instanceof Optimizer) return id;
  if (typeof id !== 'string') throw new Error(`getOptimizer: expected an optimizer name or an Optimizer instance, got ${id === null ? 'null' : typeof id}`);
  return optimizerEntry('getOptimizer', id).make({});
}
