import type { Info, Runtime } from '../runtime.js';
import { sizeOf } from '../runtime.js';
import { XNN_MAX_RANK } from './high-rank.js';

/**
 * tfjs's PadV2 (XNNPACK constant pad); a NaN or -0 value is filled here (PadV2 writes +0 for
 * both), and so is every pad of more than XNN_MAX_RANK axes (PadV2 returns zeros).
 */
export function pad(rt: Runtime, x: Info, paddings: readonly (readonly [number, number])[], value: number): Info {
  const outShape = x.shape.map((d, i) => d + paddings[i][0] + paddings[i][1]);
  if (x.shape.length === 0) return rt.copy(x);
  if (sizeOf(x.shape) === 0 || sizeOf(outShape) === 0) return rt.fill(outShape, value, x.dtype);
  if (paddings.every(([a, b]) => a === 0 && b === 0)) return rt.copy(x);
  if (((Number.isNaN(value) || Object.is(value, -0)) && x.dtype === 'float32') || x.shape.length > XNN_MAX_RANK) {
    return padByCopy(rt, x, paddings, outShape, value);
  }
  return rt.run('PadV2', { x }, { paddings: paddings.map(([a, b]) => [a, b]), constantValue: x.dtype === 'bool' ? (value ? 1 : 0) : value });
}

/** Fills the output with `value`, then copies x row by row (its last axis) into place. */
function padByCopy(rt: Runtime, x: Info, paddings: readonly (readonly [number, number])[], outShape: readonly number[], value: number): Info {
  const out = rt.fill(outShape, value, x.dtype);
  const src = rt.heap(x);
  const dst = rt.heap(out);
  const rank = x.shape.length;
  const row = x.shape[rank - 1];
  const index = new Array<number>(rank - 1).fill(0);
  for (let start = 0; start < src.length; start += row) {
    let at = paddings[rank - 1][0];
    let stride = outShape[rank - 1];
    for (let d = rank - 2; d >= 0; d--) {
      at += (index[d] + paddings[d][0]) * stride;
      stride *= outShape[d];
    }
    dst.set(src.subarray(start, start + row), at);
    for (let d = rank - 2; d >= 0 && ++index[d] === x.shape[d]; d--) index[d] = 0;
  }
  return out;
}
