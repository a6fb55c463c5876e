import type { Ctx } from '../context.js';
import { blank, fromValues } from '../context.js';
import { runFlat, sizeOf } from '../program.js';
import type { TensorInfo } from '../tfjs.js';

/** Softmax along the last axis through tfjs's Softmax (max-subtracted, one workgroup per row). */
export function softmax(ctx: Ctx, x: TensorInfo): TensorInfo {
  if (sizeOf(x.shape) === 0) return fromValues(ctx, x.shape, 'float32');
  return ctx.tfk.run('Softmax', { logits: x }, { dim: x.shape.length - 1 });
}

/** Log-softmax along the last axis (tfjs has no kernel for it): x - max - log(sum(exp(x - max))), one thread per row. */
export function logSoftmax(ctx: Ctx, x: TensorInfo): TensorInfo {
  const size = sizeOf(x.shape);
  if (size === 0) return fromValues(ctx, x.shape, 'float32');
  const n = x.shape[x.shape.length - 1];
  const rows = size / n;
  const out = blank(ctx, x.shape, 'float32');
  runFlat(ctx.backend, {
    inputs: [x], names: ['x'], size: rows, outDtype: 'float32', ints: [n], output: out,
    body: `let base = index * uniforms.i0;
    var m = x[base];
    for (var j = 1; j < uniforms.i0; j = j + 1) { m = max(m, x[base + j]); }
    var s = 0.0;
    for (var j = 0; j < uniforms.i0; j = j + 1) { s = s + exp(x[base + j] - m); }
    let l = log(s);
    for (var j = 0; j < uniforms.i0; j = j + 1) { result[base + j] = x[base + j] - m - l; }`,
  });
  return out;
}
