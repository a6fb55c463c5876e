import { afterAll, beforeAll, expect, it } from 'vitest';
import { conv2dInfo, type Buffer, type DType, type TensorRef } from '@layerwise/api';
import { CpuKernel } from '@layerwise/backend-cpu';
import { createWebGPUKernel, type WebGPUKernel } from '../src/index.js';
import { describeWebGPU, skipReason } from './skip.js';

let k: WebGPUKernel;
const cpu = new CpuKernel();

beforeAll(async () => {
  if (!skipReason) k = await createWebGPUKernel();
});
afterAll(() => k?.destroy());

const ref = (buffer: Buffer, shape: number[], dtype: DType = 'float32'): TensorRef => ({ buffer, shape, dtype });

function rand(n: number, seed = 1): Float32Array {
  let s = seed;
  return Float32Array.from({ length: n }, () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return (s / 2147483648) * 2 - 1;
  });
}

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, rtol = 1e-4, atol = 1e-5) {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i];
    if (Math.abs(actual[i] - e) > atol + rtol * Math.abs(e)) throw new Error(`element ${i}: got ${actual[i]}, expected ${e}`);
  }
}

describeWebGPU('webgpu storage', () => {
  it('reports async-only readback and has no downloadSync', () => {
    expect(k.capabilities.syncReadback).toBe(false);
    expect((k as { downloadSync?: unknown }).downloadSync).toBeUndefined();
    expect(k.adapterDescription.length).toBeGreaterThan(0);
  });

  it('round-trips float32, int32 and bool, and hands back copies', async () => {
    const f = k.upload(new Float32Array([1.5, -2, 3e-7, 1e30]), [2, 2], 'float32');
    const i = k.upload(new Int32Array([2147483647, -2147483648, 0, 7]), [4], 'int32');
    const b = k.upload(new Uint8Array([1, 0, 1]), [3], 'bool');
    const fd = await k.download(ref(f, [2, 2]));
    expect(Array.from(fd)).toEqual(Array.from(new Float32Array([1.5, -2, 3e-7, 1e30])));
    fd[0] = 99;
    expect((await k.download(ref(f, [2, 2])))[0]).toBe(1.5);
    expect(Array.from(await k.download(ref(i, [4], 'int32')))).toEqual([2147483647, -2147483648, 0, 7]);
    const bd = await k.download(ref(b, [3], 'bool'));
    expect(bd).toBeInstanceOf(Uint8Array);
    expect(Array.from(bd)).toEqual([1, 0, 1]);
    // A bool computed on the GPU comes back as 0/1 in a Uint8Array too.
    const cmp = k.binary('greater', ref(f, [2, 2]), ref(f, [2, 2]), [2, 2]);
    const cd = await k.download(ref(cmp, [2, 2], 'bool'));
    expect(cd).toBeInstanceOf(Uint8Array);
    expect(Array.from(cd)).toEqual([0, 0, 0, 0]);
    for (const x of [f, i, b, cmp]) k.dispose(x);
  });

  it('memory() counts live buffers and bytes exactly; dispose shows at once; twice is a no-op', () => {
    const start = k.memory();
    const a = k.upload(new Float32Array(10), [10], 'float32');
    const b = k.upload(new Uint8Array(3), [3], 'bool');
    expect(k.memory()).toEqual({ buffers: start.buffers + 2, bytes: start.bytes + 40 + 12 });
    const c = k.unary('exp', ref(a, [10]));
    expect(k.memory().buffers).toBe(start.buffers + 3);
    k.dispose(a);
    k.dispose(a);
    k.dispose(b);
    expect(k.memory()).toEqual({ buffers: start.buffers + 1, bytes: start.bytes + 40 });
    k.dispose(c);
    expect(k.memory()).toEqual(start);
  });

  it('using a disposed buffer is a clear error', () => {
    const a = k.upload(new Float32Array(2), [2], 'float32');
    k.dispose(a);
    expect(() => k.unary('neg', ref(a, [2]))).toThrow(/disposed|after dispose/);
  });

  it('disposal frees the tfjs data: a long loop of ops does not grow tfjs\'s tensor map or GPU pool', async () => {
    const x = k.upload(rand(64 * 32), [1, 64, 32], 'float32');
    const w = k.upload(rand(32 * 16, 2), [1, 32, 16], 'float32');
    const step = async () => {
      const y = k.matmul(ref(x, [1, 64, 32]), ref(w, [1, 32, 16]), false, false);
      const r = k.unary('relu', ref(y, [1, 64, 16]));
      const s = k.reduce('sum', ref(r, [1, 64, 16]), [1]);
      const t = k.transpose(ref(r, [1, 64, 16]), [0, 2, 1]);
      const c = k.cast(ref(t, [1, 16, 64]), 'int32');
      await k.download(ref(s, [1, 16]));
      for (const b of [y, r, s, t, c]) k.dispose(b);
    };
    for (let i = 0; i < 5; i++) await step();
    const ids = k.backend.numDataIds();
    const pool = (k.backend as unknown as { memory(): { numBytesAllocatedInGPU: number } }).memory().numBytesAllocatedInGPU;
    const live = k.memory();
    for (let i = 0; i < 100; i++) await step();
    expect(k.backend.numDataIds()).toBe(ids);
    expect((k.backend as unknown as { memory(): { numBytesAllocatedInGPU: number } }).memory().numBytesAllocatedInGPU).toBe(pool);
    expect(k.memory()).toEqual(live);
    k.dispose(x);
    k.dispose(w);
  });
});

describeWebGPU('webgpu kernels beyond the conformance sizes (against backend-cpu)', () => {
  async function both(run: (kernel: WebGPUKernel | CpuKernel, up: (v: Float32Array, s: number[]) => TensorRef) => { buffer: Buffer; shape: number[] }) {
    const made: [WebGPUKernel | CpuKernel, Buffer][] = [];
    const results: Float32Array[] = [];
    for (const kernel of [k, cpu] as const) {
      const up = (v: Float32Array, s: number[]) => {
        const b = kernel.upload(v, s, 'float32');
        made.push([kernel, b]);
        return ref(b, s);
      };
      const out = run(kernel, up);
      made.push([kernel, out.buffer]);
      results.push((await kernel.download(ref(out.buffer, out.shape))) as Float32Array);
    }
    for (const [kernel, b] of made) kernel.dispose(b);
    return results;
  }

  it('matmul on tfjs\'s tiled program (large, batch-broadcast, transposed)', async () => {
    const a = rand(1 * 96 * 130, 3);
    const b = rand(3 * 70 * 130, 4);
    const [g, c] = await both((kernel, up) => ({
      buffer: kernel.matmul(up(a, [1, 96, 130]), up(b, [3, 70, 130]), false, true), shape: [3, 96, 70],
    }));
    expectClose(g, c);
  });

  it('fusedMatMul with bias and relu on a large output', async () => {
    const a = rand(200 * 64, 5);
    const b = rand(64 * 100, 6);
    const bias = rand(100, 7);
    const [g, c] = await both((kernel, up) => ({
      buffer: kernel.fusedMatMul!(up(a, [1, 200, 64]), up(b, [1, 64, 100]), up(bias, [100]), 'relu', false, false), shape: [1, 200, 100],
    }));
    expectClose(g, c);
  });

  it('softmax and logSoftmax on long rows', async () => {
    const x = Float32Array.from(rand(3 * 1500, 8), (v) => v * 30);
    const [g, c] = await both((kernel, up) => ({ buffer: kernel.softmax!(up(x, [3, 1500])), shape: [3, 1500] }));
    expectClose(g, c, 1e-4, 1e-7);
    const [gl, cl] = await both((kernel, up) => ({ buffer: kernel.logSoftmax!(up(x, [3, 1500])), shape: [3, 1500] }));
    expectClose(gl, cl);
  });

  it('a long float sum (tfjs Sum) and a non-trailing one (own program)', async () => {
    const x = rand(40 * 3000, 9);
    const [g, c] = await both((kernel, up) => ({ buffer: kernel.reduce('sum', up(x, [40, 3000]), [1]), shape: [40] }));
    expectClose(g, c, 1e-4, 1e-4);
    const [g2, c2] = await both((kernel, up) => ({ buffer: kernel.reduce('max', up(x, [40, 3000]), [0]), shape: [3000] }));
    expectClose(g2, c2, 0, 0);
  });

  it('more threads than one dispatch dimension holds (> 65535 workgroups)', async () => {
    const n = 65536 * 64 + 100;
    const x = rand(n, 10);
    const [g, c] = await both((kernel, up) => ({ buffer: kernel.unary('neg', up(x, [n])), shape: [n] }));
    expectClose(g, c, 0, 0);
  });

  it('conv2d and its backprops on a mid-size layer', async () => {
    const info = conv2dInfo([4, 12, 12, 8], [3, 3, 8, 16], [1, 1], 'same');
    const x = rand(4 * 12 * 12 * 8, 11);
    const f = rand(3 * 3 * 8 * 16, 12);
    const dy = rand(4 * 12 * 12 * 16, 13);
    const [g, c] = await both((kernel, up) => ({ buffer: kernel.conv2d(up(x, [4, 12, 12, 8]), up(f, [3, 3, 8, 16]), info), shape: [4, 12, 12, 16] }));
    expectClose(g, c);
    const [gi, ci] = await both((kernel, up) => ({ buffer: kernel.conv2dBackpropInput(up(dy, [4, 12, 12, 16]), up(f, [3, 3, 8, 16]), info), shape: [4, 12, 12, 8] }));
    expectClose(gi, ci);
    const [gf, cf] = await both((kernel, up) => ({ buffer: kernel.conv2dBackpropFilter(up(x, [4, 12, 12, 8]), up(dy, [4, 12, 12, 16]), info), shape: [3, 3, 8, 16] }));
    expectClose(gf, cf, 1e-4, 1e-4);
  });
});

describeWebGPU('webgpu errors', () => {
  it('a GPU validation error surfaces at the next readback instead of reading garbage', async () => {
    const { runFlat } = await import('../src/program.js');
    const a = k.upload(new Float32Array([1, 2]), [2], 'float32');
    const b = k.upload(new Float32Array([3, 4]), [2], 'float32');
    const info = (buf: Buffer) => ({ dataId: (buf as unknown as { dataId: object }).dataId, shape: [2], dtype: 'float32' as const });
    // Binding an input the shader never reads is invalid with layout 'auto'.
    const bad = runFlat(k.backend, { inputs: [info(a), info(b)], names: ['xa', 'xb'], size: 2, outDtype: 'float32', body: 'result[index] = xa[index];' });
    const out = k.unary('neg', ref(a, [2]));
    await expect(k.download(ref(out, [2]))).rejects.toThrow(/webgpu backend: the GPU reported an error/);
    // The whole submitted batch failed, and its later errors may still arrive; after them
    // the device keeps working.
    await new Promise((r) => setTimeout(r, 50));
    await k.download(ref(out, [2])).catch(() => undefined);
    const again = k.unary('neg', ref(b, [2]));
    expect(Array.from(await k.download(ref(again, [2])))).toEqual([-3, -4]);
    k.backend.disposeData(bad.dataId);
    for (const x of [a, b, out, again]) k.dispose(x);
  });
});
