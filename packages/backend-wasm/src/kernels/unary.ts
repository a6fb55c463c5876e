import type { UnaryOp } from '@layerwise/api';
import { sizeOf, type Info, type Runtime } from '../runtime.js';

const FLOAT_KERNELS: Record<Exclude<UnaryOp, 'logicalNot' | 'relu' | 'sign'>, string> = {
  neg: 'Neg', abs: 'Abs', square: 'Square',
  exp: 'Exp', expm1: 'Expm1', log: 'Log', log1p: 'Log1p', sqrt: 'Sqrt', rsqrt: 'Rsqrt', reciprocal: 'Reciprocal',
  tanh: 'Tanh', sigmoid: 'Sigmoid', softplus: 'Softplus', erf: 'Erf', sin: 'Sin', cos: 'Cos',
  floor: 'Floor', ceil: 'Ceil', round: 'Round',
};

/** Element-wise functions of one argument; see `UnaryOp` for the dtype rules. */
export function unary(rt: Runtime, op: UnaryOp, x: Info): Info {
  if (x.dtype === 'bool') return rt.run('LogicalNot', { x });
  if (x.dtype === 'int32') return unaryInt(rt, op, x);
  if (op === 'sign') return signFloat(rt, x);
  if (op === 'relu') return reluFloat(rt, x);
  const y = rt.run(FLOAT_KERNELS[op as keyof typeof FLOAT_KERNELS], { x });
  if (ZERO_KEEPING.has(op)) rt.simd.keep_zeros(rt.ptr(x), rt.ptr(y), sizeOf(x.shape));
  return y;
}

/** Ops with f(-0) = -0 in IEEE whose tfjs kernels give +0 there. */
const ZERO_KEEPING: ReadonlySet<UnaryOp> = new Set(['tanh', 'sin', 'expm1', 'log1p', 'erf']);

/** kernels.wat relu, which keeps NaN: tfjs's Relu is XNNPACK's clamp, which turns NaN into 0. */
function reluFloat(rt: Runtime, x: Info): Info {
  return rt.mapped(x, 'float32', (p, out, n) => rt.simd.relu(p, out, n));
}

/** kernels.wat sign: tfjs's wasm Sign gives 0 for small magnitudes (1e-10 -> 0); NaN and +-0 stay. */
function signFloat(rt: Runtime, x: Info): Info {
  return rt.mapped(x, 'float32', (p, out, n) => rt.simd.sign(p, out, n));
}

/**
 * int32 neg/abs/sign/square/relu from integer binary kernels: tfjs's wasm unary kernels go
 * through float32 and round magnitudes beyond 2^24.
 */
function unaryInt(rt: Runtime, op: UnaryOp, x: Info): Info {
  return rt.scoped((keep) => {
    const zero = keep(rt.scalar(0, 'int32'));
    const negated = (): Info => keep(rt.run('Sub', { a: keep(rt.fill(x.shape, 0, 'int32')), b: x }));
    switch (op) {
      case 'neg': return rt.run('Sub', { a: keep(rt.fill(x.shape, 0, 'int32')), b: x });
      case 'abs': return rt.run('Select', { condition: keep(rt.run('Less', { a: x, b: zero })), t: negated(), e: x });
      case 'square': return rt.run('Multiply', { a: x, b: x });
      case 'relu': return rt.run('Maximum', { a: x, b: zero });
      case 'sign': {
        const pos = keep(rt.run('Cast', { x: keep(rt.run('Greater', { a: x, b: zero })) }, { dtype: 'int32' }));
        const neg = keep(rt.run('Cast', { x: keep(rt.run('Less', { a: x, b: zero })) }, { dtype: 'int32' }));
        return rt.run('Sub', { a: pos, b: neg });
      }
      default:
        throw new Error(`wasm backend: unary '${op}' does not take int32`);
    }
  });
}
