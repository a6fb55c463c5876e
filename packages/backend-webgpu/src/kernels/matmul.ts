import type { FusedActivation } from '@layerwise/api';
import type { Ctx } from '../context.js';
import { filled, free, fromValues } from '../context.js';
import { sizeOf } from '../program.js';
import type { TensorInfo } from '../tfjs.js';
import { binary } from './binary.js';
import { unary } from './unary.js';

function outShapeOf(a: TensorInfo, b: TensorInfo, transposeA: boolean, transposeB: boolean): { shape: number[]; k: number } {
  const [ba, a1, a2] = a.shape;
  const [bb, b1, b2] = b.shape;
  const m = transposeA ? a2 : a1;
  const k = transposeA ? a1 : a2;
  const n = transposeB ? b1 : b2;
  return { shape: [ba === 1 ? bb : ba, m, n], k };
}

/** Batched matmul of rank-3 tensors through tfjs's BatchMatMul (batch broadcasting included). */
export function matmul(ctx: Ctx, a: TensorInfo, b: TensorInfo, transposeA: boolean, transposeB: boolean): TensorInfo {
  const { shape, k } = outShapeOf(a, b, transposeA, transposeB);
  if (sizeOf(shape) === 0) return fromValues(ctx, shape, 'float32');
  if (k === 0) return filled(ctx, shape, 'float32', 0);
  return ctx.tfk.run('BatchMatMul', { a, b }, { transposeA, transposeB });
}

/** Applies `activation` to a fresh result `y` (freed), in our own WGSL. */
function activate(ctx: Ctx, y: TensorInfo, activation: FusedActivation): TensorInfo {
  if (activation === 'linear') return y;
  const out = unary(ctx, activation, y);
  free(ctx, y);
  return out;
}

/**
 * `activation(op(a) @ op(b) + bias)` through tfjs's _FusedMatMul with its bias; the
 * activation runs after, in our own WGSL: tfjs has no fused tanh, and its fused relu
 * compiles to max(x, 0), which drops NaN.
 */
export function fusedMatMul(ctx: Ctx, a: TensorInfo, b: TensorInfo, bias: TensorInfo | null, activation: FusedActivation,
  transposeA: boolean, transposeB: boolean): TensorInfo {
  const { shape, k } = outShapeOf(a, b, transposeA, transposeB);
  if (sizeOf(shape) === 0) return fromValues(ctx, shape, 'float32');
  if (k === 0) {
    // Rare path: compose from the plain kernels.
    let y = matmul(ctx, a, b, transposeA, transposeB);
    if (bias) { const t = binary(ctx, 'add', y, bias, shape); free(ctx, y); y = t; }
    return activate(ctx, y, activation);
  }
  const fusable = activation === 'sigmoid' ? activation : 'linear';
  return activate(ctx, ctx.tfk.run('_FusedMatMul', { a, b, bias }, { transposeA, transposeB, activation: fusable }),
    fusable === activation ? 'linear' : activation);
}
