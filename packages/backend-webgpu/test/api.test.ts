import { expect, it } from 'vitest';
import { getBackend, layers, listBackends, sequential, setBackend, tensor, activeKernel } from '@layerwise/api';
import { createWebGPUKernel, WebGPUKernel } from '../src/index.js';
import { describeWebGPU } from './skip.js';

describeWebGPU('webgpu through the api', () => {
  it("registers 'webgpu' on import; setBackend awaits the async factory", async () => {
    expect(listBackends()).toContain('webgpu');
    await setBackend('webgpu');
    expect(getBackend()).toBe('webgpu');
    expect(activeKernel()).toBeInstanceOf(WebGPUKernel);
  });

  it('dataSync throws a clear error pointing at data(); data() works', async () => {
    await setBackend('webgpu');
    const t = tensor([1, 2, 3]);
    expect(() => t.dataSync()).toThrow("dataSync: backend 'webgpu' reads back asynchronously only; use 'await tensor.data()'");
    expect(() => t.arraySync()).toThrow(/use 'await tensor.data\(\)'/);
    expect(Array.from(await t.data())).toEqual([1, 2, 3]);
    expect(await t.array()).toEqual([1, 2, 3]);
    t.dispose();
  });

  it("chainable methods and predictSync run without reading back (tfjs's synchronous predict works here too)", async () => {
    await setBackend('webgpu');
    const model = sequential({ layers: [layers.dense({ units: 2, inputShape: [2] })] });
    model.setWeights([tensor([[1, 2], [3, 4]]), tensor([0.5, -0.5])]);
    const x = tensor([[1, 0], [0, 1], [1, 1]]);
    const now = model.predictSync(x, { batchSize: 2 }).mul(2).argMax(-1);
    // 2 (x W + b) = [3, 3], [7, 7], [9, 11]: argmax picks the first of a tie.
    expect(await now.array()).toEqual([0, 0, 1]);
    expect(Array.from(await model.predictSync(x).data())).toEqual(Array.from(await (await model.predict(x)).data()));
    model.dispose();
  });

  it('no adapter is a clear error listing what was tried', async () => {
    // A fresh process would try Dawn's routes; here navigator.gpu already exists, so force a
    // failing adapter request through adapterOptions on it.
    const gpu = (globalThis as unknown as { navigator: { gpu: { requestAdapter: (o?: unknown) => Promise<unknown> } } }).navigator.gpu;
    const original = gpu.requestAdapter;
    Object.defineProperty(gpu, 'requestAdapter', { value: async () => null, configurable: true, writable: true });
    try {
      await expect(createWebGPUKernel()).rejects.toThrow(/^no GPU adapter; tried: navigator\.gpu: requestAdapter\(.*\) returned null/);
    } finally {
      Object.defineProperty(gpu, 'requestAdapter', { value: original, configurable: true, writable: true });
    }
  });

  it('in Node, a Dawn route that gives no adapter is named in the error', async () => {
    // Dawn answers an unknown backend name with no adapter (and prints the backends it has).
    await expect(createWebGPUKernel({ dawnOptions: ['backend=nonexistent'] }))
      .rejects.toThrow(/^no GPU adapter; tried: dawn create\(\[backend=nonexistent\]\)/);
  });
});
