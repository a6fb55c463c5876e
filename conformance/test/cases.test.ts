import { FUSED_KERNELS } from '@layerwise/api';
import { describe, expect, it } from 'vitest';
import {
  ALL_CASES, ARG_REDUCE_OPS, BINARY_OPS, COMPUTE_PRIMITIVES, CPU_EXCLUSIONS, EXCLUSIONS, FUSED_ACTIVATIONS,
  KERNEL_CASES, NON_FINITE_CASES, REDUCE_OPS, TOLERANCE_NAMES, UNARY_OPS, validateExclusions, type KernelCase,
} from '../src/index.js';

const names = ALL_CASES.map((c) => c.name);

function opsCovered(primitive: KernelCase['primitive'], key: 'op'): Set<string> {
  return new Set(KERNEL_CASES.filter((c) => c.primitive === primitive).map((c) => (c.attrs as Record<string, string>)[key]));
}

describe('cases', () => {
  it('have unique names', () => {
    const seen = new Set<string>();
    const duplicates = names.filter((n) => (seen.has(n) ? true : (seen.add(n), false)));
    expect(duplicates).toEqual([]);
  });

  it('cover every required primitive and every fused kernel', () => {
    const primitives = new Set(KERNEL_CASES.map((c) => c.primitive));
    for (const p of [...COMPUTE_PRIMITIVES, ...FUSED_KERNELS]) expect(primitives, p).toContain(p);
  });

  it('cover every op of every op union', () => {
    expect([...opsCovered('unary', 'op')].sort()).toEqual([...UNARY_OPS].sort());
    expect([...opsCovered('binary', 'op')].sort()).toEqual([...BINARY_OPS].sort());
    expect([...opsCovered('reduce', 'op')].sort()).toEqual([...REDUCE_OPS].sort());
    expect([...opsCovered('argReduce', 'op')].sort()).toEqual([...ARG_REDUCE_OPS].sort());
  });

  it('cover each fused activation with and without bias, plus a composed check of each', () => {
    for (const activation of FUSED_ACTIVATIONS) {
      for (const bias of ['bias', 'no-bias']) {
        expect(names).toContain(`fusedMatMul/${activation}/${bias}`);
        expect(names).toContain(`fusedMatMul/${activation}/${bias}/composed`);
      }
    }
    for (const fused of FUSED_KERNELS) {
      expect(KERNEL_CASES.some((c) => c.primitive === fused && c.composed), fused).toBe(true);
    }
  });

  it('give int32 and bool variants where a primitive takes them', () => {
    // The data input: select's first input is its bool condition, so look at `a`.
    const dtypes = (p: string) => new Set(KERNEL_CASES.filter((c) => c.primitive === p).map((c) => c.inputs[p === 'select' ? 1 : 0].dtype));
    for (const p of ['unary', 'binary', 'select', 'cast', 'gather', 'transpose', 'slice', 'concat', 'pad']) {
      expect([...dtypes(p)].sort(), p).toEqual(['bool', 'float32', 'int32']);
    }
    for (const p of ['reduce', 'argReduce', 'unsortedSegmentSum']) expect(dtypes(p), p).toContain('int32');
  });

  it('give every primitive and fused kernel non-finite inputs (NaN, and an infinity or -0)', () => {
    const special = (v: number) => Number.isNaN(v) || !Number.isFinite(v) || Object.is(v, -0);
    for (const p of [...COMPUTE_PRIMITIVES, ...FUSED_KERNELS]) {
      const cases = NON_FINITE_CASES.filter((c) => c.primitive === p);
      expect(cases.length, p).toBeGreaterThan(0);
      expect(cases.some((c) => c.inputs.some((i) => i.dtype === 'float32' && i.values.some(Number.isNaN))), p).toBe(true);
      expect(cases.some((c) => c.inputs.some((i) => i.values.some((v) => special(v) && !Number.isNaN(v)))), p).toBe(true);
    }
    for (const fused of FUSED_KERNELS) expect(NON_FINITE_CASES.some((c) => c.primitive === fused && c.composed), fused).toBe(true);
    for (const op of UNARY_OPS.filter((o) => o !== 'logicalNot')) expect(names, op).toContain(`unary/${op}/non-finite`);
    for (const op of BINARY_OPS) {
      if (op !== 'logicalAnd' && op !== 'logicalOr') expect(names, op).toContain(`binary/${op}/non-finite`);
    }
  });

  it('include empty tensors and scalars', () => {
    expect(KERNEL_CASES.filter((c) => c.inputs.some((i) => i.shape.includes(0))).length).toBeGreaterThan(15);
    expect(KERNEL_CASES.filter((c) => c.inputs.some((i) => i.shape.length === 0)).length).toBeGreaterThan(10);
  });

  it('use only named tolerances', () => {
    for (const c of KERNEL_CASES) expect(TOLERANCE_NAMES).toContain(c.tolerance);
  });

  // Outside the cases built for the edges of the domain (NaN, infinities, -0, out-of-range).
  const finiteCases = KERNEL_CASES.filter((c) => !NON_FINITE_CASES.includes(c));

  it('keep domain-limited inputs in their domain', () => {
    const inputsOf = (op: string) => finiteCases.filter((c) => c.primitive === 'unary' && c.attrs.op === op).flatMap((c) => c.inputs[0].values);
    expect(Math.min(...inputsOf('log'), ...inputsOf('rsqrt'))).toBeGreaterThan(0);
    expect(Math.min(...inputsOf('sqrt'))).toBeGreaterThanOrEqual(0);
    expect(Math.min(...inputsOf('log1p'))).toBeGreaterThan(-1);
    for (const c of finiteCases.filter((k) => k.primitive === 'binary' && k.attrs.op === 'pow' && k.inputs[0].dtype === 'float32')) {
      const [base, exponent] = c.inputs;
      const scalarExp = exponent.values.length === 1;
      base.values.forEach((b, i) => {
        const e = scalarExp ? exponent.values[0] : exponent.values[i % exponent.values.length];
        if (b < 0 && c.inputs[0].shape.join() === exponent.shape.join()) expect(Number.isInteger(e), c.name).toBe(true);
      });
    }
  });

  it('generate the same data on every load (seeded from the case name)', async () => {
    const again = await import('../src/cases/kernel/unary.js?again' as string) as typeof import('../src/cases/kernel/unary.js');
    const first = KERNEL_CASES.find((c) => c.name === 'unary/exp/float32')!;
    expect(again.UNARY_CASES.find((c) => c.name === 'unary/exp/float32')!.inputs).toEqual(first.inputs);
  });
});

describe('exclusions', () => {
  it('every checked-in list names existing cases and gives a reason', () => {
    for (const [backend, list] of Object.entries(EXCLUSIONS)) {
      expect(validateExclusions(list, names), backend).toEqual([]);
    }
  });

  it('the cpu list is empty', () => {
    expect(CPU_EXCLUSIONS).toEqual({});
  });

  it('rejects empty reasons and unknown case names', () => {
    const problems = validateExclusions({ 'unary/relu/float32': ' ', 'no/such/case': 'because' }, names);
    expect(problems).toEqual([
      "'unary/relu/float32': the reason is empty",
      "'no/such/case': no case has this name",
    ]);
  });
});
