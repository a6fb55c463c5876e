// The workloads: what each measures, its sizes per mode, and its targets. Both sides read
// their sizes from here, so model, data, batch size and step counts are identical.

/** Sizes per mode: 'full' (the default), 'quick' (--quick), 'tiny' (the smoke test). */
export const WORKLOADS = {
  'mlp-train': {
    title: 'MLP 784-128-10 train (fit, Adam)',
    unit: 'samples/s',
    sizes: {
      full: { n: 10000, batchSize: 128, warmupSamples: 1280 },
      quick: { n: 2560, batchSize: 128, warmupSamples: 256 },
      tiny: { n: 128, batchSize: 32, warmupSamples: 32 },
    },
  },
  'cnn-train': {
    title: 'CNN conv32-pool-conv64-pool-128-10 train (fit)',
    unit: 'samples/s',
    sizes: {
      // Timed batches stop early after budgetS seconds (tfjs cpu runs ~18 s a batch).
      full: { batchSize: 64, batches: 12, budgetS: 20, warmupSamples: 16 },
      quick: { batchSize: 64, batches: 3, budgetS: 6, warmupSamples: 8 },
      tiny: { batchSize: 4, batches: 2, budgetS: 5, warmupSamples: 4 },
    },
  },
  'conv-autoencoder': {
    title: 'Conv autoencoder 28x28x1: conv-pool down, conv2dTranspose-upsampling up (fit, mse)',
    unit: 'samples/s',
    sizes: {
      full: { batchSize: 64, batches: 12, budgetS: 20, warmupSamples: 16 },
      quick: { batchSize: 64, batches: 3, budgetS: 6, warmupSamples: 8 },
      tiny: { batchSize: 4, batches: 2, budgetS: 5, warmupSamples: 4 },
    },
  },
  'lstm-train': {
    title: 'LSTM(64) 50x16 + dense(1) train (fit, mse)',
    unit: 'samples/s',
    sizes: {
      full: { batchSize: 64, batches: 20, budgetS: 12, warmupSamples: 64, steps: 50 },
      quick: { batchSize: 64, batches: 5, budgetS: 5, warmupSamples: 64, steps: 50 },
      tiny: { batchSize: 4, batches: 2, budgetS: 5, warmupSamples: 4, steps: 5 },
    },
  },
  'text-classifier': {
    title: 'Text classifier: Embedding 10000x64, Bidirectional(LSTM 64), Dense sigmoid; sequences of 100 (fit, binary crossentropy)',
    unit: 'samples/s',
    sizes: {
      full: { batchSize: 32, batches: 12, budgetS: 20, warmupSamples: 32, steps: 100, vocab: 10000 },
      quick: { batchSize: 32, batches: 4, budgetS: 8, warmupSamples: 32, steps: 100, vocab: 10000 },
      tiny: { batchSize: 4, batches: 2, budgetS: 5, warmupSamples: 4, steps: 5, vocab: 50 },
    },
  },
  'resmlp-train': {
    title: 'Residual MLP 784-128 + 2x(dense-dense-add) + 10 train (functional model, fit, Adam)',
    unit: 'samples/s',
    sizes: {
      full: { n: 6400, batchSize: 128, warmupSamples: 256, budgetS: 12 },
      quick: { n: 1280, batchSize: 128, warmupSamples: 128, budgetS: 5 },
      tiny: { n: 64, batchSize: 32, warmupSamples: 32 },
    },
  },
  'mlp-train-tensor': {
    title: 'MLP 784-128-10 train on Tensors (fit, Adam)',
    unit: 'samples/s',
    sizes: {
      full: { n: 10000, batchSize: 128, warmupSamples: 1280 },
      quick: { n: 2560, batchSize: 128, warmupSamples: 256 },
      tiny: { n: 128, batchSize: 32, warmupSamples: 32 },
    },
  },
  'mlp-predict': {
    title: 'MLP predict (batch 1000)',
    unit: 'samples/s',
    sizes: {
      full: { n: 10000, batchSize: 1000, reps: 3 },
      quick: { n: 3000, batchSize: 1000, reps: 2 },
      tiny: { n: 64, batchSize: 32, reps: 1 },
    },
  },
  'mlp-predict-tensor': {
    title: 'MLP predict on a Tensor (batch 1000)',
    unit: 'samples/s',
    sizes: {
      full: { n: 10000, batchSize: 1000, reps: 3 },
      quick: { n: 3000, batchSize: 1000, reps: 2 },
      tiny: { n: 64, batchSize: 32, reps: 1 },
    },
  },
  'mlp-fit1-cold': {
    title: 'MLP fit at batch 1, first 500 steps of a fresh process',
    unit: 'steps/s',
    sizes: {
      full: { steps: 500 },
      quick: { steps: 500 },
      tiny: { steps: 5 },
    },
  },
  'mlp-batch1': {
    title: 'MLP trainOnBatch at batch 1',
    unit: 'steps/s',
    sizes: {
      full: { steps: 1000, budgetS: 10, warmupSteps: 200 },
      quick: { steps: 200, budgetS: 4, warmupSteps: 10 },
      tiny: { steps: 5, budgetS: 5, warmupSteps: 2 },
    },
  },
  matmul: {
    title: 'matMul 1024x1024x1024 + data()',
    unit: 'GFLOP/s',
    sizes: {
      full: { size: 1024, reps: 10, budgetS: 8 },
      quick: { size: 1024, reps: 3, budgetS: 4 },
      tiny: { size: 32, reps: 2, budgetS: 2 },
    },
  },
  'mlp-generator': {
    title: 'MLP train from a generator (fitGenerator / fitDataset)',
    unit: 'samples/s',
    sizes: {
      full: { n: 10000, batchSize: 128, warmupSteps: 10 },
      quick: { n: 2560, batchSize: 128, warmupSteps: 2 },
      tiny: { n: 128, batchSize: 32, warmupSteps: 1 },
    },
  },
  'seq-workers': {
    title: 'Sequence with ~20 ms augmentation/batch: fitGenerator workers 2 (threads) vs workers 1',
    unit: 'batches/s',
    layerwiseOnly: true,
    sizes: {
      full: { batches: 128, batchSize: 128, augmentMs: 20, skip: 16 },
      quick: { batches: 16, batchSize: 128, augmentMs: 20, skip: 2 },
      tiny: { batches: 4, batchSize: 8, augmentMs: 1, skip: 1 },
    },
  },
};

export const WORKLOAD_NAMES = Object.keys(WORKLOADS);

/** Thread counts layerwise's wasm backend runs at, side by side, unless --threads picks one. */
export const WASM_THREADS = [1, 2];

/**
 * The sides each workload compares. The first side and the last (tfjs-layers) make the ratio
 * (A / B); on wasm layerwise runs once per thread count (WASM_THREADS, or `threads` alone),
 * most threads first. impl: which runner module; variant: passed through to it; threads:
 * layerwise's wasm threads (undefined: the backend's default).
 */
export function sidesOf(workload, backend = 'cpu', threads = undefined) {
  if (workload === 'seq-workers') {
    return [
      { label: 'workers 2 (threads)', impl: 'layerwise', variant: 'workers2' },
      { label: 'workers 1', impl: 'layerwise', variant: 'workers1' },
    ];
  }
  const counts = backend !== 'wasm' ? [undefined] : threads !== undefined ? [threads] : [...WASM_THREADS].reverse();
  const layerwise = counts.map((t) => ({ label: t === undefined ? 'layerwise' : `layerwise ${t} thread${t === 1 ? '' : 's'}`, impl: 'layerwise', variant: '', threads: t }));
  return [...layerwise, { label: 'tfjs-layers', impl: 'tfjs', variant: '' }];
}

/**
 * tfjs-layers 4.22.0 on this machine (the record), and layerwise's targets
 * (about 3x those). null: no figure given.
 */
export const REFERENCE = {
  cpu: {
    'mlp-train': { tfjs: 1963, target: 6000 },
    'cnn-train': { tfjs: 3.6, target: 100 },
    // Measured once on a shared machine (load average ~15 on 2 cores).
    'conv-autoencoder': { tfjs: 1.67, target: 5 },
    'lstm-train': { tfjs: 88.8, target: 270 },
    // tfjs-layers 4.22 cpu did not finish a quick run (a warm-up batch and 4 batches of 32) in 40
    // minutes; its RSS passed 8 GB (one try, shared machine, load ~12 on 2 cores).
    'text-classifier': { tfjs: null, target: null },
    'mlp-predict': { tfjs: 7547, target: 22000 },
    'mlp-batch1': { tfjs: 54.5, target: 500 },
    matmul: { tfjs: 1.0, target: 5 },
    // Issue 15 asks for 3x tfjs; tfjs measured once, on a shared machine (load ~10 on 2 cores).
    'resmlp-train': { tfjs: 134, target: 402 },
  },
  wasm: {
    // Issue 17's targets on 2 threads: MLP 75,000 samples/s, CNN 2,800; cold batch 1 at 3x tfjs.
    'mlp-train': { tfjs: 9687, target: 75000 },
    'cnn-train': { tfjs: null, target: 2800 },
    'mlp-fit1-cold': { tfjs: 185, target: 555 },
    // tfjs-backend-wasm 4.22 cannot train it: Conv2DBackpropFilter is not registered for wasm.
    'conv-autoencoder': { tfjs: null, target: null },
    'lstm-train': { tfjs: 440, target: 1300 },
    // tfjs-backend-wasm 4.22 cannot train it: UnsortedSegmentSum (Embedding's gradient) is not registered for wasm.
    'text-classifier': { tfjs: null, target: null },
    'mlp-predict': { tfjs: 62712, target: 150000 },
    'mlp-batch1': { tfjs: 564, target: 2000 },
    matmul: { tfjs: 43.3, target: 80 },
    'resmlp-train': { tfjs: 1156, target: 3468 },
  },
};
