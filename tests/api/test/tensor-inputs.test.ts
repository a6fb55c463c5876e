import { describe, expect, it } from 'vitest';
import { Sequential, activeKernel, layers, memory, optimizers, setRandomSeed, tensor, type Tensor } from '@layerwise/api';
import { Recorder, idData, recordingModel } from './sequential-helpers.js';

/** Bits of every weight, to compare two trainings exactly. */
async function weightBits(model: Sequential): Promise<number[]> {
  const out: number[] = [];
  for (const w of model.getWeights()) out.push(...new Int32Array((await w.data()).slice().buffer));
  return out;
}

function mlp(seed: number): Sequential {
  setRandomSeed(seed);
  const model = new Sequential({ layers: [
    layers.dense({ units: 8, activation: 'relu', inputShape: [5] }),
    layers.dense({ units: 3, activation: 'softmax' }),
  ] });
  model.compile({ optimizer: optimizers.adam({ learningRate: 0.01 }), loss: 'categorical_crossentropy', metrics: ['accuracy'] });
  return model;
}

function data(n: number): { x: Float32Array; y: Float32Array } {
  const x = Float32Array.from({ length: n * 5 }, (_, i) => Math.sin(i * 1.7) * 2);
  const y = new Float32Array(n * 3);
  for (let i = 0; i < n; i++) y[i * 3 + (i * 7) % 3] = 1;
  return { x, y };
}

/** Counts the values the active backend hands back to the host while `body` runs. */
async function downloadedValues(body: () => Promise<unknown>): Promise<number> {
  const kernel = activeKernel() as { download: (x: { shape: number[] }) => Promise<unknown>; downloadSync?: (x: { shape: number[] }) => unknown };
  const [download, downloadSync] = [kernel.download, kernel.downloadSync];
  let values = 0;
  const size = (x: { shape: number[] }) => x.shape.reduce((a, b) => a * b, 1);
  kernel.download = function (x) { values += size(x); return download.call(this, x); };
  if (downloadSync) kernel.downloadSync = function (x) { values += size(x); return downloadSync.call(this, x); };
  try {
    await body();
  } finally {
    kernel.download = download;
    if (downloadSync) kernel.downloadSync = downloadSync;
  }
  return values;
}

describe('fit and predict on Tensors', () => {
  it('train to the same bits as the same values given as host arrays (shuffled, several epochs, validation split)', async () => {
    const { x, y } = data(45);
    const host = mlp(3);
    const h1 = await host.fit({ data: x, shape: [45, 5] }, { data: y, shape: [45, 3] },
      { batchSize: 8, epochs: 3, shuffle: true, seed: 11, validationSplit: 0.2, verbose: 0 });
    const onTensors = mlp(3);
    const [tx, ty] = [tensor(x, [45, 5]), tensor(y, [45, 3])];
    const h2 = await onTensors.fit(tx, ty, { batchSize: 8, epochs: 3, shuffle: true, seed: 11, validationSplit: 0.2, verbose: 0 });
    expect(await weightBits(onTensors)).toEqual(await weightBits(host));
    expect(h2.history).toEqual(h1.history);
    // The caller's tensors are untouched and still usable.
    expect(tx.isDisposed || ty.isDisposed).toBe(false);
    expect(Array.from(tx.dataSync())).toEqual(Array.from(x));
    tx.dispose();
    ty.dispose();
  });

  it('see the batches in the order host arrays see them, with shuffle true, \'batch\' and false', async () => {
    for (const shuffle of [true, 'batch', false] as const) {
      const { x, y } = idData(11);
      const a = recordingModel();
      await a.model.fit(x, y, { batchSize: 3, epochs: 2, shuffle, seed: 5, verbose: 0 });
      const b = recordingModel();
      const [tx, ty] = [tensor(x), tensor(y)];
      await b.model.fit(tx, ty, { batchSize: 3, epochs: 2, shuffle, seed: 5, verbose: 0 });
      expect(b.recorder.batches).toEqual(a.recorder.batches);
      tx.dispose();
      ty.dispose();
    }
  });

  it('download no inputs or targets: only the per-batch statistics come back', async () => {
    const { x, y } = data(64);
    const model = mlp(4);
    const [tx, ty] = [tensor(x, [64, 5]), tensor(y, [64, 3])];
    await model.fit(tx, ty, { batchSize: 16, epochs: 1, verbose: 0 });
    const fitValues = await downloadedValues(() => model.fit(tx, ty, { batchSize: 16, epochs: 2, verbose: 0 }));
    // 8 batches, each reading back a handful of statistics (loss, accuracy): far below x's 320 values.
    expect(fitValues).toBeLessThan(8 * 8);
    const predictValues = await downloadedValues(async () => (await model.predict(tx, { batchSize: 16 }) as Tensor).dispose());
    expect(predictValues).toBe(0);
    tx.dispose();
    ty.dispose();
  });

  it('predict gives the same values, and disposing its result never frees the input', async () => {
    const { x } = data(20);
    const model = mlp(5);
    const tx = tensor(x, [20, 5]);
    const fromHost = await model.predict({ data: x, shape: [20, 5] }, { batchSize: 7 }) as Tensor;
    const fromTensor = await model.predict(tx, { batchSize: 7 }) as Tensor;
    expect(Array.from(fromTensor.dataSync())).toEqual(Array.from(fromHost.dataSync()));
    fromHost.dispose();
    fromTensor.dispose();
    // A model that returns its input: the prediction is a view, not the caller's tensor.
    const identity = new Sequential({ layers: [new Recorder({ inputShape: [5] })] });
    const out = await identity.predict(tx, { batchSize: 32 }) as Tensor;
    out.dispose();
    expect(tx.isDisposed).toBe(false);
    expect(Array.from(tx.dataSync())).toEqual(Array.from(x));
    tx.dispose();
  });

  it('free every batch they cut: buffers return to where they started', async () => {
    const { x, y } = data(30);
    const model = mlp(6);
    const [tx, ty] = [tensor(x, [30, 5]), tensor(y, [30, 3])];
    await model.fit(tx, ty, { batchSize: 4, epochs: 1, verbose: 0 });
    const before = memory().buffers;
    await model.fit(tx, ty, { batchSize: 4, epochs: 2, shuffle: true, verbose: 0, validationData: [tx, ty] });
    await model.evaluate(tx, ty, { batchSize: 7, verbose: 0 });
    (await model.predict(tx, { batchSize: 7 }) as Tensor).dispose();
    (await model.predictOnBatch(tx) as Tensor).dispose();
    await model.trainOnBatch(tx, ty);
    expect(memory().buffers).toBe(before);
    tx.dispose();
    ty.dispose();
  });

  it('take 1-D targets, sparse labels, class weights and sample weights as Tensors', async () => {
    setRandomSeed(8);
    const model = new Sequential({ layers: [layers.dense({ units: 3, activation: 'softmax', inputShape: [5] })] });
    model.compile({ optimizer: 'sgd', loss: 'sparse_categorical_crossentropy' });
    const twin = new Sequential({ layers: [layers.dense({ units: 3, activation: 'softmax', inputShape: [5] })] });
    twin.compile({ optimizer: 'sgd', loss: 'sparse_categorical_crossentropy' });
    twin.setWeights(model.getWeights());
    const { x } = data(12);
    const labels = Float32Array.from({ length: 12 }, (_, i) => i % 3);
    const weights = Float32Array.from({ length: 12 }, (_, i) => 1 + (i % 2));
    const args = { batchSize: 5, epochs: 2, seed: 2, verbose: 0 as const, classWeight: { 0: 1, 1: 2, 2: 0.5 } };
    await model.fit({ data: x, shape: [12, 5] }, { data: labels, shape: [12] }, args);
    const [tx, ty, tw] = [tensor(x, [12, 5]), tensor(labels, [12]), tensor(weights, [12])];
    await twin.fit(tx, ty, args);
    expect(await weightBits(twin)).toEqual(await weightBits(model));
    const hostLoss = await model.evaluate({ data: x, shape: [12, 5] }, { data: labels, shape: [12] }, { sampleWeight: { data: weights, shape: [12] }, verbose: 0 });
    const tensorLoss = await model.evaluate(tx, ty, { sampleWeight: tw, verbose: 0 });
    expect(tensorLoss).toBe(hostLoss);
    for (const t of [tx, ty, tw]) t.dispose();
  });
});

describe('non-finite checks on Tensors', () => {
  it('refuse a NaN or Infinity in x or y with its index, as for host arrays; allowNonFinite opts out', async () => {
    const model = mlp(9);
    const { x, y } = data(6);
    x[7] = Number.NaN;
    const [tx, ty] = [tensor(x, [6, 5]), tensor(y, [6, 3])];
    const host = await model.fit({ data: x, shape: [6, 5] }, { data: y, shape: [6, 3] }, { verbose: 0 }).catch((e: Error) => e.message);
    const onTensor = await model.fit(tx, ty, { verbose: 0 }).catch((e: Error) => e.message);
    expect(onTensor).toMatch(/fit: 'x' holds NaN at \[1, 2\]/);
    expect(onTensor).toBe(host);
    await expect(model.fit(tx, ty, { verbose: 0, allowNonFinite: true })).resolves.toBeDefined();
    const badY = tensor(Float32Array.from(y, (v, i) => (i === 4 ? Infinity : v)), [6, 3]);
    const clean = tensor(data(6).x, [6, 5]);
    await expect(model.evaluate(clean, badY, { verbose: 0 })).rejects.toThrow(/evaluate: 'y' holds Infinity at \[1, 1\]/);
    for (const t of [tx, ty, badY, clean]) t.dispose();
  });

  it('accept finite values whose sum overflows float32', async () => {
    const model = new Sequential({ layers: [layers.dense({ units: 1, inputShape: [2], kernelInitializer: 'zeros' })] });
    model.compile({ optimizer: optimizers.sgd({ learningRate: 0 }), loss: 'mse' });
    const big = tensor(new Float32Array(8).fill(3e38), [4, 2]);
    const y = tensor(new Float32Array(4), [4, 1]);
    await expect(model.fit(big, y, { verbose: 0 })).resolves.toBeDefined();
    big.dispose();
    y.dispose();
  });
});
