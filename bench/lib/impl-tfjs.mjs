// The TensorFlow.js Layers side (tfjs-core + tfjs-layers + tfjs-backend-cpu/-wasm 4.22.0,
// no tfjs-node), mirroring impl-layerwise.mjs workload for workload.
import { cnnData, initialWeights, lstmData, matmulData, mlpData, rows, textData } from './data.mjs';
import { AUTOENCODER_LAYERS } from './autoencoder.mjs';
import { budgetCallback, elapsedS, median, now, stopwatch, timeMatmul } from './timing.mjs';

let tf;

export async function setup(backend) {
  const core = await import('@tensorflow/tfjs-core');
  const layersMod = await import('@tensorflow/tfjs-layers');
  tf = { ...core, layers: layersMod.layers, sequential: layersMod.sequential, input: layersMod.input, model: layersMod.model, train: core.train };
  if (backend === 'cpu') await import('@tensorflow/tfjs-backend-cpu');
  else if (backend === 'wasm') await import('@tensorflow/tfjs-backend-wasm');
  else throw new Error(`unknown backend '${backend}'`);
  const ok = await core.setBackend(backend);
  if (!ok) throw new Error(`tf.setBackend('${backend}') failed`);
  await core.ready();
  return { backend: core.getBackend(), threads: backend === 'wasm' ? 1 : undefined };
}

function adam() {
  return tf.train.adam(0.001, 0.9, 0.999, 1e-7);
}

function setInitialWeights(model, seed, opts) {
  const shapes = model.getWeights().map((w) => w.shape);
  const values = initialWeights(shapes, seed, opts);
  model.setWeights(values.map((v, i) => tf.tensor(v, shapes[i], 'float32')));
}

function mlp() {
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ units: 128, activation: 'relu', inputShape: [784] }),
      tf.layers.dense({ units: 10, activation: 'softmax' }),
    ],
  });
  setInitialWeights(model, 11);
  model.compile({ optimizer: adam(), loss: 'categoricalCrossentropy' });
  return model;
}

function cnn() {
  const model = tf.sequential({
    layers: [
      tf.layers.conv2d({ filters: 32, kernelSize: 3, activation: 'relu', inputShape: [28, 28, 1] }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu' }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 128, activation: 'relu' }),
      tf.layers.dense({ units: 10, activation: 'softmax' }),
    ],
  });
  setInitialWeights(model, 12);
  model.compile({ optimizer: adam(), loss: 'categoricalCrossentropy' });
  return model;
}

function autoencoder() {
  const model = tf.sequential({
    layers: AUTOENCODER_LAYERS.map(([factory, config]) => tf.layers[factory](config)),
  });
  setInitialWeights(model, 14);
  model.compile({ optimizer: adam(), loss: 'meanSquaredError' });
  return model;
}

/** The same residual MLP as impl-layerwise.mjs, as a tfjs functional model. */
function resmlp() {
  const x = tf.input({ shape: [784] });
  let h = tf.layers.dense({ units: 128, activation: 'relu' }).apply(x);
  for (let b = 0; b < 2; b++) {
    const branch = tf.layers.dense({ units: 128 }).apply(tf.layers.dense({ units: 128, activation: 'relu' }).apply(h));
    h = tf.layers.activation({ activation: 'relu' }).apply(tf.layers.add().apply([h, branch]));
  }
  const model = tf.model({ inputs: x, outputs: tf.layers.dense({ units: 10, activation: 'softmax' }).apply(h) });
  setInitialWeights(model, 14);
  model.compile({ optimizer: adam(), loss: 'categoricalCrossentropy' });
  return model;
}

function lstm(steps) {
  const model = tf.sequential({
    layers: [
      tf.layers.lstm({ units: 64, activation: 'tanh', recurrentActivation: 'hardSigmoid', recurrentInitializer: 'glorotUniform', inputShape: [steps, 16] }),
      tf.layers.dense({ units: 1 }),
    ],
  });
  setInitialWeights(model, 13, { lstmUnits: 64 });
  model.compile({ optimizer: adam(), loss: 'meanSquaredError' });
  return model;
}

function textClassifier(steps, vocab) {
  const model = tf.sequential({
    layers: [
      tf.layers.embedding({ inputDim: vocab, outputDim: 64, inputLength: steps }),
      tf.layers.bidirectional({ layer: tf.layers.lstm({ units: 64, recurrentActivation: 'hardSigmoid', recurrentInitializer: 'glorotUniform' }) }),
      tf.layers.dense({ units: 1, activation: 'sigmoid' }),
    ],
  });
  setInitialWeights(model, 14, { lstmUnits: 64 });
  model.compile({ optimizer: adam(), loss: 'binaryCrossentropy' });
  return model;
}

async function timedFit(model, x, y, n, batchSize, budgetS) {
  const cb = budgetCallback(model, budgetS);
  const sw = stopwatch();
  await model.fit(x, y, { batchSize, epochs: 1, verbose: 0, shuffle: true, callbacks: [cb.hooks] });
  const s = sw.wallS();
  const samples = Math.min(n, cb.batches * batchSize);
  return { value: samples / s, perCpuS: samples / sw.cpuS(), seconds: s, samples, batches: cb.batches, lossFirst: cb.lossFirst, lossLast: cb.lossLast };
}

async function trainWorkload(model, data, rowSize, yRow, size) {
  const warm = size.warmupSamples;
  const wx = tf.tensor(rows(data.x, rowSize, 0, warm), [warm, ...data.xShape.slice(1)]);
  const wy = tf.tensor(rows(data.y, yRow, 0, warm), [warm, ...data.yShape.slice(1)]);
  await model.fit(wx, wy, { batchSize: Math.min(warm, size.batchSize), epochs: 1, verbose: 0 });
  tf.dispose([wx, wy]);
  const x = tf.tensor(data.x, data.xShape);
  const y = tf.tensor(data.y, data.yShape);
  const result = await timedFit(model, x, y, data.n, size.batchSize, size.budgetS ?? Infinity);
  tf.dispose([x, y]);
  return result;
}

export const workloads = {
  // tfjs-layers takes Tensors in every workload: its tensor rows are its plain rows.
  get 'mlp-train-tensor'() {
    return this['mlp-train'];
  },
  get 'mlp-predict-tensor'() {
    return this['mlp-predict'];
  },

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

  async 'mlp-predict'(size) {
    const model = mlp();
    const data = mlpData(size.n);
    const x = tf.tensor(data.x, data.xShape);
    const wx = tf.tensor(rows(data.x, 784, 0, size.batchSize), [size.batchSize, 784]);
    const warm = model.predict(wx, { batchSize: size.batchSize, verbose: 0 });
    await warm.data();
    tf.dispose([warm, wx]);
    const times = [];
    let checksum = 0;
    const sw = stopwatch();
    for (let r = 0; r < size.reps; r++) {
      const t0 = now();
      const out = model.predict(x, { batchSize: size.batchSize, verbose: 0 });
      const values = await out.data();
      times.push(elapsedS(t0));
      checksum = values[0];
      out.dispose();
    }
    const best = Math.min(...times);
    return { value: size.n / median(times), perCpuS: (size.n * size.reps) / sw.cpuS(), seconds: median(times), best: size.n / best, reps: size.reps, checksum };
  },

  async 'mlp-fit1-cold'(size) {
    const data = mlpData(size.steps);
    const model = mlp();
    const [x, y] = [tf.tensor(data.x, data.xShape), tf.tensor(data.y, data.yShape)];
    const sw = stopwatch();
    await model.fit(x, y, { batchSize: 1, epochs: 1, verbose: 0 });
    const s = sw.wallS();
    tf.dispose([x, y]);
    return { value: size.steps / s, perCpuS: size.steps / sw.cpuS(), seconds: s, steps: size.steps };
  },

  async 'mlp-batch1'(size) {
    const model = mlp();
    const data = mlpData(Math.max(size.steps, size.warmupSteps));
    const step = async (i) => {
      const xs = tf.tensor2d(data.x.subarray(i * 784, (i + 1) * 784), [1, 784]);
      const ys = tf.tensor2d(data.y.subarray(i * 10, (i + 1) * 10), [1, 10]);
      const loss = await model.trainOnBatch(xs, ys);
      tf.dispose([xs, ys]);
      return loss;
    };
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
    const ta = tf.tensor(a, aShape);
    const tb = tf.tensor(b, bShape);
    const once = async () => {
      const c = tf.matMul(ta, tb);
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
    // tfjs-layers' fitDataset takes any object with iterator() -> { next() } (its Dataset stub).
    const dataset = {
      async iterator() {
        let i = 0;
        return {
          async next() {
            const end = Math.min(size.n, (i + 1) * bs);
            const value = {
              xs: tf.tensor2d(rows(data.x, 784, i * bs, end), [end - i * bs, 784]),
              ys: tf.tensor2d(rows(data.y, 10, i * bs, end), [end - i * bs, 10]),
            };
            i = (i + 1) % steps;
            return { value, done: false };
          },
        };
      },
    };
    await model.fitDataset(dataset, { batchesPerEpoch: size.warmupSteps, epochs: 1, verbose: 0 });
    const cb = budgetCallback(model, Infinity);
    const sw = stopwatch();
    await model.fitDataset(dataset, { batchesPerEpoch: steps, epochs: 1, verbose: 0, callbacks: [cb.hooks] });
    const s = sw.wallS();
    return { value: size.n / s, perCpuS: size.n / sw.cpuS(), seconds: s, batches: cb.batches, lossFirst: cb.lossFirst, lossLast: cb.lossLast };
  },
};
