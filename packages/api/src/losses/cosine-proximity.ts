import type { Tensor } from '../tensor/tensor.js';
import { maximum, mul } from '../ops/binary.js';
import { neg, rsqrt, square } from '../ops/unary.js';
import { sum } from '../ops/reduce.js';
import { lossInputs } from './inputs.js';

/** tf.nn.l2_normalize's floor on the squared norm, so a zero vector maps to zero. */
const NORM_EPSILON = 1e-12;

function l2Normalize(x: Tensor): Tensor {
  return mul(x, rsqrt(maximum(sum(square(x), -1, true), NORM_EPSILON)));
}

/** -sum(l2n(yTrue) * l2n(yPred)) over the last axis: -1 for vectors pointing the same way. */
export function cosineProximity(yTrue: Tensor, yPred: Tensor): Tensor {
  const [t, p] = lossInputs('cosine_proximity', yTrue, yPred);
  return neg(sum(mul(l2Normalize(t), l2Normalize(p)), -1));
}
