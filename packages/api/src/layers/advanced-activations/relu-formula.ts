import type { Tensor } from '../../tensor/tensor.js';
import { cast, clipByValue, greater, mul, relu, sub } from '../../ops/index.js';

/**
 * Keras 2.2.4's `K.relu(x, alpha, max_value, threshold)` on TensorFlow: x where
 * threshold < x (clipped to [0, maxValue] when maxValue is given), else
 * negativeSlope * (x - threshold). Composed in Keras's order, so edge cases (a negative
 * threshold, x equal to it) come out as Keras's do.
 */
export function kerasRelu(x: Tensor, negativeSlope: number, maxValue: number | null, threshold: number): Tensor {
  let y = threshold !== 0 ? mul(x, cast(greater(x, threshold), 'float32')) : relu(x);
  if (maxValue !== null) y = clipByValue(y, 0, maxValue);
  if (negativeSlope !== 0) y = sub(y, mul(relu(sub(threshold, x)), negativeSlope));
  return y;
}
