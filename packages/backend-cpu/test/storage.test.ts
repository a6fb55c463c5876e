import { describe, it, expect } from 'vitest';
import { CpuKernel } from '../src/cpu-kernel.js';
import { createCpuKernel } from '../src/index.js';
import { listBackends } from '@layerwise/api';

describe('storage', () => {
  it('upload copies, download returns copies', async () => {
    const k = new CpuKernel();
    const src = new Float32Array([1, 2, 3]);
    const buffer = k.upload(src, [3], 'float32');
    src[0] = 99;
    const ref = { buffer, shape: [3], dtype: 'float32' as const };
    const a = k.downloadSync(ref);
    expect(Array.from(a)).toEqual([1, 2, 3]);
    a[1] = 42;
    expect(Array.from(await k.download(ref))).toEqual([1, 2, 3]);
    expect(a).toBeInstanceOf(Float32Array);
    k.dispose(buffer);
  });

  it('keeps dtypes and counts buffers and bytes; double dispose is safe', () => {
    const k = createCpuKernel();
    const start = k.memory();
    expect(start).toEqual({ buffers: 0, bytes: 0 });
    const f = k.upload(new Float32Array(4), [2, 2], 'float32');
    const i = k.upload(new Int32Array([1, 2]), [2], 'int32');
    const b = k.upload(new Uint8Array([1, 0, 1]), [3], 'bool');
    const e = k.upload(new Float32Array(0), [0, 3], 'float32');
    expect(k.memory()).toEqual({ buffers: 4, bytes: 16 + 8 + 3 });
    expect(k.downloadSync({ buffer: i, shape: [2], dtype: 'int32' })).toBeInstanceOf(Int32Array);
    expect(k.downloadSync({ buffer: b, shape: [3], dtype: 'bool' })).toBeInstanceOf(Uint8Array);
    const sum = k.binary('add', { buffer: f, shape: [2, 2], dtype: 'float32' }, { buffer: f, shape: [2, 2], dtype: 'float32' }, [2, 2]);
    expect(k.memory().buffers).toBe(5);
    for (const buf of [f, i, b, e, sum]) k.dispose(buf);
    k.dispose(f);
    k.dispose(sum);
    expect(k.memory()).toEqual(start);
  });

  it('rejects a disposed buffer', () => {
    const k = new CpuKernel();
    const buffer = k.upload(new Float32Array([1]), [1], 'float32');
    k.dispose(buffer);
    expect(() => k.downloadSync({ buffer, shape: [1], dtype: 'float32' })).toThrow(/dispose/);
  });

  it('describes itself and registers as cpu', () => {
    const k = new CpuKernel();
    expect(k.name).toBe('cpu');
    expect(k.capabilities).toEqual({ precision: 'float32', syncReadback: true });
    expect(listBackends()).toContain('cpu');
  });
});
