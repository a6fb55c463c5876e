import { composite } from '../engine/scope.js';
import { emit, kernelFor } from '../engine/emit.js';
import { record } from '../autodiff/tape.js';
import { fmtShape, shapesEqual } from '../tensor/shape.js';
import type { Tensor } from '../tensor/tensor.js';
import { range, toTensor, type TensorLike } from './create.js';
import { normAxis } from './validate.js';
import { expandDims, reshape } from './reshape.js';
import { broadcastTo } from './broadcast-to.js';
import { gather } from './gather.js';

/** Permutes the axes: output axis i is input axis `perm[i]`; `perm` defaults to reversing them all. */
export function transpose(xLike: TensorLike, perm?: readonly number[]): Tensor {
  const x = toTensor(xLike, 'transpose', 'x');
  const p = perm ? perm.slice() : x.shape.map((_, i) => x.rank - 1 - i);
  const sorted = [...p].sort((a, b) => a - b);
  if (p.length !== x.rank || sorted.some((v, i) => v !== i)) {
    throw new Error(`transpose: perm [${p}] is not a permutation of the ${x.rank} axes of 'x' ${fmtShape(x.shape)}`);
  }
  if (p.every((v, i) => v === i)) return reshape(x, x.shape);
  const kernel = kernelFor('transpose', { x });
  const y = emit(kernel, kernel.transpose(x.ref(), p), p.map((a) => x.shape[a]), x.dtype);
  if (x.dtype === 'float32') {
    const inverse = new Array<number>(p.length);
    p.forEach((a, i) => { inverse[a] = i; });
    record('transpose', [x], [y], ([dy]) => [transpose(dy, inverse)]);
  }
  return y;
}

/** The block at `begin` of extent `size` (-1 = to the end of that axis). */
export function slice(xLike: TensorLike, begin: readonly number[], size?: readonly number[]): Tensor {
  const x = toTensor(xLike, 'slice', 'x');
  if (begin.length !== x.rank || (size && size.length !== x.rank)) {
    throw new Error(`slice: begin [${begin}]${size ? ` and size [${size}]` : ''} must have one entry per axis of 'x' ${fmtShape(x.shape)}`);
  }
  const s = x.shape.map((d, i) => (size === undefined || size[i] === -1 ? d - begin[i] : size[i]));
  for (let i = 0; i < x.rank; i++) {
    if (!Number.isInteger(begin[i]) || !Number.isInteger(s[i]) || begin[i] < 0 || s[i] < 0 || begin[i] + s[i] > x.shape[i]) {
      throw new Error(`slice: begin [${begin}] size [${s}] is out of bounds for 'x' ${fmtShape(x.shape)} at axis ${i}`);
    }
  }
  if (shapesEqual(s, x.shape)) return reshape(x, x.shape);
  const kernel = kernelFor('slice', { x });
  const y = emit(kernel, kernel.slice(x.ref(), begin, s), s, x.dtype);
  if (x.dtype === 'float32') {
    record('slice', [x], [y], ([dy]) => [pad(dy, x.shape.map((d, i) => [begin[i], d - begin[i] - s[i]] as [number, number]))]);
  }
  return y;
}

/**
 * Pads each axis with `paddings[axis] = [before, after]` elements of `value` (default 0);
 * one pair per axis, integers >= 0.
 */
export function pad(xLike: TensorLike, paddings: readonly (readonly [number, number])[], value = 0): Tensor {
  const x = toTensor(xLike, 'pad', 'x');
  if (paddings.length !== x.rank || paddings.some((p) => p.length !== 2 || p.some((v) => !Number.isInteger(v) || v < 0))) {
    throw new Error(`pad: paddings ${JSON.stringify(paddings)} must give [before, after] (integers >= 0) for each axis of 'x' ${fmtShape(x.shape)}`);
  }
  const outShape = x.shape.map((d, i) => d + paddings[i][0] + paddings[i][1]);
  if (shapesEqual(outShape, x.shape)) return reshape(x, x.shape);
  const kernel = kernelFor('pad', { x });
  const y = emit(kernel, kernel.pad(x.ref(), paddings, value), outShape, x.dtype);
  if (x.dtype === 'float32') record('pad', [x], [y], ([dy]) => [slice(dy, paddings.map((p) => p[0]), x.shape)]);
  return y;
}

/** Joins tensors of one dtype along `axis` (default 0); their other axes must match. */
export function concat(xsLike: readonly TensorLike[], axis = 0): Tensor {
  if (!Array.isArray(xsLike) || xsLike.length === 0) throw new Error('concat: expected a non-empty array of tensors');
  const xs = xsLike.map((x, i) => toTensor(x, 'concat', `xs[${i}]`));
  const first = xs[0];
  const a = normAxis('concat', axis, first.rank);
  xs.forEach((x, i) => {
    if (x.dtype !== first.dtype || x.rank !== first.rank || x.shape.some((d, j) => j !== a && d !== first.shape[j])) {
      throw new Error(`concat: 'xs[${i}]' (${x.dtype}, ${fmtShape(x.shape)}) does not match 'xs[0]' (${first.dtype}, ${fmtShape(first.shape)}) outside axis ${a}`);
    }
  });
  if (xs.length === 1) return reshape(first, first.shape);
  const outShape = first.shape.slice();
  outShape[a] = xs.reduce((n, x) => n + x.shape[a], 0);
  const inputs: Record<string, Tensor> = {};
  xs.forEach((x, i) => { inputs[`xs[${i}]`] = x; });
  const kernel = kernelFor('concat', inputs);
  const y = emit(kernel, kernel.concat(xs.map((x) => x.ref()), a), outShape, first.dtype);
  if (first.dtype === 'float32') {
    record('concat', xs, [y], ([dy]) => {
      let offset = 0;
      return xs.map((x) => {
        const begin = x.shape.map((_, j) => (j === a ? offset : 0));
        offset += x.shape[a];
        return slice(dy, begin, x.shape);
      });
    });
  }
  return y;
}

/** Joins tensors of one shape along a new axis at `axis` (default 0): n tensors of [a, b] stack to [n, a, b]. */
export function stack(xs: readonly Tensor[], axis = 0): Tensor {
  if (xs.length === 0) throw new Error('stack: expected a non-empty array of tensors');
  const a = axis < 0 ? axis + xs[0].rank + 1 : axis;
  return concat(xs.map((x) => expandDims(x, a)), a);
}

/**
 * Consecutive blocks of `sizes` along `axis`, as ONE op: its gradient is a single concat of
 * the blocks' gradients, not one zero-padded full-size tensor per block summed together
 * (an RNN unstacking 50 timesteps would otherwise add 50 full-size gradients).
 */
function splitBlocks(op: string, x: Tensor, axis: number, sizes: readonly number[]): Tensor[] {
  const kernel = kernelFor(op, { x });
  let offset = 0;
  const outs = sizes.map((p) => {
    const begin = x.shape.map((_, j) => (j === axis ? offset : 0));
    const size = x.shape.map((d, j) => (j === axis ? p : d));
    offset += p;
    return emit(kernel, kernel.slice(x.ref(), begin, size), size, x.dtype);
  });
  if (x.dtype === 'float32') record(op, [x], outs, (dys) => [concat(dys, axis)]);
  return outs;
}

/** Splits `x` along `axis` (default 0) into its slices, each without that axis: the inverse of `stack`. */
export const unstack = composite(function unstack(x: Tensor, axis: number = 0): Tensor[] {
  const a = normAxis('unstack', axis, x.rank);
  const shape = x.shape.filter((_, i) => i !== a);
  return splitBlocks('unstack', x, a, new Array<number>(x.shape[a]).fill(1)).map((t) => reshape(t, shape));
});

/** Splits into equal parts (a number) or parts of the given sizes along `axis`. */
export function split(x: Tensor, sizes: number | readonly number[], axis = 0): Tensor[] {
  const a = normAxis('split', axis, x.rank);
  const parts = typeof sizes === 'number' ? new Array<number>(sizes).fill(x.shape[a] / sizes) : sizes.slice();
  if (parts.some((p) => !Number.isInteger(p) || p < 0) || parts.reduce((s, p) => s + p, 0) !== x.shape[a]) {
    throw new Error(`split: sizes ${JSON.stringify(sizes)} do not split axis ${a} of 'x' ${fmtShape(x.shape)} (${x.shape[a]})`);
  }
  return splitBlocks('split', x, a, parts);
}

/** Repeats `x` reps[i] times along axis i (composed from reshape and broadcasting). */
export function tile(x: Tensor, reps: readonly number[]): Tensor {
  if (reps.length !== x.rank || reps.some((r) => !Number.isInteger(r) || r < 0)) {
    throw new Error(`tile: reps [${reps}] must give one integer >= 0 per axis of 'x' ${fmtShape(x.shape)}`);
  }
  const interleaved = x.shape.flatMap((d) => [1, d]);
  const target = x.shape.flatMap((d, i) => [reps[i], d]);
  return reshape(broadcastTo(reshape(x, interleaved), target), x.shape.map((d, i) => d * reps[i]));
}

/** Reverses the order along one axis. */
export const reverse = composite(function reverse(x: Tensor, axis: number): Tensor {
  const a = normAxis('reverse', axis, x.rank);
  const n = x.shape[a];
  return gather(x, range(n - 1, -1, -1, 'int32'), a);
});
