import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createWasmKernel } from '../src/index.js';

const dist = fileURLToPath(new URL('../dist/index.js', import.meta.url));

/** Runs `body` in a fresh Node process (one wasm module per realm) and returns its last stdout line. */
function child(body: string, timeoutMs = 30_000): { status: number | null; out: string; err: string } {
  const script = `import { createWasmKernel, setWasmOptions } from ${JSON.stringify(dist)};\n${body}`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: timeoutMs });
  return { status: r.status, out: r.stdout.trim().split('\n').pop() ?? '', err: r.stderr };
}

describe('storage', () => {
  it('counts live buffers and bytes exactly, downloads copies, disposes once', async () => {
    const k = await createWasmKernel();
    const start = k.memory();
    const a = k.upload(Float32Array.of(1, 2, 3), [3], 'float32');
    const b = k.upload(Uint8Array.of(1, 0), [2], 'bool');
    expect(k.memory()).toEqual({ buffers: start.buffers + 2, bytes: start.bytes + 14 });
    const copy = await k.download({ buffer: a, shape: [3], dtype: 'float32' });
    copy[0] = 99;
    expect(Array.from(k.downloadSync({ buffer: a, shape: [3], dtype: 'float32' }))).toEqual([1, 2, 3]);
    k.dispose(a);
    k.dispose(a);
    k.dispose(b);
    expect(k.memory()).toEqual(start);
  });

  it('uploads a typed array of another type by value', async () => {
    const k = await createWasmKernel();
    const a = k.upload(Float64Array.of(1.5, -2) as unknown as Float32Array, [2], 'float32');
    expect(Array.from(k.downloadSync({ buffer: a, shape: [2], dtype: 'float32' }))).toEqual([1.5, -2]);
    k.dispose(a);
  });

  it('survives a kernel that throws', async () => {
    const k = await createWasmKernel();
    const before = k.memory().buffers;
    const a = k.upload(Int32Array.of(-2147483648, 5), [2], 'int32');
    const b = k.upload(Int32Array.of(-1, 0), [2], 'int32');
    const ref = (buffer: object) => ({ buffer, shape: [2], dtype: 'int32' as const });
    const q = k.binary('div', ref(a), ref(b), [2]);
    expect(Array.from(k.downloadSync(ref(q)))).toEqual([-2147483648, 0]);
    for (const t of [a, b, q]) k.dispose(t);
    expect(k.memory().buffers).toBe(before);
  });
});

describe('threads in Node', () => {
  it('runs the threaded SIMD build with 2 threads, and the process still exits', () => {
    const r = child(`
      const k = await createWasmKernel({ threads: 2 });
      const a = k.upload(new Float32Array(64 * 64).fill(1), [1, 64, 64], 'float32');
      const y = k.matmul({ buffer: a, shape: [1, 64, 64], dtype: 'float32' }, { buffer: a, shape: [1, 64, 64], dtype: 'float32' }, false, false);
      const v = k.downloadSync({ buffer: y, shape: [1, 64, 64], dtype: 'float32' });
      console.log(JSON.stringify({ threads: k.threads, build: k.build, v: v[0] }));`);
    expect(r.status, r.err).toBe(0);
    expect(JSON.parse(r.out)).toEqual({ threads: 2, build: 'threaded-simd', v: 64 });
  });

  it('one thread loads the single-threaded SIMD build; the realm keeps its module', () => {
    const r = child(`
      setWasmOptions({ threads: 1 });
      const k = await createWasmKernel();
      let error = '';
      try { await createWasmKernel({ threads: 2 }); } catch (e) { error = e.message; }
      console.log(JSON.stringify({ threads: k.threads, build: k.build, error: error.includes('already loaded') }));`);
    expect(r.status, r.err).toBe(0);
    expect(JSON.parse(r.out)).toEqual({ threads: 1, build: 'simd', error: true });
  });

  it('leaves no process-wide uncaughtException / unhandledRejection handlers behind', () => {
    const r = child(`
      const before = process.listenerCount('uncaughtException') + process.listenerCount('unhandledRejection');
      await createWasmKernel({ threads: 2 });
      console.log(process.listenerCount('uncaughtException') + process.listenerCount('unhandledRejection') - before);`);
    expect(r.status, r.err).toBe(0);
    expect(r.out).toBe('0');
  });
});
