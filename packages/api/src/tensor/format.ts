import type { DType, TypedArray } from '../kernel/dtypes.js';
import { sizeOf } from './shape.js';

/** Along an axis longer than this, only the first and last EDGE entries are shown. */
const MAX_SHOWN = 20;
const EDGE = 3;

/** The indices of an axis of length n that are shown (-1 stands for the "..."). */
function shown(n: number): number[] {
  if (n <= MAX_SHOWN) return Array.from({ length: n }, (_, i) => i);
  return [...Array.from({ length: EDGE }, (_, i) => i), -1, ...Array.from({ length: EDGE }, (_, i) => n - EDGE + i)];
}

function valueString(v: number, dtype: DType): string {
  if (dtype === 'bool') return v ? 'true' : 'false';
  // Seven digits after the point at most, trailing zeros dropped (as tfjs prints).
  return Number.isFinite(v) ? String(Number(v.toFixed(7))) : String(v);
}

/**
 * The text `Tensor.print` logs, laid out as tfjs lays it out: a `Tensor` line, then the values
 * indented by four spaces, one row per line, columns padded to a common width, and axes
 * longer than 20 shortened to their first and last three entries.
 */
export function formatTensor(values: TypedArray, shape: readonly number[], dtype: DType, verbose = false): string {
  const rank = shape.length;
  const text = (i: number) => valueString(values[i], dtype);
  const cols = rank === 0 ? 1 : shape[rank - 1];
  const width = new Array<number>(cols).fill(0);
  if (rank > 1) for (let i = 0; i < values.length; i++) width[i % cols] = Math.max(width[i % cols], text(i).length);

  const lines = (offset: number, axis: number): string[] => {
    if (axis === rank - 1) {
      const items = shown(shape[axis]).map((j) => (j < 0 ? '...' : text(offset + j).padEnd(width[j])));
      return [`[${items.join(', ')}]`];
    }
    const stride = sizeOf(shape.slice(axis + 1));
    const out: string[] = [];
    const children = shown(shape[axis]);
    children.forEach((j, k) => {
      const child = j < 0 ? ['...'] : lines(offset + j * stride, axis + 1);
      if (k < children.length - 1) {
        if (j >= 0) child[child.length - 1] += ',';
        // A blank line between blocks of rank 2 and more, two between blocks of rank 3...
        child.push(...new Array<string>(rank - axis - 2).fill(''));
      }
      out.push(...child);
    });
    return out.map((l, k) => (k === 0 ? '[' : l === '' ? '' : ' ') + l + (k === out.length - 1 ? ']' : ''));
  };

  const head = ['Tensor'];
  if (verbose) head.push(`  dtype: ${dtype}`, `  rank: ${rank}`, `  shape: [${shape}]`, '  values:');
  const body = rank === 0 ? [text(0)] : lines(0, 0);
  return [...head, ...body.map((l) => (l === '' ? '' : `    ${l}`))].join('\n');
}
