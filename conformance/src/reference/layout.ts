import { makeRef, ravel, sizeOf, unravel, type RefTensor } from './tensor.js';

/** out[i_0, ..., i_r] = x at the index whose axis perm[d] is i_d. */
export function transpose(x: RefTensor, perm: readonly number[]): RefTensor {
  const shape = perm.map((p) => x.shape[p]);
  const out = makeRef(shape, x.dtype);
  for (let o = 0; o < sizeOf(shape); o++) {
    const index = unravel(o, shape);
    const source = new Array<number>(x.shape.length);
    perm.forEach((p, d) => {
      source[p] = index[d];
    });
    out.data[o] = x.data[ravel(source, x.shape)];
  }
  return out;
}

/** The block starting at `begin` with extent `size`. */
export function slice(x: RefTensor, begin: readonly number[], size: readonly number[]): RefTensor {
  const out = makeRef(size, x.dtype);
  for (let o = 0; o < sizeOf(size); o++) {
    const index = unravel(o, size);
    out.data[o] = x.data[ravel(index.map((v, d) => v + begin[d]), x.shape)];
  }
  return out;
}

/** Joins same-rank tensors along `axis`. */
export function concat(xs: readonly RefTensor[], axis: number): RefTensor {
  const shape = [...xs[0].shape];
  shape[axis] = xs.reduce((total, x) => total + x.shape[axis], 0);
  const out = makeRef(shape, xs[0].dtype);
  let offset = 0;
  for (const x of xs) {
    for (let i = 0; i < sizeOf(x.shape); i++) {
      const index = unravel(i, x.shape);
      index[axis] += offset;
      out.data[ravel(index, shape)] = x.data[i];
    }
    offset += x.shape[axis];
  }
  return out;
}

/** Pads each axis with paddings[axis] = [before, after] elements of `value`. */
export function pad(x: RefTensor, paddings: readonly (readonly [number, number])[], value: number): RefTensor {
  const shape = x.shape.map((d, i) => paddings[i][0] + d + paddings[i][1]);
  const out = makeRef(shape, x.dtype);
  out.data.fill(value);
  for (let i = 0; i < sizeOf(x.shape); i++) {
    const index = unravel(i, x.shape).map((v, d) => v + paddings[d][0]);
    out.data[ravel(index, shape)] = x.data[i];
  }
  return out;
}
