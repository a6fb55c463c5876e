import { describe, it, expect, beforeEach } from 'vitest';
import { CpuKernel } from '../src/cpu-kernel.js';
import { Storage } from '../src/storage.js';
import { clearRecycled, floats, recycle, recycledBytes } from '../src/util/alloc.js';

describe('recycled kernel outputs', () => {
  beforeEach(() => clearRecycled());

  it('a disposed buffer\'s array becomes the next output of that type and length, zero-filled', () => {
    const k = new CpuKernel();
    const ref = (buffer: object, shape: number[]) => ({ buffer, shape, dtype: 'float32' as const });
    const x = k.upload(Float32Array.from({ length: 12 }, (_, i) => i + 1), [3, 4], 'float32');
    const y = k.unary('neg', ref(x, [3, 4]));
    const yArray = k.downloadSync(ref(y, [3, 4]));
    expect(Array.from(yArray)).toEqual(Array.from({ length: 12 }, (_, i) => -(i + 1)));
    k.dispose(y);
    expect(recycledBytes()).toBe(48);
    // pad writes only the interior, so stale values in a reused array would show in the border.
    const small = k.upload(Float32Array.from([1, 2, 3, 4, 5, 6]), [2, 3], 'float32');
    const padded = k.pad(ref(small, [2, 3]), [[1, 0], [0, 1]], 0);
    expect(recycledBytes()).toBe(0);
    expect(Array.from(k.downloadSync(ref(padded, [3, 4])))).toEqual([0, 0, 0, 0, 1, 2, 3, 0, 4, 5, 6, 0]);
    for (const b of [x, small, padded]) k.dispose(b);
  });

  it('keeps types apart and is bounded: at most 16 MiB, no array over 4 MiB, no views', () => {
    const i32 = new Int32Array(8);
    recycle(i32);
    expect(floats(8)).not.toBe(i32);
    recycle(new Float32Array((4 << 20) / 4 + 1));
    recycle(new Float32Array(64).subarray(0, 32));
    expect(recycledBytes()).toBe(32);
    for (let i = 0; i < 5; i++) recycle(new Float32Array((4 << 20) / 4));
    expect(recycledBytes()).toBe(32 + (12 << 20));
    const kept = floats((4 << 20) / 4);
    expect(kept.every((v) => v === 0)).toBe(true);
    expect(recycledBytes()).toBe(32 + (8 << 20));
  });

  it('refuses an array that a live buffer already owns (reuse would corrupt it)', () => {
    const s = new Storage();
    const a = new Float32Array(4);
    const b = s.adopt(a, 'float32');
    expect(() => s.adopt(a, 'float32')).toThrow(/owns/);
    s.dispose(b);
    expect(() => s.dispose(b)).not.toThrow();
    expect(recycledBytes()).toBe(16);
  });
});
