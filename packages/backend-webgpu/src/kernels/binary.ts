import type { BinaryOp, DType } from '@layerwise/api';
import type { Ctx } from '../context.js';
import { fromValues } from '../context.js';
import { broadcastIndexer, runFlat, sizeOf } from '../program.js';
import type { TensorInfo } from '../tfjs.js';

const FLOAT_HELPERS = `
fn lw_div(a : f32, b : f32) -> f32 {
  if (b == 0.0) {
    if (a > 0.0) { return uniforms.INFINITY; }
    if (a < 0.0) { return -uniforms.INFINITY; }
    return uniforms.NAN;
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
  let r = a - b * trunc(a / b);
  if (r != 0.0 && ((r < 0.0) != (b < 0.0))) { return r + b; }
  return r;
}
fn lw_is_int(y : f32) -> bool { return floor(y) == y; }
fn lw_pow(x : f32, y : f32) -> f32 {
  if (y == 0.0) { return 1.0; }
  if (x == 1.0) { return 1.0; }
  if (x == 0.0) {
    if (y > 0.0) { return 0.0; }
    return uniforms.INFINITY;
  }
  if (x < 0.0) {
    if (!lw_is_int(y)) { return uniforms.NAN; }
    let m = pow(-x, y);
    let odd = y - 2.0 * floor(y * 0.5) != 0.0;
    return select(m, -m, odd);
  }
  return pow(x, y);
}
fn lw_max(x : f32, y : f32) -> f32 { return select(select(uniforms.NAN, y, y >= x), x, x > y); }
fn lw_min(x : f32, y : f32) -> f32 { return select(select(uniforms.NAN, y, y <= x), x, x < y); }
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
