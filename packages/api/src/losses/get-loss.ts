import type { LossEntry, LossFunction } from './loss.js';
import { describeLosses, findLoss, findLossFunction } from './registry.js';

/**
 * Resolves what compile's `loss` holds: a Keras name ('mse', 'categorical_crossentropy'),
 * a tfjs name ('meanSquaredError'), or a function. The entry's name is the Keras 2 name
 * of a built-in loss (also when the function itself is passed), else the function's own
 * name, else 'custom_loss'.
 */
export function getLoss(id: string | LossFunction): LossEntry {
  if (typeof id === 'function') {
    const builtIn = findLossFunction(id);
    return builtIn ? { name: builtIn.name, fn: builtIn.fn } : { name: id.name || 'custom_loss', fn: id };
  }
  if (typeof id !== 'string') {
    throw new Error(`loss must be a name or a function (yTrue, yPred) => Tensor, got ${id === null ? 'null' : typeof id}`);
  }
  const spec = findLoss(id);
  if (!spec) throw new Error(`unknown loss '${id}'; known losses: ${describeLosses()}`);
  return { name: spec.name, fn: spec.fn };
}
