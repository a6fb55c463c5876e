import type { Tensor } from '../../tensor/tensor.js';
import { tensor } from '../../ops/create.js';
import { rng } from '../../ops/random.js';

/**
 * `count` inverted-dropout masks of `shape` (Keras 2's _generate_dropout_mask): each entry
 * is 0 with probability `rate`, else 1 / (1 - rate). Drawn from the global generator, so
 * `setRandomSeed` makes them reproducible.
 */
export function dropoutMasks(count: number, shape: [number, number], rate: number): Tensor[] {
  const r = rng();
  const keepProb = 1 - rate;
  return Array.from({ length: count }, () => {
    const values = new Float32Array(shape[0] * shape[1]);
    for (let i = 0; i < values.length; i++) values[i] = r.next() < keepProb ? 1 / keepProb : 0;
    return tensor(values, shape);
  });
}
