import '@layerwise/backend-cpu';
import '../src/index.js';
import { layers, memory, optimizers, Sequential, setBackend, setRandomSeed, tensor, type Tensor } from '@layerwise/api';
import { describe, expect, it } from 'vitest';

/** The conformance suite's 'permissive' float32 profile, which its model cases use. */
const RTOL = 1e-3;
const ATOL = 1e-3;

interface HostArray { data: Float32Array; shape: number[] }

function mulberry32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Task {
  build: () => Sequential;
  /** A fresh optimizer per run: an optimizer instance keeps its state. */
  compile: () => Parameters<Sequential['compile']>[0];
  x: HostArray;
  y: HostArray;
  epochs: number;
  batchSize: number;
}

async function hostWeights(model: Sequential): Promise<HostArray[]> {
  const ws = model.getWeights();
  const host = await Promise.all(ws.map(async (w: Tensor) => ({ data: (await w.data()) as Float32Array, shape: [...w.shape] })));
  for (const w of ws) w.dispose();
  return host;
}

/** Builds the task's model on `backend`, loads `weights` into it, trains, returns the per-epoch losses. */
async function train(backend: string, task: Task, weights: HostArray[] | null): Promise<{ losses: number[]; weights: HostArray[] }> {
  await setBackend(backend);
  const before = memory().buffers;
  setRandomSeed(7);
  const model = task.build();
  let initial: HostArray[];
  if (weights) {
    const ts = weights.map((w) => tensor(w.data, w.shape));
    model.setWeights(ts);
    for (const t of ts) t.dispose();
    initial = weights;
  } else {
    initial = await hostWeights(model);
  }
  model.compile(task.compile());
  const history = await model.fit({ data: task.x.data, shape: task.x.shape }, { data: task.y.data, shape: task.y.shape },
    { epochs: task.epochs, batchSize: task.batchSize, shuffle: false, verbose: 0 });
  model.dispose();
  expect(memory().buffers, `${backend}: buffers left after training`).toBe(before);
  return { losses: history.history.loss, weights: initial };
}

async function compareBackends(task: Task): Promise<void> {
  const cpu = await train('cpu', task, null);
  const wasm = await train('wasm', task, cpu.weights);
  expect(wasm.losses.length).toBe(task.epochs);
  for (let e = 0; e < task.epochs; e++) {
    const [got, want] = [wasm.losses[e], cpu.losses[e]];
    expect(Number.isFinite(got), `epoch ${e} loss ${got}`).toBe(true);
    expect(Math.abs(got - want), `epoch ${e}: wasm ${got} vs cpu ${want}`).toBeLessThanOrEqual(ATOL + RTOL * Math.abs(want));
  }
  // Training did something.
  expect(cpu.losses[task.epochs - 1]).toBeLessThan(cpu.losses[0]);
}

/** 10x10 one-channel images whose class is which quadrant holds the brightest blob. */
function images(n: number, seed: number): { x: HostArray; y: HostArray } {
  const next = mulberry32(seed);
  const x = new Float32Array(n * 100);
  const y = new Float32Array(n * 4);
  for (let i = 0; i < n; i++) {
    const q = Math.floor(next() * 4);
    const [r0, c0] = [(q >> 1) * 5, (q & 1) * 5];
    for (let p = 0; p < 100; p++) x[i * 100 + p] = 0.3 * (next() - 0.5);
    for (let r = 1; r < 4; r++) for (let c = 1; c < 4; c++) x[i * 100 + (r0 + r) * 10 + c0 + c] += 1;
    y[i * 4 + q] = 1;
  }
  return { x: { data: x, shape: [n, 10, 10, 1] }, y: { data: y, shape: [n, 4] } };
}

/** Token sequences (0 = padding at the end); the label is whether token 3 occurs. */
function sequences(n: number, steps: number, vocab: number, seed: number): { x: HostArray; y: HostArray } {
  const next = mulberry32(seed);
  const x = new Float32Array(n * steps);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const length = 3 + Math.floor(next() * (steps - 2));
    let has = 0;
    for (let t = 0; t < length; t++) {
      const token = 1 + Math.floor(next() * (vocab - 1));
      x[i * steps + t] = token;
      if (token === 3) has = 1;
    }
    y[i] = has;
  }
  return { x: { data: x, shape: [n, steps] }, y: { data: y, shape: [n, 1] } };
}

describe('models train on wasm as on cpu', () => {
  it('CNN: conv2d, max and average pooling, dense (Adam)', async () => {
    const { x, y } = images(48, 1);
    await compareBackends({
      build: () => new Sequential({ layers: [
        layers.conv2d({ filters: 8, kernelSize: 3, padding: 'same', activation: 'relu', inputShape: [10, 10, 1] }),
        layers.maxPooling2d({ poolSize: 2 }),
        layers.conv2d({ filters: 8, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' }),
        layers.averagePooling2d({ poolSize: 2, padding: 'same' }),
        layers.flatten(),
        layers.dense({ units: 16, activation: 'relu' }),
        layers.dense({ units: 4, activation: 'softmax' }),
      ] }),
      compile: () => ({ optimizer: optimizers.adam({ learningRate: 0.01 }), loss: 'categorical_crossentropy', metrics: ['acc'] }),
      x, y, epochs: 4, batchSize: 16,
    });
  });

  it('embedding + LSTM (masked), dense (Adam)', async () => {
    const { x, y } = sequences(40, 8, 12, 2);
    await compareBackends({
      build: () => new Sequential({ layers: [
        layers.embedding({ inputDim: 12, outputDim: 6, inputLength: 8, maskZero: true }),
        layers.lstm({ units: 10 }),
        layers.dense({ units: 1, activation: 'sigmoid' }),
      ] }),
      compile: () => ({ optimizer: optimizers.adam({ learningRate: 0.02 }), loss: 'binary_crossentropy', metrics: ['acc'] }),
      x, y, epochs: 4, batchSize: 8,
    });
  });
});
