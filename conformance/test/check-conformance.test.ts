import type { Buffer, TensorRef, UnaryOp } from '@layerwise/api';
import { describe, expect, it } from 'vitest';
import { ALL_CASES, ReferenceKernel, checkConformance } from '../src/index.js';

class WrongReluKernel extends ReferenceKernel {
  override unary(op: UnaryOp, x: TensorRef): Buffer {
    return super.unary(op === 'relu' && x.dtype === 'float32' ? 'abs' : op, x);
  }
}

describe('checkConformance (no test framework needed)', () => {
  it('sorts the results of every case into passed and failed', async () => {
    let tornDown = false;
    const report = await checkConformance(() => new ReferenceKernel(), {
      filter: (c) => c.kind !== 'model',
      teardown: () => { tornDown = true; },
    });
    expect(report.results).toHaveLength(ALL_CASES.filter((c) => c.kind !== 'model').length);
    expect(report.failed).toEqual([]);
    expect(report.passed).toHaveLength(report.results.length);
    expect(tornDown).toBe(true);
  });

  it('reports a wrong kernel as failed cases with their messages, and applies exclusions', async () => {
    const report = await checkConformance(async () => new WrongReluKernel({ name: 'wrong-relu' }), {
      filter: (c) => c.name.startsWith('unary/relu'),
      exclusions: { 'unary/relu/all-negative': 'excused in this test' },
    });
    // abs passes where the inputs are >= 0 (or NaN), fails where any is negative.
    expect(report.failed.map((r) => r.case)).toEqual(['unary/relu/float32', 'unary/relu/non-finite', 'unary/relu/nan-among-negatives']);
    expect(report.failed[0].message).toMatch(/elements differ/);
    expect(report.results.find((r) => r.case === 'unary/relu/all-negative')?.status).toBe('excluded');
  });
});
