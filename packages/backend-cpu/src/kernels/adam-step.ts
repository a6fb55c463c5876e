import type { AdamHyper } from '@layerwise/api';
import { floats } from '../util/alloc.js';

/**
 * One Adam update in a single pass. Every intermediate is rounded to float32 exactly where
 * the api's composition (mul, add, square, sqrt, div, sub kernels) rounds, so the fused and
 * composed paths give identical bits.
 */
export function adamStep(param: Float32Array, grad: Float32Array, m: Float32Array, v: Float32Array,
  hyper: AdamHyper): [Float32Array, Float32Array, Float32Array] {
  const f = Math.fround;
  const b1 = f(hyper.beta1);
  const c1 = f(1 - hyper.beta1);
  const b2 = f(hyper.beta2);
  const c2 = f(1 - hyper.beta2);
  const lr = f(hyper.lrT);
  const eps = f(hyper.epsilon);
  const n = param.length;
  const p2 = floats(n);
  const m2 = floats(n);
  const v2 = floats(n);
  for (let i = 0; i < n; i++) {
    const g = grad[i];
    const mi = f(f(m[i] * b1) + f(g * c1));
    const vi = f(f(v[i] * b2) + f(f(g * g) * c2));
    m2[i] = mi;
    v2[i] = vi;
    p2[i] = param[i] - f(f(mi * lr) / f(f(Math.sqrt(vi)) + eps));
  }
  return [p2, m2, v2];
}
