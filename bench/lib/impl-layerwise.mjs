// The layerwise side of every workload.
import { cnnData, initialWeights, lstmData, matmulData, mlpData, rows, textData } from './data.mjs';
import { AUTOENCODER_LAYERS } from './autoencoder.mjs';
import { budgetCallback, elapsedS, median, now, stopwatch, threadCpuMs, timeMatmul } from './timing.mjs';

let api;

/** Loads the api and the backend; returns what to record about the backend. */
export async function setup(backend, { threads } = {}) {
  api = await import('@layerwise/api');
  const info = {};
  if (backend === 'cpu') {
    await import('@layerwise/backend-cpu');
  } else if (backend === 'wasm') {
    const wasm = await import('@layerwise/backend-wasm');
    if (threads !== undefined) {
      if (typeof wasm.setWasmOptions !== 'function') throw new Error('@layerwise/backend-wasm has no setWasmOptions (cannot set threads)');
      wasm.setWasmOptions({ threads });
    }
    info.threadsRequested = threads ?? 'default';
  } else {
    throw new Error(`unknown backend '${backend}'`);
  }
  await api.setBackend(backend);
  api.setRandomSeed(1);
  if (backend === 'wasm') {
    const k = api.activeKernel();
    info.threads = k.threads;
    info.build = k.build;
    if (k.fallbackReason) info.fallbackReason = k.fallbackReason;
  }
  info.backend = api.getBackend();
  return info;
}

const host = (data, shape) => ({ data, shape });

function adam() {
  return api.optimizers.adam({ learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 });
}

function setInitialWeights(model, seed, opts) {
  const shapes = model.getWeights().map((w) => w.shape);
  const values = initialWeights(shapes, seed, opts);
  model.setWeights(values.map((v, i) => api.tensor(v, shapes[i])));
}

function mlp() {
  const { layers, Sequential } = api;
  const model = new Sequential({
    layers: [
      layers.dense({ units: 128, activation: 'relu', inputShape: [784] }),
      layers.dense({ units: 10, activation: 'softmax' }),
    ],
  });
  setInitialWeights(model, 11);
  model.compile({ optimizer: adam(), loss: 'categorical_crossentropy' });
  return model;
}

function cnn() {
  const { layers, Sequential } = api;
  const model = new Sequential({
    layers: [
      layers.conv2d({ filters: 32, kernelSize: 3, activation: 'relu', inputShape: [28, 28, 1] }),
      layers.maxPooling2d({ poolSize: 2 }),
      layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu' }),
      layers.maxPooling2d({ poolSize: 2 }),
      layers.flatten(),
      layers.dense({ units: 128, activation: 'relu' }),
      layers.dense({ units: 10, activation: 'softmax' }),
    ],
  });
  setInitialWeights(model, 12);
  model.compile({ optimizer: adam(), loss: 'categorical_crossentropy' });
  return model;
}

function autoencoder() {
  const model = new api.Sequential({
    layers: AUTOENCODER_LAYERS.map(([factory, config]) => api.layers[factory](config)),
  });
  setInitialWeights(model, 14);
  model.compile({ optimizer: adam(), loss: 'mse' });
  return model;
}

/** 784 -> dense 128 relu -> 2 residual blocks (dense relu, dense, add, relu) -> dense 10 softmax. */
function resmlp() {
  const { layers, Model, input } = api;
  const x = input({ shape: [784] });
  let h = layers.dense({ units: 128, activation: 'relu' }).apply(x);
  for (let b = 0; b < 2; b++) {
    const branch = layers.dense({ units: 128 }).apply(layers.dense({ units: 128, activation: 'relu' }).apply(h));
    h = layers.activation({ activation: 'relu' }).apply(layers.add().apply([h, branch]));
  }
  const model = new Model({ inputs: x, outputs: layers.dense({ units: 10, activation: 'softmax' }).apply(h) });
  setInitialWeights(model, 14);
  model.compile({ optimizer: adam(), loss: 'categorical_crossentropy' });
  return model;
}

function lstm(steps) {
  const { layers, Sequential } = api;
  const model = new Sequential({
    layers: [
      layers.lstm({ units: 64, activation: 'tanh', recurrentActivation: 'hardSigmoid', recurrentInitializer: 'glorotUniform', inputShape: [steps, 16] }),
      layers.dense({ units: 1 }),
    ],
  });
  setInitialWeights(model, 13, { lstmUnits: 64 });
  model.compile({ optimizer: adam(), loss: 'mse' });
  return model;
}

function textClassifier(steps, vocab) {
  const { layers, Sequential } = api;
  const model = new Sequential({
    layers: [
      layers.embedding({ inputDim: vocab, outputDim: 64, inputLength: steps }),
      layers.bidirectional({ layer: layers.lstm({ units: 64, recurrentActivation: 'hardSigmoid', recurrentInitializer: 'glorotUniform' }) }),
      layers.dense({ units: 1, activation: 'sigmoid' }),
    ],
  });
  setInitialWeights(model, 14, { lstmUnits: 64 });
  model.compile({ optimizer: adam(), loss: 'binary_crossentropy' });
  return model;
}

/** fit for one epoch over (x, y), stopped after `budgetS`; samples/s over the fit call. */
async function timedFit(model, x, y, n, batchSize, budgetS) {
  const cb = budgetCallback(model, budgetS);
  const sw = stopwatch();
  await model.fit(x, y, { batchSize, epochs: 1, verbose: 0, shuffle: true, callbacks: [cb.hooks] });
  const s = sw.wallS();
  const samples = Math.min(n, cb.batches * batchSize);
  return { value: samples / s, perCpuS: samples / sw.cpuS(), seconds: s, samples, batches: cb.batches, lossFirst: cb.lossFirst, lossLast: cb.lossLast };
}

/** Warms up on the first samples, then times one epoch; `asTensors` passes Tensors instead of host arrays. */
async function trainWorkload(model, data, rowSize, yRow, size, asTensors = false) {
  const warm = size.warmupSamples;
  await model.fit(host(rows(data.x, rowSize, 0, warm), [warm, ...data.xShape.slice(1)]),
    host(rows(data.y, yRow, 0, warm), [warm, ...data.yShape.slice(1)]), { batchSize: Math.min(warm, size.batchSize), epochs: 1, verbose: 0 });
  if (!asTensors) return timedFit(model, host(data.x, data.xShape), host(data.y, data.yShape), data.n, size.batchSize, size.budgetS ?? Infinity);
  const [x, y] = [api.tensor(data.x, data.xShape), api.tensor(data.y, data.yShape)];
  try {
    return await timedFit(model, x, y, data.n, size.batchSize, size.budgetS ?? Infinity);
  } finally {
    x.dispose();
    y.dispose();
  }
}

/** predict over all of x `reps` times (after one warm-up batch), reading the result back each time. */
async function timedPredict(model, data, size, x) {
  const warm = await model.predict(host(rows(data.x, 784, 0, size.batchSize), [size.batchSize, 784]), { batchSize: size.batchSize, verbose: 0 });
  await warm.data();
  warm.dispose();
  const times = [];
  let checksum = 0;
  const sw = stopwatch();
  for (let r = 0; r < size.reps; r++) {
    const t0 = now();
    const out = await model.predict(x, { batchSize: size.batchSize, verbose: 0 });
    const values = await out.data();
    times.push(elapsedS(t0));
    checksum = values[0];
    out.dispose();
  }
  const best = Math.min(...times);
  return { value: size.n / median(times), perCpuS: (size.n * size.reps) / sw.cpuS(), seconds: median(times), best: size.n / best, reps: size.reps, checksum };
}

export const workloads = {
  async 'mlp-train'(size) {
    const data = mlpData(size.n);
    return trainWorkload(mlp(), data, 784, 10, size);
  },

  async 'resmlp-train'(size) {
    const data = mlpData(size.n);
    return trainWorkload(resmlp(), data, 784, 10, size);
  },

  async 'cnn-train'(size) {
    const data = cnnData(size.batches * size.batchSize);
    return trainWorkload(cnn(), data, 784, 10, size);
  },

  async 'conv-autoencoder'(size) {
    const data = cnnData(size.batches * size.batchSize);
    return trainWorkload(autoencoder(), { ...data, y: data.x, yShape: data.xShape }, 784, 784, size);
  },

  async 'lstm-train'(size) {
    const data = lstmData(size.batches * size.batchSize, 3, size.steps);
    return trainWorkload(lstm(size.steps), data, size.steps * 16, 1, size);
  },

  async 'text-classifier'(size) {
    const data = textData(size.batches * size.batchSize, 6, size.steps, size.vocab);
    return trainWorkload(textClassifier(size.steps, size.vocab), data, size.steps, 1, size);
  },

  async 'mlp-train-tensor'(size) {
    const data = mlpData(size.n);
    return trainWorkload(mlp(), data, 784, 10, size, true);
  },

  async 'mlp-predict'(size) {
    const data = mlpData(size.n);
    return timedPredict(mlp(), data, size, host(data.x, data.xShape));
  },

  async 'mlp-predict-tensor'(size) {
    const data = mlpData(size.n);
    const x = api.tensor(data.x, data.xShape);
    try {
      return await timedPredict(mlp(), data, size, x);
    } finally {
      x.dispose();
    }
  },

  async 'mlp-fit1-cold'(size) {
    const data = mlpData(size.steps);
    const model = mlp();
    const sw = stopwatch();
    await model.fit(host(data.x, data.xShape), host(data.y, data.yShape), { batchSize: 1, epochs: 1, verbose: 0 });
    const s = sw.wallS();
    return { value: size.steps / s, perCpuS: size.steps / sw.cpuS(), seconds: s, steps: size.steps };
  },

  async 'mlp-batch1'(size) {
    const model = mlp();
    const data = mlpData(Math.max(size.steps, size.warmupSteps));
    const step = (i) => model.trainOnBatch(host(data.x.subarray(i * 784, (i + 1) * 784), [1, 784]), host(data.y.subarray(i * 10, (i + 1) * 10), [1, 10]));
    for (let i = 0; i < size.warmupSteps; i++) await step(i);
    const sw = stopwatch();
    let steps = 0;
    let loss = 0;
    while (steps < size.steps) {
      loss = await step(steps);
      steps++;
      if (sw.wallS() > size.budgetS) break;
    }
    const s = sw.wallS();
    return { value: steps / s, perCpuS: steps / sw.cpuS(), seconds: s, steps, lossLast: loss };
  },

  async matmul(size) {
    const { a, b, aShape, bShape } = matmulData(size.size, size.size, size.size);
    const ta = api.tensor(a, aShape);
    const tb = api.tensor(b, bShape);
    const once = async () => {
      const c = api.ops.matMul(ta, tb);
      const v = await c.data();
      c.dispose();
      return v[0];
    };
    return timeMatmul(once, size);
  },

  async 'mlp-generator'(size) {
    const model = mlp();
    const data = mlpData(size.n);
    const bs = size.batchSize;
    const steps = Math.ceil(size.n / bs);
    const gen = function* () {
      for (let i = 0; ; i = (i + 1) % steps) {
        const end = Math.min(size.n, (i + 1) * bs);
        yield [host(rows(data.x, 784, i * bs, end), [end - i * bs, 784]), host(rows(data.y, 10, i * bs, end), [end - i * bs, 10])];
      }
    };
    await model.fitGenerator(gen, { stepsPerEpoch: size.warmupSteps, epochs: 1, verbose: 0 });
    const cb = budgetCallback(model, Infinity);
    const sw = stopwatch();
    await model.fitGenerator(gen, { stepsPerEpoch: steps, epochs: 1, verbose: 0, callbacks: [cb.hooks] });
    const s = sw.wallS();
    return { value: size.n / s, perCpuS: size.n / sw.cpuS(), seconds: s, batches: cb.batches, lossFirst: cb.lossFirst, lossLast: cb.lossLast };
  },

  async 'seq-workers'(size, variant) {
    const { AugmentSequence } = await import('./augment-sequence.mjs');
    // Calibrate the augmentation rounds on this thread so one getItem takes ~augmentMs of CPU
    // (CPU time, so other load on the machine does not shrink the work): warm the JIT, then
    // rescale the rounds from the measured time a few times.
    const cpuMs = (fn) => {
      const c0 = process.cpuUsage();
      fn();
      const c = process.cpuUsage(c0);
      return (c.user + c.system) / 1000;
    };
    let rounds = 4;
    // The JIT keeps improving augmentPass for a few dozen calls; calibrating too early leaves
    // getItem well short of augmentMs later on.
    for (let k = 0; k < 40; k++) new AugmentSequence(1, size.batchSize, rounds).getItem(k);
    for (let k = 0; k < 4; k++) {
      const probe = new AugmentSequence(1, size.batchSize, rounds);
      const ms = Math.min(cpuMs(() => probe.getItem(0)), cpuMs(() => probe.getItem(1)));
      rounds = Math.max(1, Math.round((rounds * size.augmentMs) / Math.max(ms, 0.01)));
    }
    const seq = new AugmentSequence(size.batches, size.batchSize, rounds);
    const getItemMs = Math.min(cpuMs(() => seq.getItem(0)), cpuMs(() => seq.getItem(1)));

    const model = mlp();
    const first = seq.getItem(0);
    for (let k = 0; k < 10; k++) await model.trainOnBatch(first[0], first[1]);

    const opts = variant === 'workers2' ? { workers: 2, useMultiprocessing: true } : { workers: 1, useMultiprocessing: false };
    const stamps = [];
    // Per-thread CPU over the steady-state batches: threads that exist before fitGenerator are
    // the main thread and V8's helpers (GC, compiler); the ones that appear are the workers.
    const before = threadCpuMs();
    const skip = Math.min(size.skip, size.batches - 2);
    let cpuFrom = null;
    let cpuTo = null;
    const onBatchEnd = () => {
      stamps.push(now());
      if (stamps.length === skip + 1) cpuFrom = threadCpuMs();
      if (stamps.length === size.batches) cpuTo = threadCpuMs(); // before the pool closes
    };
    const start = now();
    await model.fitGenerator(seq, { ...opts, epochs: 1, verbose: 0, shuffle: false, callbacks: [{ onBatchEnd }] });
    const total = elapsedS(start);
    const steadyBatches = stamps.length - 1 - skip;
    const steady = steadyBatches / ((stamps[stamps.length - 1] - stamps[skip]) / 1000);
    let cpuPerBatch = null;
    if (before && cpuFrom && cpuTo) {
      cpuPerBatch = { main: 0, workers: 0, helpers: 0 };
      for (const [tid, ms] of cpuTo) {
        const used = (ms - (cpuFrom.get(tid) ?? 0)) / steadyBatches;
        const kind = tid === process.pid ? 'main' : before.has(tid) ? 'helpers' : 'workers';
        cpuPerBatch[kind] += used;
      }
    }
    return { value: steady, seconds: total, batches: stamps.length, wallBatchesPerS: stamps.length / total, getItemMs, rounds, cpuPerBatch, ...opts };
  },
};

