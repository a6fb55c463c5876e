import type { AdamHyper } from '@layerwise/api';
import type { Info, Runtime } from '../runtime.js';
import { sizeOf } from '../runtime.js';
import { PLAN, ranges } from '../threads/plan.js';

/**
 * One Adam update in one SIMD pass (kernels.wat adam_step) instead of a dozen tfjs kernels,
 * each a pass over the weights. It rounds where the api's composition rounds, so fused and
 * composed give the same bits. Large weights are split into element ranges across threads.
 */
export function adamStep(rt: Runtime, param: Info, grad: Info, m: Info, v: Info, hyper: AdamHyper): [Info, Info, Info] {
  const outs: [Info, Info, Info] = [rt.empty(param.shape, 'float32'), rt.empty(param.shape, 'float32'), rt.empty(param.shape, 'float32')];
  const n = sizeOf(param.shape);
  if (n === 0) return outs;
  const f = Math.fround;
  const ptrs = [param, grad, m, v, ...outs].map((t) => rt.ptr(t));
  const scalars = [f(hyper.beta1), f(1 - hyper.beta1), f(hyper.beta2), f(1 - hyper.beta2), f(hyper.lrT), f(hyper.epsilon)];
  rt.split('adam_step', ranges(n, rt.threads, PLAN.adamFloats, 4).map(([start, end]) => [...ptrs.map((p) => p + 4 * start), end - start, ...scalars]));
  return outs;
}
