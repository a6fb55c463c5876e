import { Sequential, type SequentialArgs } from './sequential.js';

/** tfjs's factory: `sequential({ layers })` is `new Sequential({ layers })`. */
export function sequential(args: SequentialArgs = {}): Sequential {
  return new Sequential(args);
}
