import type { Tensor } from '../tensor/tensor.js';
import { div, maximum, mul, notEqual } from '../ops/binary.js';
import { cast } from '../ops/cast.js';
import { mean } from '../ops/reduce.js';
import { fmtShape } from '../tensor/shape.js';

const EPSILON = 1e-7;

/**
 * Keras 2's `weighted_masked_objective`: per-sample scores ([batch] or [batch, time]) are
 * masked and renormalised by the mask's mean, averaged down to the weights' rank,
 * multiplied by the weights and divided by the fraction of non-zero weights, then averaged.
 * So zero-weight samples and masked timesteps do not dilute the result.
 */
export function weightedMaskedObjective(scores: Tensor, weights: Tensor | null, mask: Tensor | null): Tensor {
  let s = scores;
  if (mask) {
    const m = cast(mask, 'float32');
    s = div(mul(s, m), maximum(mean(m), EPSILON));
  }
  if (weights) {
    if (weights.rank > s.rank) {
      throw new Error(`sampleWeight of shape ${fmtShape(weights.shape)} has more axes than the per-sample loss ${fmtShape(s.shape)}; temporal weights need sampleWeightMode: 'temporal'`);
    }
    if (s.rank > weights.rank) s = mean(s, Array.from({ length: s.rank - weights.rank }, (_, i) => weights.rank + i));
    s = mul(s, weights);
    const nonZero = mean(cast(notEqual(weights, 0), 'float32'));
    s = div(s, maximum(nonZero, EPSILON));
  }
  return mean(s);
}
