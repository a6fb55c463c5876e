import type { Buffer, DType, Pool2DInfo, TensorRef, UnaryOp, BinaryOp, ArgReduceOp, ReduceOp } from '@layerwise/api';
import { describe, expect, it } from 'vitest';
import { ReferenceKernel, runKernelCases } from '../src/index.js';

// Kernels with the classic bugs the design notes warn about: each must fail some case.
type Read = (ref: TensorRef) => number[];
const readOf = (k: ReferenceKernel): Read => (ref) => [...k.downloadSync(ref)];

/** Runs `call` on a copy of float32 `x` whose NaNs are `fill` (a kernel that never sees them). */
function withoutNaN(k: ReferenceKernel, read: Read, x: TensorRef, fill: number, call: (clean: TensorRef) => Buffer): Buffer {
  const clean = k.upload(new Float32Array(read(x).map((v) => (Number.isNaN(v) ? fill : v))), x.shape, 'float32');
  try {
    return call({ ...x, buffer: clean });
  } finally {
    k.dispose(clean);
  }
}

const MUTANTS: Record<string, (k: ReferenceKernel, read: Read) => Partial<ReferenceKernel>> = {
  'maxPool counts padding as 0': (k, read) => ({
    maxPool(x: TensorRef, info: Pool2DInfo): Buffer {
      const padded = info.padTop + info.padBottom + info.padLeft + info.padRight > 0;
      const y = ReferenceKernel.prototype.maxPool.call(k, x, info);
      if (!padded) return y;
      const values = read({ buffer: y, shape: [info.batch, info.outH, info.outW, info.channels], dtype: 'float32' }).map((v) => Math.max(v, 0));
      k.dispose(y);
      return k.upload(new Float32Array(values), [info.batch, info.outH, info.outW, info.channels], 'float32');
    },
  }),
  'round half away from zero': (k, read) => ({
    unary(op: UnaryOp, x: TensorRef): Buffer {
      if (op !== 'round') return ReferenceKernel.prototype.unary.call(k, op, x);
      return k.upload(new Float32Array(read(x).map((v) => Math.sign(v) * Math.round(Math.abs(v)))), x.shape, 'float32');
    },
  }),
  'cast to bool truncates first': (k, read) => ({
    cast(x: TensorRef, dtype: DType): Buffer {
      if (dtype !== 'bool') return ReferenceKernel.prototype.cast.call(k, x, dtype);
      return k.upload(new Uint8Array(read(x).map((v) => (Math.trunc(v) !== 0 ? 1 : 0))), x.shape, 'bool');
    },
  }),
  'int32 div floors': (k) => ({
    binary(op: BinaryOp, a: TensorRef, b: TensorRef, outShape: readonly number[]): Buffer {
      const use = op === 'div' && a.dtype === 'int32' ? 'floorDiv' : op;
      return ReferenceKernel.prototype.binary.call(k, use, a, b, outShape);
    },
  }),
  'argMax takes the last tie': (k, read) => ({
    argReduce(op: ArgReduceOp, x: TensorRef, axis: number): Buffer {
      if (op !== 'argMax' || x.shape.length !== 2 || axis !== 1) return ReferenceKernel.prototype.argReduce.call(k, op, x, axis);
      const v = read(x);
      const [rows, cols] = x.shape;
      const out = new Int32Array(rows);
      for (let r = 0; r < rows; r++) {
        for (let c = 0; c < cols; c++) if (v[r * cols + c] >= v[r * cols + out[r]]) out[r] = c;
      }
      return k.upload(out, [rows], 'int32');
    },
  }),
  'avgPool divides by the full window': (k) => ({
    avgPool(x: TensorRef, info: Pool2DInfo): Buffer {
      const sums = ReferenceKernel.prototype.avgPool.call(k, x, { ...info });
      // Exact on unpadded windows; wrong (scaled) wherever a window touches padding.
      const padded = info.padTop + info.padBottom + info.padLeft + info.padRight > 0;
      if (!padded) return sums;
      const shape = [info.batch, info.outH, info.outW, info.channels];
      const values = [...k.downloadSync({ buffer: sums, shape, dtype: 'float32' })].map((v) => v * 0.75);
      k.dispose(sums);
      return k.upload(new Float32Array(values), shape, 'float32');
    },
  }),
  // Non-finite bug classes (kernel.ts, NON-FINITE VALUES): hardware-style max/min and clamps.
  'select-based relu drops NaN': (k, read) => ({
    unary(op: UnaryOp, x: TensorRef): Buffer {
      if (op !== 'relu' || x.dtype !== 'float32') return ReferenceKernel.prototype.unary.call(k, op, x);
      return k.upload(new Float32Array(read(x).map((v) => (v > 0 ? v : 0))), x.shape, 'float32');
    },
  }),
  'clamp-style maximum returns the other operand for NaN': (k, read) => ({
    binary(op: BinaryOp, a: TensorRef, b: TensorRef, outShape: readonly number[]): Buffer {
      const y = ReferenceKernel.prototype.binary.call(k, op, a, b, outShape);
      if (op !== 'maximum' || a.dtype !== 'float32' || a.shape.join() !== b.shape.join()) return y;
      const [va, vb] = [read(a), read(b)];
      k.dispose(y);
      return k.upload(new Float32Array(va.map((v, i) => (v < vb[i] ? vb[i] : v))), outShape, 'float32');
    },
  }),
  'reduce max skips NaN': (k, read) => ({
    reduce(op: ReduceOp, x: TensorRef, axes: readonly number[]): Buffer {
      if (op !== 'max' || x.dtype !== 'float32') return ReferenceKernel.prototype.reduce.call(k, op, x, axes);
      return withoutNaN(k, read, x, -Infinity, (clean) => ReferenceKernel.prototype.reduce.call(k, op, clean, axes));
    },
  }),
  'argMax skips NaN': (k, read) => ({
    argReduce(op: ArgReduceOp, x: TensorRef, axis: number): Buffer {
      if (x.dtype !== 'float32') return ReferenceKernel.prototype.argReduce.call(k, op, x, axis);
      return withoutNaN(k, read, x, op === 'argMax' ? -Infinity : Infinity, (clean) => ReferenceKernel.prototype.argReduce.call(k, op, clean, axis));
    },
  }),
  'maxPool skips NaN': (k, read) => ({
    maxPool(x: TensorRef, info: Pool2DInfo): Buffer {
      return withoutNaN(k, read, x, -Infinity, (clean) => ReferenceKernel.prototype.maxPool.call(k, clean, info));
    },
  }),
  'cast to int32 wraps (Int32Array store)': (k, read) => ({
    cast(x: TensorRef, dtype: DType): Buffer {
      if (dtype !== 'int32' || x.dtype !== 'float32') return ReferenceKernel.prototype.cast.call(k, x, dtype);
      return k.upload(Int32Array.from(read(x), (v) => v | 0), x.shape, 'int32');
    },
  }),
  'pow is JavaScript\'s Math.pow': (k, read) => ({
    binary(op: BinaryOp, a: TensorRef, b: TensorRef, outShape: readonly number[]): Buffer {
      const y = ReferenceKernel.prototype.binary.call(k, op, a, b, outShape);
      if (op !== 'pow' || a.dtype !== 'float32' || a.shape.join() !== b.shape.join()) return y;
      const [va, vb] = [read(a), read(b)];
      k.dispose(y);
      return k.upload(new Float32Array(va.map((v, i) => Math.pow(v, vb[i]))), outShape, 'float32');
    },
  }),
  'neg loses the sign of zero': (k, read) => ({
    unary(op: UnaryOp, x: TensorRef): Buffer {
      if (op !== 'neg' || x.dtype !== 'float32') return ReferenceKernel.prototype.unary.call(k, op, x);
      return k.upload(new Float32Array(read(x).map((v) => 0 - v)), x.shape, 'float32');
    },
  }),
};

describe('known bug classes are caught', () => {
  for (const [bug, patch] of Object.entries(MUTANTS)) {
    it(bug, async () => {
      const kernel = new ReferenceKernel({ name: 'mutant' });
      Object.assign(kernel, patch(kernel, readOf(kernel)));
      const failures = (await runKernelCases(kernel)).filter((r) => r.status === 'fail');
      expect(failures.length).toBeGreaterThan(0);
    });
  }
});
