import type { Tensor } from '../tensor/tensor.js';
import { reshape } from './reshape.js';

/**
 * Runs `fn` on `x` with its batch axis: an input of `rank` - 1 axes gets a batch of one,
 * which the result loses again (as tf.conv2d takes a single image).
 */
export function batched(x: Tensor, rank: number, fn: (x: Tensor) => Tensor): Tensor {
  if (x.rank === rank) return fn(x);
  const y = fn(reshape(x, [1, ...x.shape]));
  return reshape(y, y.shape.slice(1));
}
