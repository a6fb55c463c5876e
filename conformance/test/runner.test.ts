import type { Buffer, TensorRef, UnaryOp } from '@layerwise/api';
import { describe, expect, it } from 'vitest';
import {
  KERNEL_CASES, ReferenceKernel, compareValues, kernelCase, f32, runCase, runKernelCases,
} from '../src/index.js';

/** relu that lets negative values through: the runner must report it. */
class BrokenReluKernel extends ReferenceKernel {
  override unary(op: UnaryOp, x: TensorRef): Buffer {
    return super.unary(op === 'relu' ? 'abs' : op, x);
  }
}

/** Never frees anything. */
class LeakyKernel extends ReferenceKernel {
  override dispose(): void {}
}

/** Throws from matmul. */
class ThrowingKernel extends ReferenceKernel {
  override matmul(): Buffer {
    throw new Error('matmul is not implemented');
  }
}

/** Mutates its input in place (a common bug of "optimised" kernels). */
class MutatingKernel extends ReferenceKernel {
  override unary(op: UnaryOp, x: TensorRef): Buffer {
    (x.buffer as { data: Float32Array }).data.fill(0);
    return super.unary(op, x);
  }
}

/** softmax that forgets to subtract the max: overflows on large inputs. */
class NaiveSoftmaxKernel extends ReferenceKernel {
  constructor() {
    super({ name: 'naive-softmax' });
    this.softmax = (x) => {
      const e = this.unary('exp', x);
      const ref = { buffer: e, shape: x.shape, dtype: 'float32' as const };
      const last = x.shape.length - 1;
      const s = this.reduce('sum', ref, [last]);
      const out = this.binary('div', ref, { buffer: s, shape: [...x.shape.slice(0, last), 1], dtype: 'float32' });
      this.dispose(e);
      this.dispose(s);
      return out;
    };
  }
}

const reluCases = KERNEL_CASES.filter((c) => c.primitive === 'unary' && c.attrs.op === 'relu');

describe('runner', () => {
  it('reports a wrong relu as failures naming the case', async () => {
    const results = await runKernelCases(new BrokenReluKernel({ name: 'broken' }), { cases: reluCases });
    const failures = results.filter((r) => r.status === 'fail');
    expect(failures.map((r) => r.case)).toContain('unary/relu/float32');
    expect(failures.map((r) => r.case)).toContain('unary/relu/all-negative');
    const one = failures.find((r) => r.case === 'unary/relu/all-negative')!;
    expect(one.backend).toBe('broken');
    expect(one.message).toMatch(/element 0: got 1, expected 0/);
    expect(one.maxAbsError).toBeGreaterThan(0);
  });

  it('passes the same cases on a correct kernel', async () => {
    const results = await runKernelCases(new ReferenceKernel(), { cases: reluCases });
    expect(results.every((r) => r.status === 'pass')).toBe(true);
  });

  it('fails a case whose buffers are not all freed', async () => {
    const [result] = await runKernelCases(new LeakyKernel(), { cases: reluCases.slice(0, 1) });
    expect(result.status).toBe('fail');
    expect(result.message).toMatch(/live buffers went from 0 to 2 \(leaked 2\)/);
  });

  it('turns a thrown error into a failure with its message', async () => {
    const [result] = await runKernelCases(new ThrowingKernel(), { filter: (c) => c.name === 'matmul/plain' });
    expect(result.status).toBe('fail');
    expect(result.message).toMatch(/matmul threw Error: matmul is not implemented/);
  });

  it('fails a kernel that mutates its inputs', async () => {
    const [result] = await runKernelCases(new MutatingKernel(), { filter: (c) => c.name === 'unary/exp/float32' });
    expect(result.status).toBe('fail');
  });

  it('catches an unstable fused softmax against both the reference and the composition', async () => {
    const results = await runKernelCases(new NaiveSoftmaxKernel(), { filter: (c) => c.name.startsWith('softmax/large-magnitude') });
    expect(results.map((r) => [r.case, r.status])).toEqual([
      ['softmax/large-magnitude', 'fail'],
      ['softmax/large-magnitude/composed', 'fail'],
    ]);
    expect(results[1].message).toMatch(/fused softmax vs composed from primitives/);
  });

  it('marks excluded cases with their reason and does not run them', async () => {
    const result = await runCase(new ThrowingKernel(), KERNEL_CASES.find((c) => c.name === 'matmul/plain')!, {
      exclusions: { 'matmul/plain': 'no matmul yet' },
    });
    expect(result).toMatchObject({ status: 'excluded', message: 'no matmul yet' });
  });

  it('requires int32 results to match exactly even under a loose tolerance name', async () => {
    const testCase = kernelCase('test/cast-int', 'cast', { dtype: 'int32' }, [f32([2], [1.5, 2.5])], 'permissive');
    class OffByOne extends ReferenceKernel {
      override cast(): Buffer {
        return this.upload(new Int32Array([1, 3]), [2], 'int32');
      }
    }
    const kernel = new OffByOne();
    const result = await runCase(kernel, testCase);
    expect(result.status).toBe('fail');
    expect(result.message).toMatch(/element 1: got 3, expected 2 \(rtol 0, atol 0\)|rtol 0, atol 0\); first at element 1: got 3, expected 2/);
  });
});

describe('compareValues', () => {
  const tol = { rtol: 1e-3, atol: 0 };
  it('matches NaN with NaN and infinities exactly', () => {
    expect(compareValues([NaN, Infinity, -Infinity], [NaN, Infinity, -Infinity], tol).ok).toBe(true);
    expect(compareValues([1], [NaN], tol).ok).toBe(false);
    expect(compareValues([NaN], [1], tol).ok).toBe(false);
    expect(compareValues([-Infinity], [Infinity], tol).ok).toBe(false);
    expect(compareValues([3.4e38], [Infinity], tol).ok).toBe(false);
  });
  it('applies atol + rtol * |expected|', () => {
    expect(compareValues([1.0009], [1], tol).ok).toBe(true);
    expect(compareValues([1.0011], [1], tol).ok).toBe(false);
    expect(compareValues([1e-9], [0], tol).ok).toBe(false);
    expect(compareValues([1e-9], [0], { rtol: 0, atol: 1e-8 }).ok).toBe(true);
  });
  it('ignores the sign of zero unless signedZeros is asked for', () => {
    expect(compareValues([0, -0], [-0, 0], tol).ok).toBe(true);
    const signed = compareValues([0, -0, -0], [-0, -0, 0], tol, { signedZeros: true });
    expect(signed.ok).toBe(false);
    expect(signed.message).toMatch(/2 of 3 elements differ.*element 0: got 0, expected -0/);
    expect(compareValues([-0, 1e-9], [-0, 0], { rtol: 0, atol: 1e-8 }, { signedZeros: true }).ok).toBe(true);
  });
  it('counts NaN and infinity mismatches but keeps them out of the error maxima', () => {
    const c = compareValues([NaN, 1, 2.5], [0, NaN, 2], tol);
    expect(c.ok).toBe(false);
    expect(c.message).toMatch(/3 of 3 elements differ/);
    expect(c.maxAbsError).toBe(0.5);
  });
});
