import { describe, expect, it } from 'vitest';
import type { Buffer, FusedActivation, Kernel, TensorRef } from '@layerwise/api';
import { CpuKernel } from '@layerwise/backend-cpu';
import { createWasmKernel } from '../src/index.js';
import { FEW_ROWS } from '../src/kernels/few-rows-matmul.js';

/** Seeded values in [-1, 1). */
function values(n: number, seed: number): Float32Array {
  let s = seed >>> 0;
  return Float32Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 31 - 1;
  });
}

const ref = (buffer: Buffer, shape: number[]): TensorRef => ({ buffer, shape, dtype: 'float32' });

/**
 * Products with few rows take kernels.wat on their first use of a weights buffer and XNNPACK
 * on the next (see few-rows-matmul.ts): both must agree with the cpu backend, for every
 * transpose, with bias and relu fused, on either side of FEW_ROWS.
 */
describe('few-rows matmul (kernels.wat mm_rows / mm_dots) vs cpu', () => {
  const cases: Array<[number, boolean, boolean]> = [];
  for (const m of [1, 2, 5, FEW_ROWS, FEW_ROWS + 1]) {
    for (const [ta, tb] of [[false, false], [true, false], [false, true], [true, true]] as const) cases.push([m, ta, tb]);
  }
  it.each(cases)('m=%i transposeA=%s transposeB=%s, twice with the same weights', async (m, ta, tb) => {
    const wasm = await createWasmKernel();
    const cpu: Kernel = new CpuKernel();
    const [k, n] = [37, 19];
    const aShape = ta ? [1, k, m] : [1, m, k];
    const bShape = tb ? [1, n, k] : [1, k, n];
    const av = values(m * k, m * 7 + 1);
    const bv = values(k * n, 3);
    const biasv = values(n, 5);
    const on = (kern: Kernel) => ({ a: kern.upload(av, aShape, 'float32'), b: kern.upload(bv, bShape, 'float32'), bias: kern.upload(biasv, [n], 'float32') });
    const w = on(wasm);
    const c = on(cpu);
    const before = wasm.memory().buffers;
    const run = (kern: Kernel, t: ReturnType<typeof on>, activation: FusedActivation | null) => {
      const y = activation === null
        ? kern.matmul(ref(t.a, aShape), ref(t.b, bShape), ta, tb)
        : kern.fusedMatMul!(ref(t.a, aShape), ref(t.b, bShape), ref(t.bias, [n]), activation, ta, tb);
      const out = kern.downloadSync!(ref(y, [1, m, n]));
      kern.dispose(y);
      return out;
    };
    for (const activation of [null, 'linear', 'relu'] as const) {
      const want = run(cpu, c, activation);
      for (let use = 0; use < 2; use++) {
        const got = run(wasm, w, activation);
        for (let i = 0; i < want.length; i++) expect(got[i]).toBeCloseTo(want[i], 4);
      }
    }
    expect(wasm.memory().buffers).toBe(before);
    for (const t of Object.values(w)) wasm.dispose(t);
    for (const t of Object.values(c)) cpu.dispose(t);
  });
});
