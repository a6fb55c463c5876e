import type { Ctx } from '../context.js';
import { alias, filled, fromValues } from '../context.js';
import { runFlat, sizeOf, stridesOf } from '../program.js';
import type { TensorInfo } from '../tfjs.js';

/** Pads each axis with [before, after] elements of `value` (own WGSL, any rank). */
export function pad(ctx: Ctx, x: TensorInfo, paddings: readonly (readonly [number, number])[], value: number): TensorInfo {
  const outShape = x.shape.map((d, i) => d + paddings[i][0] + paddings[i][1]);
  const size = sizeOf(outShape);
  if (size === 0) return fromValues(ctx, outShape, x.dtype);
  if (paddings.every(([b, a]) => b === 0 && a === 0)) return alias(ctx, x, outShape);
  if (sizeOf(x.shape) === 0) return filled(ctx, outShape, x.dtype, value);
  const outStrides = stridesOf(outShape);
  const inStrides = stridesOf(x.shape);
  const ints: number[] = [];
  const lines: string[] = ['var r = index;', 'var j = 0;', 'var inside = true;'];
  x.shape.forEach((d, i) => {
    const k = ints.length;
    ints.push(outStrides[i], paddings[i][0], d, inStrides[i]);
    lines.push(`{ let c = r / uniforms.i${k} ; r = r - c * uniforms.i${k};
      let q = c - uniforms.i${k + 1};
      if (q < 0 || q >= uniforms.i${k + 2}) { inside = false; }
      j = j + q * uniforms.i${k + 3}; }`);
  });
  const fill = x.dtype === 'float32' ? 'uniforms.f0' : 'i32(uniforms.f0)';
  const v = x.dtype === 'bool' ? (value !== 0 ? 1 : 0) : value;
  const out = runFlat(ctx.backend, {
    inputs: [x], names: ['x'], size, outDtype: x.dtype, ints, floats: [v],
    body: `${lines.join('\n')}
    if (inside) { result[index] = x[j]; } else { result[index] = ${fill}; }`,
  });
  return { ...out, shape: outShape };
}
