/**
 * The harness page the backend tests drive: the real packages, bundled by Vite, train the same
 * small Sequential models from the same host-side initial weights and data on each backend
 * (shuffle off), and every step's loss comes back for comparison with backend-cpu's.
 */
import { Sequential, activeKernel, getBackend, layers, memory, optimizers, setBackend, tensor } from '@layerwise/api';
import '@layerwise/backend-cpu';
import { setWasmOptions } from '@layerwise/backend-wasm';
import '@layerwise/backend-webgpu';

interface HostArray { data: Float32Array; shape: number[] }

/** A fixed LCG, so every backend (and Node) sees the same numbers. */
function uniform(shape: number[], seed: number, scale = 1): HostArray {
  const size = shape.reduce((a, b) => a * b, 1);
  const data = new Float32Array(size);
  let s = seed >>> 0;
  for (let i = 0; i < size; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    data[i] = ((s / 4294967296) * 2 - 1) * scale;
  }
  return { data, shape };
}

interface CaseSetup {
  model: Sequential;
  compile: Parameters<Sequential['compile']>[0];
  x: HostArray;
  y: HostArray;
  epochs: number;
  batchSize: number;
}

const CASES: Record<string, () => CaseSetup> = {
  /** Dense + relu/tanh/softmax, Adam, categorical crossentropy: 4 steps an epoch. */
  'mlp-adam': () => {
    const x = uniform([32, 4], 1);
    const y = new Float32Array(32 * 3);
    for (let i = 0; i < 32; i++) {
      const r = x.data.subarray(i * 4, i * 4 + 4);
      const scores = [r[0] + r[1], r[2] - r[0], r[3] - r[1]];
      y[i * 3 + scores.indexOf(Math.max(...scores))] = 1;
    }
    return {
      model: new Sequential({ layers: [
        layers.dense({ units: 16, activation: 'relu', inputShape: [4] }),
        layers.dense({ units: 8, activation: 'tanh' }),
        layers.dense({ units: 3, activation: 'softmax' }),
      ] }),
      compile: { optimizer: optimizers.adam({ learningRate: 0.01 }), loss: 'categorical_crossentropy', metrics: ['accuracy'] },
      x, y: { data: y, shape: [32, 3] }, epochs: 2, batchSize: 8,
    };
  },
  /** Conv2D + max pooling + dense, SGD with momentum, mse: 2 steps an epoch. */
  'conv-sgd': () => {
    const x = uniform([8, 6, 6, 1], 2);
    const y = new Float32Array(8);
    for (let i = 0; i < 8; i++) y[i] = x.data.subarray(i * 36, i * 36 + 36).reduce((a, b) => a + b, 0) / 6;
    return {
      model: new Sequential({ layers: [
        layers.conv2d({ filters: 4, kernelSize: 3, padding: 'same', activation: 'relu', inputShape: [6, 6, 1] }),
        layers.maxPooling2d({ poolSize: 2 }),
        layers.flatten(),
        layers.dense({ units: 1 }),
      ] }),
      compile: { optimizer: optimizers.sgd({ learningRate: 0.05, momentum: 0.9 }), loss: 'mse' },
      x, y: { data: y, shape: [8, 1] }, epochs: 3, batchSize: 4,
    };
  },
};

export interface CaseResult {
  /** The loss of every step (batch), in order. */
  losses: number[];
  /** Loss of each epoch as fit's History reports it. */
  epochLosses: number[];
  ms: number;
}

export interface BackendResult {
  backend: string;
  /** What the kernel reports of itself (wasm: threads, build, fallbackReason). */
  info: Record<string, unknown>;
  cases: Record<string, CaseResult>;
  /** Live backend buffers before the first case and after the last (models and data disposed). */
  buffers: { before: number; after: number };
  error?: string;
  warnings: string[];
  /** console.info lines (the wasm backend says there why its default threads do not run). */
  infos: string[];
}

export interface CheckOptions {
  backends: string[];
  /** Threads for the wasm backend (setWasmOptions); default: the backend's own default. */
  wasmThreads?: number;
  cases?: string[];
}

async function runCase(name: string): Promise<CaseResult> {
  const setup = CASES[name]();
  const { model } = setup;
  model.compile(setup.compile);
  // Initial weights from host arrays, the same on every backend.
  const current = model.getWeights();
  const initial = current.map((w, i) => tensor(uniform(w.shape, 100 + i, 0.5).data, w.shape));
  for (const w of current) w.dispose();
  model.setWeights(initial);
  for (const w of initial) w.dispose();
  const losses: number[] = [];
  const x = tensor(setup.x.data, setup.x.shape);
  const y = tensor(setup.y.data, setup.y.shape);
  const start = performance.now();
  try {
    const history = await model.fit(x, y, {
      epochs: setup.epochs,
      batchSize: setup.batchSize,
      shuffle: false,
      verbose: 0,
      callbacks: [{ onBatchEnd: (_batch: number, logs?: Record<string, number>) => { losses.push(logs!.loss); } }],
    });
    return { losses, epochLosses: history.history.loss as number[], ms: performance.now() - start };
  } finally {
    x.dispose();
    y.dispose();
    model.dispose();
  }
}

async function check(options: CheckOptions): Promise<BackendResult[]> {
  if (options.wasmThreads !== undefined) setWasmOptions({ threads: options.wasmThreads });
  // The wasm binaries are served next to this page (vite.config.ts copies them to wasm/).
  setWasmOptions({ wasmPaths: new URL('wasm/', document.baseURI).href });
  const results: BackendResult[] = [];
  for (const backend of options.backends) {
    const warnings: string[] = [];
    const infos: string[] = [];
    const [warn, info] = [console.warn, console.info];
    console.warn = (...args: unknown[]) => { warnings.push(args.map(String).join(' ')); warn(...args); };
    console.info = (...args: unknown[]) => { infos.push(args.map(String).join(' ')); info(...args); };
    const result: BackendResult = { backend, info: {}, cases: {}, buffers: { before: 0, after: 0 }, warnings, infos };
    try {
      await setBackend(backend);
      const kernel = activeKernel() as unknown as Record<string, unknown>;
      for (const key of ['name', 'threads', 'build', 'fallbackReason', 'capabilities']) {
        if (kernel[key] !== undefined) result.info[key] = kernel[key];
      }
      result.info.active = getBackend();
      result.buffers.before = memory().buffers;
      for (const name of options.cases ?? Object.keys(CASES)) result.cases[name] = await runCase(name);
      result.buffers.after = memory().buffers;
    } catch (err) {
      result.error = err instanceof Error ? `${err.message}${err.stack ? `\n${err.stack}` : ''}` : String(err);
    } finally {
      console.warn = warn;
      console.info = info;
    }
    results.push(result);
  }
  document.getElementById('out')!.textContent = JSON.stringify(results, null, 2);
  return results;
}

declare global {
  interface Window {
    layerwiseCheck: typeof check;
    layerwiseEnv: () => { crossOriginIsolated: boolean; sharedArrayBuffer: boolean; gpu: boolean; cores: number };
  }
}

window.layerwiseCheck = check;
window.layerwiseEnv = () => ({
  crossOriginIsolated: globalThis.crossOriginIsolated === true,
  sharedArrayBuffer: typeof SharedArrayBuffer !== 'undefined',
  gpu: 'gpu' in navigator,
  cores: navigator.hardwareConcurrency,
});
document.body.dataset.ready = 'true';
