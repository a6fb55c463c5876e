import type { Optimizer } from './optimizer.js';
import { SGD } from './sgd.js';
import { RMSprop } from './rmsprop.js';
import { Adagrad } from './adagrad.js';
import { Adadelta } from './adadelta.js';
import { Adam } from './adam.js';

/** An optimizer as tfjs-layers 4.22 reads it from a training config. */
export interface TfjsOptimizerForm {
  /** The class tfjs-core registers ('RMSProp', not Keras's 'RMSprop'). */
  className: string;
  /** Its config in tfjs's meaning (camelCase; saving writes Keras's snake_case, which tfjs converts back). */
  config: Record<string, unknown>;
  /** Slots tfjs keeps that ours does not need, saved as zeros after ours (RMSProp's momentum). */
  extraSlots: readonly string[];
}

/**
 * The tfjs-core optimizer that takes `optimizer`'s config and state, or null where tfjs has
 * none: tfjs has no Nadam, no amsgrad, no learning-rate schedules, no clipnorm/clipvalue and
 * no time decay; its SGD has no momentum (tfjs's Momentum keeps its velocity in other units);
 * its Adamax cannot take saved state ("setWeights() is not implemented for Adamax yet"). The
 * equals take the same config and state and follow Keras 2's rule up to where epsilon goes
 * (inside the square root in tfjs's RMSProp and Adagrad, on the bias-corrected moments in its
 * Adam) and for Adadelta, whose tfjs step divides by the accumulator before this step's update
 * (Keras 2's after). With null, a saved model's training config is written where a converted
 * Keras file keeps it, so tfjs loads the model uncompiled instead of failing.
 */
export function tfjsOptimizerForm(optimizer: Optimizer): TfjsOptimizerForm | null {
  const o = optimizer;
  if (typeof o.learningRate !== 'number' || o.clipnorm !== undefined || o.clipvalue !== undefined) return null;
  if (o.decay !== 0) return null;
  const keras = o.getConfig();
  if (o instanceof SGD) return o.momentum === 0 ? { className: 'SGD', config: keras, extraSlots: [] } : null;
  // tfjs's RMSProp calls rho 'decay', and keeps a momentum slot (unused at momentum 0).
  if (o instanceof RMSprop) {
    return {
      className: 'RMSProp',
      config: { learningRate: o.learningRate, decay: o.rho, momentum: 0, epsilon: o.epsilon, centered: false },
      extraSlots: ['momentum'],
    };
  }
  // tfjs starts Adagrad's accumulators at 0.1 unless told; Keras 2 at 0.
  if (o instanceof Adagrad) return { className: 'Adagrad', config: { ...keras, initialAccumulatorValue: 0 }, extraSlots: [] };
  if (o instanceof Adam) return o.amsgrad ? null : { className: 'Adam', config: keras, extraSlots: [] };
  if (o instanceof Adadelta) return { className: 'Adadelta', config: keras, extraSlots: [] };
  return null;
}

/**
 * The name tfjs-core gives `slot` of `optimizer` where it differs from ours (its RMSProp's 'rms',
 * its Adadelta's 'accum_grad' and 'accum_var'), so state tfjs-layers saved is read by name.
 */
export function tfjsSlotName(optimizer: Optimizer, slot: string): string | null {
  if (optimizer instanceof RMSprop) return slot === 'accumulator' ? 'rms' : null;
  if (optimizer instanceof Adadelta) return slot === 'accumulator' ? 'accum_grad' : slot === 'delta_accumulator' ? 'accum_var' : null;
  return null;
}
