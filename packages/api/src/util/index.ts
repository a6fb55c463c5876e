import { rng } from '../ops/random.js';

/**
 * Shuffles `array` in place (Fisher-Yates) and returns it, as tfjs's `tf.util.shuffle` does,
 * drawing from the global generator, so `setRandomSeed` makes the order reproducible.
 */
export function shuffle<A extends unknown[] | Float32Array | Int32Array | Uint8Array>(array: A): A {
  if (!Array.isArray(array) && !ArrayBuffer.isView(array)) {
    throw new Error(`util.shuffle: expected an array or a typed array, got ${array === null ? 'null' : typeof array}`);
  }
  rng().shuffle(array as unknown[]);
  return array;
}
