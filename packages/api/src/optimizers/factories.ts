import { SGD, type SGDArgs } from './sgd.js';
import { Adam, type AdamArgs } from './adam.js';
import { RMSprop, type RMSpropArgs } from './rmsprop.js';
import { Adagrad, type AdagradArgs } from './adagrad.js';
import { Adadelta, type AdadeltaArgs } from './adadelta.js';
import { Adamax, type AdamaxArgs } from './adamax.js';
import { Nadam, type NadamArgs } from './nadam.js';
import type { OptimizerArgs } from './optimizer.js';

/**
 * The args of a factory call: the options object as is, or tfjs's positional form
 * (`tf.train.adam(0.01, 0.9, 0.999)`): the learning rate first, then the values named in
 * `names` (a name mapped to a string is a tfjs argument Keras 2 lacks: given, it is an error
 * with that reason). tfjs's `null` means "the default", as there.
 */
function positional<A extends OptimizerArgs>(factory: string, first: A | number | undefined, rest: readonly unknown[],
  names: readonly (keyof A | { name: string; unsupported: string; neutral: unknown })[]): A {
  if (first === undefined || (typeof first === 'object' && first !== null)) {
    if (rest.some((v) => v !== undefined)) {
      throw new Error(`${factory}: give the options object alone, or tfjs's positional arguments (learningRate first), not both`);
    }
    return (first ?? {}) as A;
  }
  if (typeof first !== 'number') {
    throw new Error(`${factory}: expected an options object or a learning rate (a number), got ${first === null ? 'null' : typeof first}`);
  }
  const args: Record<string, unknown> = { learningRate: first };
  if (rest.length > names.length) throw new Error(`${factory}: takes at most ${names.length + 1} positional arguments (tfjs's), got ${rest.length + 1}`);
  rest.forEach((v, i) => {
    const name = names[i];
    if (v === undefined || v === null) return;
    if (typeof name === 'object') {
      if (v !== name.neutral) throw new Error(`${factory}: '${name.name}' (positional argument ${i + 2}) ${name.unsupported}, got ${String(v)}`);
      return;
    }
    args[name as string] = v;
  });
  return args as A;
}

/**
 * tfjs-style factories: `optimizers.adam({ learningRate: 0.01 })`, or a learning rate
 * (`optimizers.adam(0.01)`) followed by tfjs's other positional arguments.
 */
export const sgd = (args: SGDArgs | number = {}): SGD => new SGD(positional('sgd', args, [], []));

/** `adam({ ... })`, or tfjs's `adam(learningRate, beta1, beta2, epsilon)`. */
export const adam = (args: AdamArgs | number = {}, beta1?: number, beta2?: number, epsilon?: number | null): Adam =>
  new Adam(positional<AdamArgs>('adam', args, [beta1, beta2, epsilon], ['beta1', 'beta2', 'epsilon']));

/**
 * `rmsprop({ ... })`, or tfjs's `rmsprop(learningRate, decay, momentum, epsilon, centered)`:
 * tfjs's `decay` is Keras's `rho`; Keras 2's RMSprop has no momentum and is not centered.
 */
export const rmsprop = (args: RMSpropArgs | number = {}, decay?: number, momentum?: number, epsilon?: number | null,
  centered?: boolean): RMSprop =>
  new RMSprop(positional<RMSpropArgs>('rmsprop', args, [decay, momentum, epsilon, centered], ['rho',
    { name: 'momentum', unsupported: "is not supported (Keras 2's RMSprop has no momentum)", neutral: 0 }, 'epsilon',
    { name: 'centered', unsupported: "is not supported (Keras 2's RMSprop is not centered)", neutral: false }]));

/**
 * `adagrad({ ... })`, or tfjs's `adagrad(learningRate, initialAccumulatorValue)`: Keras 2's
 * accumulators start at 0, so only 0 is accepted there.
 */
export const adagrad = (args: AdagradArgs | number = {}, initialAccumulatorValue?: number): Adagrad =>
  new Adagrad(positional<AdagradArgs>('adagrad', args, [initialAccumulatorValue],
    [{ name: 'initialAccumulatorValue', unsupported: "must be 0 (Keras 2's Adagrad starts its accumulators at 0)", neutral: 0 }]));

/** `adadelta({ ... })`, or tfjs's `adadelta(learningRate, rho, epsilon)`. */
export const adadelta = (args: AdadeltaArgs | number = {}, rho?: number, epsilon?: number | null): Adadelta =>
  new Adadelta(positional<AdadeltaArgs>('adadelta', args, [rho, epsilon], ['rho', 'epsilon']));

/** `adamax({ ... })`, or tfjs's `adamax(learningRate, beta1, beta2, epsilon, decay)`. */
export const adamax = (args: AdamaxArgs | number = {}, beta1?: number, beta2?: number, epsilon?: number | null, decay?: number): Adamax =>
  new Adamax(positional<AdamaxArgs>('adamax', args, [beta1, beta2, epsilon, decay], ['beta1', 'beta2', 'epsilon', 'decay']));

/** `nadam({ ... })`, or a learning rate (tfjs has no nadam). */
export const nadam = (args: NadamArgs | number = {}): Nadam => new Nadam(positional('nadam', args, [], []));
