import { view } from '../engine/emit.js';
import { record } from '../autodiff/tape.js';
import { fmtShape, sizeOf } from '../tensor/shape.js';
import type { Tensor } from '../tensor/tensor.js';
import { toTensor, type TensorLike } from './create.js';

/** Same data, new shape (one dimension may be -1). Shares the buffer; never copies. */
export function reshape(xLike: TensorLike, shape: readonly number[]): Tensor {
  const x = toTensor(xLike, 'reshape', 'x');
  const resolved = resolveShape(x, shape);
  const y = view(x, resolved);
  record('reshape', [x], [y], ([dy]) => [reshape(dy, x.shape)]);
  return y;
}

function resolveShape(x: Tensor, shape: readonly number[]): number[] {
  const out = shape.slice();
  const unknown = out.indexOf(-1);
  if (out.some((d, i) => !Number.isInteger(d) || d < -1 || (d === -1 && i !== unknown))) {
    throw new Error(`reshape: shape ${fmtShape(shape)} must hold non-negative integers and at most one -1`);
  }
  if (unknown >= 0) {
    const known = sizeOf(out.filter((_, i) => i !== unknown));
    if (known === 0 || x.size % known !== 0) {
      throw new Error(`reshape: cannot reshape 'x' of shape ${fmtShape(x.shape)} (${x.size} elements) to ${fmtShape(shape)}`);
    }
    out[unknown] = x.size / known;
  }
  if (sizeOf(out) !== x.size) {
    throw new Error(`reshape: cannot reshape 'x' of shape ${fmtShape(x.shape)} (${x.size} elements) to ${fmtShape(shape)} (${sizeOf(out)} elements)`);
  }
  return out;
}

/** `x` with a new axis of size 1 inserted at `axis` (default 0; negative counts from the end of the result). */
export function expandDims(x: Tensor, axis = 0): Tensor {
  const rank = x.rank + 1;
  const a = axis < 0 ? axis + rank : axis;
  if (!Number.isInteger(a) || a < 0 || a >= rank) throw new Error(`expandDims: axis ${axis} is out of range for rank ${x.rank}`);
  const shape = x.shape.slice();
  shape.splice(a, 0, 1);
  return reshape(x, shape);
}

/** Removes size-1 axes (all of them, or those listed). */
export function squeeze(x: Tensor, axes?: readonly number[]): Tensor {
  const drop = new Set((axes ?? x.shape.map((d, i) => (d === 1 ? i : -1)).filter((i) => i >= 0)).map((a) => (a < 0 ? a + x.rank : a)));
  for (const a of drop) {
    if (x.shape[a] !== 1) throw new Error(`squeeze: axis ${a} of 'x' (shape ${fmtShape(x.shape)}) is not of size 1`);
  }
  return reshape(x, x.shape.filter((_, i) => !drop.has(i)));
}
