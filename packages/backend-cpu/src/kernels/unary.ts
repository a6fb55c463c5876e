import type { UnaryOp, TypedArray } from '@layerwise/api';
import type { Tensor } from '../util/tensor.js';
import { bools, floats, ints } from '../util/alloc.js';
import { roundHalfEven, erf } from '../util/math.js';

/** Element-wise functions of one argument; see `UnaryOp` for the dtype rules. */
export function unary(op: UnaryOp, x: Tensor): TypedArray {
  if (x.dtype === 'bool') {
    const a = x.data as Uint8Array;
    const out = bools(a.length);
    for (let i = 0; i < a.length; i++) out[i] = a[i] === 0 ? 1 : 0;
    return out;
  }
  if (x.dtype === 'int32') return unaryInt(op, x.data as Int32Array);
  return unaryFloat(op, x.data as Float32Array);
}

function unaryInt(op: UnaryOp, a: Int32Array): Int32Array {
  const n = a.length;
  const out = ints(n);
  switch (op) {
    case 'neg': for (let i = 0; i < n; i++) out[i] = -a[i]; break;
    case 'abs': for (let i = 0; i < n; i++) { const v = a[i]; out[i] = v < 0 ? -v : v; } break;
    case 'sign': for (let i = 0; i < n; i++) { const v = a[i]; out[i] = v > 0 ? 1 : v < 0 ? -1 : 0; } break;
    case 'square': for (let i = 0; i < n; i++) out[i] = Math.imul(a[i], a[i]); break;
    case 'relu': for (let i = 0; i < n; i++) { const v = a[i]; out[i] = v > 0 ? v : 0; } break;
    default: throw new Error(`cpu backend: unary '${op}' does not take int32`);
  }
  return out;
}

function unaryFloat(op: UnaryOp, a: Float32Array): Float32Array {
  const n = a.length;
  const out = floats(n);
  switch (op) {
    case 'neg': for (let i = 0; i < n; i++) out[i] = -a[i]; break;
    case 'abs': for (let i = 0; i < n; i++) out[i] = Math.abs(a[i]); break;
    case 'sign': for (let i = 0; i < n; i++) { const v = a[i]; out[i] = v > 0 ? 1 : v < 0 ? -1 : v === 0 ? 0 : v; } break;
    case 'square': for (let i = 0; i < n; i++) { const v = a[i]; out[i] = v * v; } break;
    case 'relu': for (let i = 0; i < n; i++) { const v = a[i]; out[i] = v > 0 ? v : v === v ? 0 : v; } break;
    case 'exp': for (let i = 0; i < n; i++) out[i] = Math.exp(a[i]); break;
    case 'expm1': for (let i = 0; i < n; i++) out[i] = Math.expm1(a[i]); break;
    case 'log': for (let i = 0; i < n; i++) out[i] = Math.log(a[i]); break;
    case 'log1p': for (let i = 0; i < n; i++) out[i] = Math.log1p(a[i]); break;
    case 'sqrt': for (let i = 0; i < n; i++) out[i] = Math.sqrt(a[i]); break;
    case 'rsqrt': for (let i = 0; i < n; i++) out[i] = 1 / Math.sqrt(a[i]); break;
    case 'reciprocal': for (let i = 0; i < n; i++) out[i] = 1 / a[i]; break;
    case 'tanh': for (let i = 0; i < n; i++) out[i] = Math.tanh(a[i]); break;
    case 'sigmoid': for (let i = 0; i < n; i++) out[i] = 1 / (1 + Math.exp(-a[i])); break;
    case 'softplus':
      // log(1 + e^x) = max(x, 0) + log1p(e^-|x|), stable for large |x|.
      for (let i = 0; i < n; i++) { const v = a[i]; out[i] = (v > 0 ? v : 0) + Math.log1p(Math.exp(-Math.abs(v))); }
      break;
    case 'erf': for (let i = 0; i < n; i++) out[i] = erf(a[i]); break;
    case 'sin': for (let i = 0; i < n; i++) out[i] = Math.sin(a[i]); break;
    case 'cos': for (let i = 0; i < n; i++) out[i] = Math.cos(a[i]); break;
    case 'floor': for (let i = 0; i < n; i++) out[i] = Math.floor(a[i]); break;
    case 'ceil': for (let i = 0; i < n; i++) out[i] = Math.ceil(a[i]); break;
    case 'round': for (let i = 0; i < n; i++) out[i] = roundHalfEven(a[i]); break;
    default: throw new Error(`cpu backend: unary '${op}' does not take float32`);
  }
  return out;
}
