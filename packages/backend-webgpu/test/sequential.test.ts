import { expect, it } from 'vitest';
import '@layerwise/backend-cpu';
import { activeKernel, layers, memory, optimizers, Sequential, setBackend, tensor, type Tensor } from '@layerwise/api';
import type { WebGPUKernel } from '../src/index.js';
import '../src/index.js';
import { describeWebGPU } from './skip.js';

/** Deterministic host arrays: the same initial weights and data on every backend. */
function host(n: number, seed: number, scale = 1): Float32Array {
  let s = seed;
  return Float32Array.from({ length: n }, () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return ((s / 2147483648) * 2 - 1) * scale;
  });
}

const N = 24;
const X = host(N * 6 * 6 * 1, 1);
const Y = new Float32Array(N * 3);
for (let i = 0; i < N; i++) Y[i * 3 + (i % 3)] = 1;

function buildModel(): Sequential {
  const model = new Sequential({
    layers: [
      layers.conv2d({ filters: 2, kernelSize: 3, activation: 'relu', inputShape: [6, 6, 1], padding: 'same' }),
      layers.maxPooling2d({ poolSize: 2 }),
      layers.flatten(),
      layers.dense({ units: 8, activation: 'tanh' }),
      layers.dense({ units: 3, activation: 'softmax' }),
    ],
  });
  const weights = model.getWeights();
  const fresh = weights.map((w, i) => tensor(host(w.size, 100 + i, 0.5), w.shape));
  model.setWeights(fresh);
  for (const t of [...weights, ...fresh]) t.dispose();
  model.compile({ optimizer: optimizers.adam({ learningRate: 0.01 }), loss: 'categoricalCrossentropy' });
  return model;
}

async function train(backend: string) {
  await setBackend(backend);
  const model = buildModel();
  const x: Tensor = tensor(X, [N, 6, 6, 1]);
  const y: Tensor = tensor(Y, [N, 3]);
  const fit = (epochs: number) => model.fit(x, y, { batchSize: 8, epochs, shuffle: false, verbose: 0 });
  // The first fit creates the optimizer's slots; after it, memory must not move.
  const first = await fit(1);
  const start = memory().buffers;
  const later = await fit(4);
  const end = memory().buffers;
  const losses = [...first.history.loss, ...later.history.loss];
  return { model, x, y, start, end, losses };
}

describeWebGPU('a small Sequential trained on webgpu', () => {
  it('frees everything it makes each fit and matches backend-cpu\'s losses', async () => {
    const gpu = await train('webgpu');
    const kernel = activeKernel() as WebGPUKernel;
    expect(kernel.name).toBe('webgpu');
    expect(gpu.end).toBe(gpu.start);
    // tfjs's own tensor map comes back too: every disposed buffer released its tfjs data.
    const flush = async () => {
      // A GPU op plus its readback submits tfjs's queue, which ends deferred disposals.
      const a = kernel.upload(new Float32Array([1]), [1], 'float32');
      const b = kernel.unary('neg', { buffer: a, shape: [1], dtype: 'float32' });
      await kernel.download({ buffer: b, shape: [1], dtype: 'float32' });
      kernel.dispose(a);
      kernel.dispose(b);
    };
    await flush();
    const ids = kernel.backend.numDataIds();
    const bytes = memory().bytes;
    await gpu.model.fit(gpu.x, gpu.y, { batchSize: 8, epochs: 2, shuffle: false, verbose: 0 });
    const p = await gpu.model.predict(gpu.x);
    expect((await p.data()).length).toBe(N * 3);
    p.dispose();
    await flush();
    expect(memory()).toEqual({ buffers: gpu.start, bytes });
    expect(kernel.backend.numDataIds()).toBe(ids);
    const cpu = await train('cpu');
    expect(cpu.end).toBe(cpu.start);
    expect(gpu.losses).toHaveLength(5);
    for (let i = 0; i < 5; i++) expect(Math.abs(gpu.losses[i] - cpu.losses[i])).toBeLessThan(1e-4 * Math.max(1, Math.abs(cpu.losses[i])));
    expect(gpu.losses[4]).toBeLessThan(gpu.losses[0]);
  });
});
