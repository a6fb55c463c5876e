import { describe, expect, it } from 'vitest';
import { describeConformance } from '../src/vitest.js';
import {
  KERNEL_CASES, ReferenceKernel, runKernelCases, summarize,
} from '../src/index.js';

// The executable reference passes every case through the runner (a self-test of cases, runner and reference).
describeConformance('reference', () => new ReferenceKernel());

describe('ReferenceKernel without fused kernels', () => {
  it('skips plain fused cases and still checks the composed ones', async () => {
    const kernel = new ReferenceKernel({ name: 'reference-unfused', fused: false });
    const results = await runKernelCases(kernel, { filter: (c) => c.name.startsWith('softmax/') });
    const plain = results.filter((r) => !r.case.endsWith('/composed'));
    const composed = results.filter((r) => r.case.endsWith('/composed'));
    expect(plain.length).toBeGreaterThan(0);
    expect(plain.every((r) => r.status === 'skipped' && r.message.includes("no optional fused kernel 'softmax'"))).toBe(true);
    expect(composed.every((r) => r.status === 'pass' && r.message.includes('fused-vs-composed comparison skipped'))).toBe(true);
  });

  it('runs every kernel case with a summary and no leaks', async () => {
    const kernel = new ReferenceKernel();
    const results = await runKernelCases(kernel);
    expect(results).toHaveLength(KERNEL_CASES.length);
    expect(summarize(results)).toEqual({ pass: KERNEL_CASES.length, fail: 0, excluded: 0, skipped: 0 });
    expect(kernel.memory().buffers).toBe(0);
  });
});
