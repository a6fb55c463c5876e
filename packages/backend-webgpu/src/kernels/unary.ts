import type { UnaryOp } from '@layerwise/api';
import type { Ctx } from '../context.js';
import { fromValues } from '../context.js';
import { runFlat, sizeOf } from '../program.js';
import type { TensorInfo } from '../tfjs.js';
import { IEEE_HELPERS } from './ieee.js';

/** Float helpers WGSL lacks (or gets wrong for large |x|, infinities or subnormals on some drivers). */
export const FLOAT_HELPERS = `${IEEE_HELPERS}
fn lw_log(x : f32) -> f32 {
  // A positive subnormal is its bits (an integer below 2^23) times 2^-149; log of the
  // subnormal itself gives log(2^-126) on Mesa.
  let b = bitcast<u32>(x);
  if (b > 0u && b < 0x00800000u) { return log(f32(b)) - 103.27892990343185; }
  return log(x);
}
fn lw_log1p(x : f32) -> f32 {
  let u = 1.0 + x;
  if (u == 1.0) { return x; }
  // log1p(+Infinity) is +Infinity (log(u) * x / (u - 1) would be NaN); below -1 it is NaN.
  if (bitcast<u32>(u) == 0x7f800000u) { return u; }
  // x / (u - 1) first: near float32's top, log(u) * x overflows.
  return log(u) * (x / (u - 1.0));
}
fn lw_expm1(x : f32) -> f32 {
  if (abs(x) > 0.5) { return exp(x) - 1.0; }
  let u = exp(x);
  if (u == 1.0) { return x; }
  return (u - 1.0) * x / log(u);
}
fn lw_tanh(x : f32) -> f32 {
  let e = exp(-2.0 * abs(x));
  let t = (1.0 - e) / (1.0 + e);
  return select(t, -t, x < 0.0);
}
fn lw_sigmoid(x : f32) -> f32 {
  if (x >= 0.0) { return 1.0 / (1.0 + exp(-x)); }
  let e = exp(x);
  return e / (1.0 + e);
}
fn lw_erf(v : f32) -> f32 {
  // Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7).
  let x = abs(v);
  let t = 1.0 / (1.0 + 0.3275911 * x);
  let y = 1.0 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * exp(-x * x);
  return select(y, -y, v < 0.0);
}
fn lw_round_even(x : f32) -> f32 {
  let f = floor(x);
  let d = x - f;
  if (d > 0.5) { return f + 1.0; }
  if (d < 0.5) { return f; }
  return select(f + 1.0, f, f - 2.0 * floor(f * 0.5) == 0.0);
}
fn lw_round(x : f32) -> f32 {
  // Round half to even, with x's sign (so round(-0.4) is -0).
  return lw_copysign(lw_round_even(x), x);
}
`;

/** Ops with f(-0) = -0 in IEEE: a zero passes through with its sign (WGSL's builtins may give +0). */
const ZERO_KEEPING: ReadonlySet<UnaryOp> = new Set(['tanh', 'sin', 'expm1', 'log1p', 'erf']);

function floatExpr(op: UnaryOp): string {
  const expr = floatValueExpr(op);
  return ZERO_KEEPING.has(op) ? `select(${expr}, v, v == 0.0)` : expr;
}

function floatValueExpr(op: UnaryOp): string {
  switch (op) {
    case 'neg': return '-v';
    case 'abs': return 'abs(v)';
    case 'sign': return 'select(select(select(v, -1.0, v < 0.0), 1.0, v > 0.0), v, lw_isnan(v))';
    case 'square': return 'v * v';
    case 'relu': return 'lw_relu(v)';
    case 'exp': return 'exp(v)';
    case 'expm1': return 'lw_expm1(v)';
    case 'log': return 'lw_log(v)';
    case 'log1p': return 'lw_log1p(v)';
    case 'sqrt': return 'sqrt(v)';
    case 'rsqrt': return '1.0 / sqrt(v)';
    case 'reciprocal': return '1.0 / v';
    case 'tanh': return 'lw_tanh(v)';
    case 'sigmoid': return 'lw_sigmoid(v)';
    case 'softplus': return 'lw_max(v, 0.0) + lw_log1p(exp(-abs(v)))';
    case 'erf': return 'lw_erf(v)';
    case 'sin': return 'sin(v)';
    case 'cos': return 'cos(v)';
    case 'floor': return 'floor(v)';
    case 'ceil': return 'ceil(v)';
    case 'round': return 'lw_round(v)';
    default: throw new Error(`webgpu backend: unary '${op}' does not take float32`);
  }
}

function intExpr(op: UnaryOp): string {
  switch (op) {
    case 'neg': return '-v';
    case 'abs': return 'abs(v)';
    case 'sign': return 'select(select(0, -1, v < 0), 1, v > 0)';
    case 'square': return 'v * v';
    case 'relu': return 'max(v, 0)';
    default: throw new Error(`webgpu backend: unary '${op}' does not take int32`);
  }
}

/** Element-wise functions of one argument (own WGSL: exact int32, round half to even, stable tanh/softplus). */
export function unary(ctx: Ctx, op: UnaryOp, x: TensorInfo): TensorInfo {
  const size = sizeOf(x.shape);
  if (size === 0) return fromValues(ctx, x.shape, x.dtype);
  let expr: string;
  if (x.dtype === 'bool') {
    if (op !== 'logicalNot') throw new Error(`webgpu backend: unary '${op}' does not take bool`);
    expr = 'select(1, 0, v != 0)';
  } else {
    expr = x.dtype === 'int32' ? intExpr(op) : floatExpr(op);
  }
  const out = runFlat(ctx.backend, {
    inputs: [x], names: ['x'], size, outDtype: x.dtype,
    helpers: x.dtype === 'float32' ? FLOAT_HELPERS : '',
    body: `let v = x[index]; result[index] = ${expr};`,
  });
  return { ...out, shape: [...x.shape] };
}
