import type { AdamHyper } from '@layerwise/api';
import type { Ctx } from '../context.js';
import { fromValues } from '../context.js';
import { runFlat, sizeOf } from '../program.js';
import type { TensorInfo } from '../tfjs.js';

const M = 'fn lw_m(i : i32) -> f32 { return xm[i] * uniforms.f0 + xg[i] * uniforms.f1; }\n';
const V = 'fn lw_v(i : i32) -> f32 { let g = xg[i]; return xv[i] * uniforms.f2 + (g * g) * uniforms.f3; }\n';

/**
 * One Keras 2 Adam update (own WGSL): m' = b1 m + (1 - b1) g, v' = b2 v + (1 - b2) g^2,
 * param' = param - lrT m' / (sqrt(v') + eps). Three small passes (a program has one
 * output), each reading the inputs once; the constants are rounded to float32 as the
 * api's composition rounds them.
 */
export function adamStep(ctx: Ctx, param: TensorInfo, grad: TensorInfo, m: TensorInfo, v: TensorInfo,
  hyper: AdamHyper): [TensorInfo, TensorInfo, TensorInfo] {
  const size = sizeOf(param.shape);
  if (size === 0) {
    return [fromValues(ctx, param.shape, 'float32'), fromValues(ctx, param.shape, 'float32'), fromValues(ctx, param.shape, 'float32')];
  }
  const f = Math.fround;
  const floats = [f(hyper.beta1), f(1 - hyper.beta1), f(hyper.beta2), f(1 - hyper.beta2), f(hyper.lrT), f(hyper.epsilon)];
  // Each program binds only the inputs it reads ('auto' layouts drop unused bindings).
  const run = (inputs: TensorInfo[], names: string[], helpers: string, body: string): TensorInfo => {
    const out = runFlat(ctx.backend, { inputs, names, size, outDtype: 'float32', floats, helpers, body });
    return { ...out, shape: [...param.shape] };
  };
  const m2 = run([grad, m], ['xg', 'xm'], M, 'result[index] = lw_m(index);');
  const v2 = run([grad, v], ['xg', 'xv'], V, 'result[index] = lw_v(index);');
  const p2 = run([param, grad, m, v], ['xp', 'xg', 'xm', 'xv'], M + V,
    'result[index] = xp[index] - (lw_m(index) * uniforms.f4) / (sqrt(lw_v(index)) + uniforms.f5);');
  return [p2, m2, v2];
}
