import type { Tensor } from '../../tensor/tensor.js';
import { tensor } from '../../ops/create.js';
import { rng } from '../../ops/random.js';
import { expandDims } from '../../ops/reshape.js';

/**
 * `count` inverted-dropout masks of `shape` (Keras 2's _generate_dropout_mask): each entry
 * is 0 with probability `rate`, else 1 / (1 - rate). Drawn from the global generator, so
 * `setRandomSeed` makes them reproducible.
 */
export function dropoutMasks(count: number, shape: readonly number[], rate: number): Tensor[] {
  const r = rng();
  const keepProb = 1 - rate;
  const size = shape.reduce((a, b) => a * b, 1);
  return Array.from({ length: count }, () => {
    const values = new Float32Array(size);
    for (let i = 0; i < values.length; i++) values[i] = r.next() < keepProb ? 1 / keepProb : 0;
    return tensor(values, shape.slice());
  });
}

/** A per-step mask ([batch, ...]) shaped to multiply `x`, which may carry a time axis after the batch. */
export function maskFor(x: Tensor, mask: Tensor): Tensor {
  return x.rank === mask.rank + 1 ? expandDims(mask, 1) : mask;
}
