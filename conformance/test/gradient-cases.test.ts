import type { Buffer, Conv2DInfo, TensorRef } from '@layerwise/api';
import { describe, expect, it } from 'vitest';
import { COMPUTE_PRIMITIVES, GRADIENT_CASES, ReferenceKernel, runCases } from '../src/index.js';
import { FUSED_KERNELS } from '@layerwise/api';

/** conv2dBackpropFilter that drops the last filter row: forward cases pass, training would not. */
class WrongFilterGradKernel extends ReferenceKernel {
  override conv2dBackpropFilter(x: TensorRef, dy: TensorRef, info: Conv2DInfo): Buffer {
    const out = super.conv2dBackpropFilter(x, dy, info);
    const data = (out as { data: Float32Array }).data;
    data.fill(0, data.length - info.inC * info.outC);
    return out;
  }
}

describe('gradient cases', () => {
  it('cover every required primitive and every differentiable fused kernel', () => {
    const covered = new Set(GRADIENT_CASES.map((c) => c.primitive));
    // adamStep is an optimizer update rule: nothing differentiates through it.
    const differentiable = FUSED_KERNELS.filter((k) => k !== 'adamStep');
    for (const p of [...COMPUTE_PRIMITIVES, ...differentiable]) expect(covered, p).toContain(p);
  });

  it('differentiate only float32 inputs', () => {
    for (const c of GRADIENT_CASES) for (const k of c.wrt) expect(c.inputs[k].dtype, c.name).toBe('float32');
  });

  it('catch a backward-shaped kernel that is wrong even where forward cases pass', async () => {
    const cases = GRADIENT_CASES.filter((c) => c.primitive === 'conv2d');
    const results = await runCases(new WrongFilterGradKernel({ name: 'wrong-filter-grad' }), { cases });
    expect(results.every((r) => r.status === 'fail')).toBe(true);
    expect(results[0].message).toMatch(/gradient of input 1/);
  });
});
