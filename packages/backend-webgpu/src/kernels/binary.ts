import type { BinaryOp, DType } from '@layerwise/api';
import type { Ctx } from '../context.js';
import { fromValues } from '../context.js';
import { broadcastIndexer, runFlat, sizeOf } from '../program.js';
import type { TensorInfo } from '../tfjs.js';
import { IEEE_HELPERS } from './ieee.js';

const FLOAT_HELPERS = `${IEEE_HELPERS}
fn lw_div(a : f32, b : f32) -> f32 {
  if (b == 0.0) {
    if (a == 0.0 || lw_isnan(a)) { return uniforms.NAN; }
    // +-Infinity with the sign of a times the sign of b (b may be -0).
    return bitcast<f32>(0x7f800000u | ((bitcast<u32>(a) ^ bitcast<u32>(b)) & 0x80000000u));
  }
  return a / b;
}
fn lw_floordiv(a : f32, b : f32) -> f32 {
  if (b == 0.0) { return lw_div(a, b); }
  // floor(a / b), corrected for a quotient that rounded across an integer.
  var f = floor(a / b);
  let r = a - f * b;
  if (b > 0.0) {
    if (r >= b) { f = f + 1.0; } else if (r < 0.0) { f = f - 1.0; }
  } else {
    if (r <= b) { f = f + 1.0; } else if (r > 0.0) { f = f - 1.0; }
  }
  return f;
}
fn lw_mod(a : f32, b : f32) -> f32 {
  if (b == 0.0) { return uniforms.NAN; }
  if (lw_isinf(b)) {
    // fmod(a, +-Infinity) is a; plus b where the signs differ (NumPy's, Python's %).
    if (lw_isinf(a) || lw_isnan(a)) { return uniforms.NAN; }
    if (a == 0.0 || (a < 0.0) == (b < 0.0)) { return a; }
    return b;
  }
  let r = a - b * trunc(a / b);
  if (r != 0.0 && ((r < 0.0) != (b < 0.0))) { return r + b; }
  return r;
}
fn lw_pow(x : f32, y : f32) -> f32 {
  // C's pow: 1 for y = +-0 or x = 1 (NaN included), and for x = -1 with an infinite y.
  if (y == 0.0 || x == 1.0) { return 1.0; }
  if (lw_isnan(x) || lw_isnan(y)) { return uniforms.NAN; }
  if (x == -1.0 && lw_isinf(y)) { return 1.0; }
  // Infinities count as even integers; floats from 2^24 up are all even.
  let isInt = floor(y) == y;
  let odd = isInt && abs(y) < 16777216.0 && y - 2.0 * floor(y * 0.5) != 0.0;
  if (x == 0.0) {
    // +-0 to a negative power is +-Infinity, to a positive one +-0 (the sign kept for odd y).
    let m = select(0.0, uniforms.INFINITY, y < 0.0);
    return select(m, lw_copysign(m, x), odd);
  }
  if (x < 0.0) {
    if (!isInt) { return uniforms.NAN; }
    let m = pow(-x, y);
    return select(m, -m, odd);
  }
  return pow(x, y);
}
`;

const INT_HELPERS = `
fn lw_idiv(a : i32, b : i32) -> i32 {
  if (b == 0) { return 0; }
  if (b == -1) { return -a; }
  return a / b;
}
fn lw_ifloordiv(a : i32, b : i32) -> i32 {
  if (b == 0) { return 0; }
  let q = lw_idiv(a, b);
  if (q * b != a && ((a < 0) != (b < 0))) { return q - 1; }
  return q;
}
fn lw_imod(a : i32, b : i32) -> i32 {
  if (b == 0) { return 0; }
  let r = a - lw_idiv(a, b) * b;
  if (r != 0 && ((r < 0) != (b < 0))) { return r + b; }
  return r;
}
fn lw_ipow(x : i32, e : i32) -> i32 {
  if (e < 0) {
    if (x == 1) { return 1; }
    if (x == -1) { return select(-1, 1, (e & 1) == 0); }
    return 0;
  }
  var result = 1;
  var base = x;
  var k = e;
  loop {
    if (k <= 0) { break; }
    if ((k & 1) != 0) { result = result * base; }
    base = base * base;
    k = k >> 1u;
  }
  return result;
}
`;

function arithmetic(op: BinaryOp, dtype: DType): string {
  const f = dtype === 'float32';
  switch (op) {
    case 'add': return 'a + b';
    case 'sub': return 'a - b';
    case 'mul': return 'a * b';
    case 'div': return f ? 'lw_div(a, b)' : 'lw_idiv(a, b)';
    case 'pow': return f ? 'lw_pow(a, b)' : 'lw_ipow(a, b)';
    case 'maximum': return f ? 'lw_max(a, b)' : 'max(a, b)';
    case 'minimum': return f ? 'lw_min(a, b)' : 'min(a, b)';
    case 'floorDiv': return f ? 'lw_floordiv(a, b)' : 'lw_ifloordiv(a, b)';
    case 'mod': return f ? 'lw_mod(a, b)' : 'lw_imod(a, b)';
    default: throw new Error(`webgpu backend: binary '${op}' is not arithmetic`);
  }
}

function expression(op: BinaryOp, dtype: DType): { expr: string; outDtype: DType } {
  const cmp = (o: string) => ({ expr: `select(0, 1, a ${o} b)`, outDtype: 'bool' as const });
  switch (op) {
    case 'equal': return cmp('==');
    case 'notEqual': return cmp('!=');
    case 'less': return cmp('<');
    case 'lessEqual': return cmp('<=');
    case 'greater': return cmp('>');
    case 'greaterEqual': return cmp('>=');
    case 'logicalAnd': return { expr: 'select(0, 1, a != 0 && b != 0)', outDtype: 'bool' };
    case 'logicalOr': return { expr: 'select(0, 1, a != 0 || b != 0)', outDtype: 'bool' };
    default: return { expr: arithmetic(op, dtype), outDtype: dtype };
  }
}

/** Broadcasting binary ops (own WGSL: exact int32 arithmetic with Python-style floorDiv/mod, x/0 -> 0). */
export function binary(ctx: Ctx, op: BinaryOp, a: TensorInfo, b: TensorInfo, outShape: readonly number[]): TensorInfo {
  const { expr, outDtype } = expression(op, a.dtype);
  const size = sizeOf(outShape);
  if (size === 0) return fromValues(ctx, outShape, outDtype);
  const ints: number[] = [];
  const indexer = broadcastIndexer(outShape, [a.shape, b.shape], ints);
  const out = runFlat(ctx.backend, {
    inputs: [a, b], names: ['xa', 'xb'], size, outDtype, ints,
    helpers: a.dtype === 'float32' ? FLOAT_HELPERS : INT_HELPERS,
    body: `${indexer}
    let a = xa[j0];
    let b = xb[j1];
    result[index] = ${expr};`,
  });
  return { ...out, shape: [...outShape] };
}
