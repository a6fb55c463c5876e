import { SGD, type SGDArgs } from './sgd.js';
import { Adam, type AdamArgs } from './adam.js';
import { RMSprop, type RMSpropArgs } from './rmsprop.js';
import { Adagrad, type AdagradArgs } from './adagrad.js';
import { Adadelta, type AdadeltaArgs } from './adadelta.js';
import { Adamax, type AdamaxArgs } from './adamax.js';
import { Nadam, type NadamArgs } from './nadam.js';

/** tfjs-style factories: `optimizers.adam({ learningRate: 0.01 })`. */
export const sgd = (args: SGDArgs = {}): SGD => new SGD(args);
export const adam = (args: AdamArgs = {}): Adam => new Adam(args);
export const rmsprop = (args: RMSpropArgs = {}): RMSprop => new RMSprop(args);
export const adagrad = (args: AdagradArgs = {}): Adagrad => new Adagrad(args);
export const adadelta = (args: AdadeltaArgs = {}): Adadelta => new Adadelta(args);
export const adamax = (args: AdamaxArgs = {}): Adamax => new Adamax(args);
export const nadam = (args: NadamArgs = {}): Nadam => new Nadam(args);
