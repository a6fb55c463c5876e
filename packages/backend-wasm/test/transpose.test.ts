import { describe, expect, it } from 'vitest';
import type { DType, TensorRef } from '@layerwise/api';
import { createWasmKernel } from '../src/index.js';
import { collapsePerm } from '../src/kernels/transpose.js';
import { PLAN } from '../src/threads/plan.js';

function permutations(n: number): number[][] {
  if (n === 1) return [[0]];
  return permutations(n - 1).flatMap((p) => Array.from({ length: n }, (_, i) => [...p.slice(0, i), n - 1, ...p.slice(i)]));
}

/** x permuted by `perm`, element by element. */
function reference(values: ArrayLike<number>, shape: readonly number[], perm: readonly number[]): number[] {
  const outShape = perm.map((p) => shape[p]);
  const strides = shape.map((_, i) => shape.slice(i + 1).reduce((a, b) => a * b, 1));
  const n = shape.reduce((a, b) => a * b, 1);
  const out: number[] = [];
  for (let o = 0; o < n; o++) {
    let rest = o;
    let src = 0;
    for (let d = outShape.length - 1; d >= 0; d--) {
      const i = rest % outShape[d];
      rest = (rest - i) / outShape[d];
      src += i * strides[perm[d]];
    }
    out.push(values[src]);
  }
  return out;
}

const ref = (buffer: TensorRef['buffer'], shape: number[], dtype: DType): TensorRef => ({ buffer, shape, dtype });

describe('collapsePerm', () => {
  it('drops size-1 axes and merges axes that stay neighbours', () => {
    expect(collapsePerm([2, 3, 4], [0, 2, 1])).toEqual({ dims: [2, 3, 4], perm: [0, 2, 1] });
    expect(collapsePerm([1, 2, 3, 4], [0, 3, 1, 2])).toEqual({ dims: [6, 4], perm: [1, 0] });
    expect(collapsePerm([5, 2, 3, 4], [0, 3, 1, 2])).toEqual({ dims: [5, 6, 4], perm: [0, 2, 1] });
    expect(collapsePerm([2, 3, 4, 5], [1, 2, 0, 3])).toEqual({ dims: [2, 12, 5], perm: [1, 0, 2] });
    expect(collapsePerm([2, 1, 3], [1, 0, 2])).toEqual({ dims: [6], perm: [0] });
    expect(collapsePerm([2, 3, 4], [2, 1, 0])).toEqual({ dims: [2, 3, 4], perm: [2, 1, 0] });
  });
});

describe('transpose (kernels.wat transpose4 for swaps, tfjs for the rest) vs element by element', () => {
  it('every permutation of ranks 1-5, float32 and int32, with sizes on and off multiples of 4', async () => {
    const k = await createWasmKernel();
    const shapes = [[7], [4, 8], [5, 9], [1, 13], [3, 4, 5], [2, 8, 12], [6, 1, 7], [2, 3, 5, 4], [1, 4, 9, 3], [2, 3, 1, 4, 5], [3, 2, 4, 2, 3]];
    let checked = 0;
    for (const shape of shapes) {
      for (const dtype of ['float32', 'int32'] as const) {
        const n = shape.reduce((a, b) => a * b, 1);
        const values = dtype === 'int32' ? Int32Array.from({ length: n }, (_, i) => i * 3 - 7) : Float32Array.from({ length: n }, (_, i) => Math.sin(i) * 100);
        const x = k.upload(values, shape, dtype);
        for (const perm of permutations(shape.length)) {
          const y = k.transpose(ref(x, shape, dtype), perm);
          expect([...k.downloadSync(ref(y, perm.map((p) => shape[p]), dtype))], `${shape} by ${perm}`).toEqual(reference(values, shape, perm));
          k.dispose(y);
          checked++;
        }
        k.dispose(x);
      }
    }
    expect(checked).toBe(2 * (1 + 3 * 2 + 3 * 6 + 2 * 24 + 2 * 120));
  });

  it('large swaps, split across the threads by rows or by batch, match too', async () => {
    const k = await createWasmKernel();
    const before = k.threadUse().split;
    // Rows: [1027, 1030] by [1, 0]; batch: [3, 700, 513] by [0, 2, 1]; runs of 4: [700, 3, 513 / 3 ...] by [1, 0, 2].
    const cases: Array<[number[], number[]]> = [[[1027, 1030], [1, 0]], [[3, 700, 513], [0, 2, 1]], [[700, 757, 2], [1, 0, 2]]];
    for (const [shape, perm] of cases) {
      const n = shape.reduce((a, b) => a * b, 1);
      expect(n).toBeGreaterThanOrEqual(2 * PLAN.transposeFloats);
      const values = Float32Array.from({ length: n }, (_, i) => (i % 1009) - 0.5);
      const x = k.upload(values, shape, 'float32');
      const y = k.transpose(ref(x, shape, 'float32'), perm);
      const got = k.downloadSync(ref(y, perm.map((p) => shape[p]), 'float32'));
      const want = reference(values, shape, perm);
      let bad = 0;
      for (let i = 0; i < n; i++) if (got[i] !== want[i]) bad++;
      expect(bad, `${shape} by ${perm}`).toBe(0);
      k.dispose(x);
      k.dispose(y);
    }
    if (k.threads > 1) expect(k.threadUse().split - before).toBe(cases.length);
  });
});
