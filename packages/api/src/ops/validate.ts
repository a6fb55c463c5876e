import type { DType } from '../kernel/dtypes.js';
import { fmtShape } from '../tensor/shape.js';
import type { Tensor } from '../tensor/tensor.js';

export function assertDType(op: string, arg: string, t: Tensor, allowed: readonly DType[]): void {
  if (!allowed.includes(t.dtype)) {
    throw new Error(`${op}: argument '${arg}' must be ${allowed.join(' or ')}, got ${t.dtype} (shape ${fmtShape(t.shape)})`);
  }
}

export function assertRank(op: string, arg: string, t: Tensor, ranks: readonly number[]): void {
  if (!ranks.includes(t.rank)) {
    throw new Error(`${op}: argument '${arg}' must have rank ${ranks.join(' or ')}, got shape ${fmtShape(t.shape)}`);
  }
}

/** Resolves a possibly negative axis against `rank`. */
export function normAxis(op: string, axis: number, rank: number, arg = 'axis'): number {
  if (!Number.isInteger(axis) || axis < -rank || axis >= Math.max(rank, 1)) {
    throw new Error(`${op}: ${arg} ${axis} is out of range for rank ${rank} (expected an integer in [${-rank}, ${rank - 1}])`);
  }
  return axis < 0 ? axis + rank : axis;
}

/** Resolves axes (undefined = all) to a sorted unique list. */
export function normAxes(op: string, axes: number | readonly number[] | undefined, rank: number): number[] {
  if (axes === undefined) return Array.from({ length: rank }, (_, i) => i);
  const list = typeof axes === 'number' ? [axes] : axes;
  const out = [...new Set(list.map((a) => normAxis(op, a, rank)))];
  if (out.length !== list.length) throw new Error(`${op}: axes [${list}] repeat an axis`);
  return out.sort((a, b) => a - b);
}

export function assertIntList(op: string, arg: string, values: readonly number[], length: number, min = 0): void {
  if (!Array.isArray(values) || values.length !== length || values.some((v) => !Number.isInteger(v) || v < min)) {
    throw new Error(`${op}: ${arg} must be ${length} integers >= ${min}, got ${JSON.stringify(values)}`);
  }
}
