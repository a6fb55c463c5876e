import type { Optimizer, OptimizerArgs } from './optimizer.js';
import { SGD, type SGDArgs } from './sgd.js';
import { Adam, type AdamArgs } from './adam.js';
import { RMSprop, type RMSpropArgs } from './rmsprop.js';
import { Adagrad, type AdagradArgs } from './adagrad.js';
import { Adadelta, type AdadeltaArgs } from './adadelta.js';
import { Adamax, type AdamaxArgs } from './adamax.js';
import { Nadam, type NadamArgs } from './nadam.js';
import { deserializeSchedule } from './deserialize-schedule.js';
import { readConfig, readSerialized, type ConfigKind } from './config-reader.js';

interface OptimizerEntry {
  keys: Record<string, ConfigKind>;
  make(args: Record<string, unknown>): Optimizer;
}

const BASE: Record<string, ConfigKind> = { learningRate: 'object-or-number', clipnorm: 'number', clipvalue: 'number', decay: 'number' };
const BETAS: Record<string, ConfigKind> = { beta1: 'number', beta2: 'number', epsilon: 'number' };

const OPTIMIZERS: Record<string, OptimizerEntry> = {
  SGD: { keys: { ...BASE, momentum: 'number', nesterov: 'boolean' }, make: (a) => new SGD(a as SGDArgs) },
  RMSprop: { keys: { ...BASE, rho: 'number', epsilon: 'number' }, make: (a) => new RMSprop(a as RMSpropArgs) },
  // initialAccumulatorValue: tfjs's, written for it; Keras 2 starts at 0 and has no such setting.
  Adagrad: {
    keys: { ...BASE, epsilon: 'number', initialAccumulatorValue: 'number' },
    make: ({ initialAccumulatorValue, ...a }) => {
      if (initialAccumulatorValue !== undefined && initialAccumulatorValue !== 0) {
        throw new Error(`Adagrad: initialAccumulatorValue ${String(initialAccumulatorValue)} (tfjs's) is not supported: Keras 2's Adagrad starts its accumulators at 0`);
      }
      return new Adagrad(a as AdagradArgs);
    },
  },
  Adadelta: { keys: { ...BASE, rho: 'number', epsilon: 'number' }, make: (a) => new Adadelta(a as AdadeltaArgs) },
  Adam: { keys: { ...BASE, ...BETAS, amsgrad: 'boolean' }, make: (a) => new Adam(a as AdamArgs) },
  Adamax: { keys: { ...BASE, ...BETAS }, make: (a) => new Adamax(a as AdamaxArgs) },
  Nadam: { keys: { ...BASE, ...BETAS, scheduleDecay: 'number' }, make: (a) => new Nadam(a as NadamArgs) },
};

/**
 * tfjs-core's RMSProp, matched by its exact spelling (Keras's is 'RMSprop'): its `decay` is
 * Keras's rho, and its momentum and centered variant have no Keras 2 equivalent.
 */
const TFJS_RMSPROP: OptimizerEntry = {
  keys: { learningRate: 'number', decay: 'number', momentum: 'number', epsilon: 'number', centered: 'boolean' },
  make: ({ learningRate, decay, momentum, epsilon, centered }) => {
    if (momentum !== undefined && momentum !== 0) throw new Error(`tfjs's RMSProp with momentum ${String(momentum)} has no Keras 2 equivalent`);
    if (centered === true) throw new Error("tfjs's centered RMSProp has no Keras 2 equivalent");
    return new RMSprop({ learningRate, rho: decay, epsilon } as RMSpropArgs);
  },
};

/** The optimizer class names, as Keras spells them. */
export const OPTIMIZER_NAMES: readonly string[] = Object.keys(OPTIMIZERS);

/** The entry for a class name, matched case-insensitively ('rmsprop', 'RMSprop', 'sgd'). */
export function optimizerEntry(what: string, name: string): { className: string; make(args: Record<string, unknown>): Optimizer; keys: Record<string, ConfigKind> } {
  const className = OPTIMIZER_NAMES.find((n) => n.toLowerCase() === name.toLowerCase());
  if (!className) throw new Error(`${what}: unknown optimizer '${name}'; known: ${OPTIMIZER_NAMES.map((n) => `'${n.toLowerCase()}'`).join(', ')}`);
  return { className, ...OPTIMIZERS[className] };
}

/**
 * Builds an optimizer from `{ className, config }`: its own getConfig, or a Keras 2 file's
 * (`lr` or `learning_rate`, `beta_1`, `schedule_decay`, ...; tf.keras's `name` is ignored).
 * The learning rate may be a serialized schedule.
 */
export function deserializeOptimizer(serialized: { className: string; config?: Record<string, unknown> } | { class_name: string; config?: Record<string, unknown> }): Optimizer {
  const { className, config } = readSerialized('deserializeOptimizer', serialized);
  const entry = className === 'RMSProp' ? { className, ...TFJS_RMSPROP } : optimizerEntry('deserializeOptimizer', className);
  const args = readConfig(`deserializeOptimizer(${entry.className})`, config, entry.keys, { lr: 'learningRate' });
  const lr = args.learningRate;
  if (lr !== undefined && typeof lr !== 'number') args.learningRate = deserializeSchedule(lr);
  return entry.make(args as Record<string, unknown> & OptimizerArgs);
}
