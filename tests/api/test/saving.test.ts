import { describe, expect, it } from 'vitest';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  Model, Sequential, input, layers, loadModel, memory, optimizers, regularizers, saving, setRandomSeed, tensor,
  type Tensor,
} from '@layerwise/api';
import { batch, bits, weightBits } from './saving-helpers.js';
import { CONV_SAVING_CASES } from './saving-conv-models.js';

function imageModel(): Sequential {
  return new Sequential({ name: 'images', layers: [
    layers.conv2d({ filters: 3, kernelSize: 3, padding: 'same', activation: 'relu', inputShape: [6, 6, 2] }),
    layers.maxPooling2d({ poolSize: 2 }),
    layers.batchNormalization(),
    layers.averagePooling2d({ poolSize: 2, strides: 1 }),
    layers.dropout({ rate: 0.25 }),
    layers.flatten(),
    layers.dense({ units: 4, activation: 'softmax' }),
  ] });
}

function globalMaxModel(): Sequential {
  return new Sequential({ layers: [
    layers.conv2d({ filters: 2, kernelSize: [2, 2], useBias: false, inputShape: [4, 4, 1] }),
    layers.globalMaxPooling2d({}),
    layers.dense({ units: 1, activation: 'sigmoid' }),
  ] });
}

function globalAverageModel(): Sequential {
  return new Sequential({ layers: [
    layers.conv2d({ filters: 2, kernelSize: 2, strides: 2, inputShape: [4, 4, 1] }),
    layers.globalAveragePooling2d({}),
  ] });
}

function sequenceModel(): Sequential {
  return new Sequential({ layers: [
    layers.embedding({ inputDim: 7, outputDim: 4, inputLength: 5, maskZero: true }),
    layers.lstm({ units: 3, returnSequences: true }),
    layers.gru({ units: 3, returnSequences: true }),
    layers.simpleRNN({ units: 2, returnSequences: true, activation: 'relu' }),
    layers.timeDistributed({ layer: layers.dense({ units: 2, activation: 'tanh' }) }),
    layers.layerNormalization(),
    layers.globalAveragePooling1d({}),
    layers.dense({ units: 1 }),
  ] });
}

function reshapingModel(): Sequential {
  return new Sequential({ layers: [
    layers.dense({ units: 12, inputShape: [5], kernelInitializer: 'heNormal' }),
    layers.reshape({ targetShape: [3, 4] }),
    layers.permute({ dims: [2, 1] }),
    layers.conv1d({ filters: 2, kernelSize: 2, activation: 'elu' }),
    layers.maxPooling1d({ poolSize: 2, strides: 1 }),
    layers.averagePooling1d({ poolSize: 2, strides: 1 }),
    layers.globalMaxPooling1d({}),
    layers.repeatVector({ n: 3 }),
    layers.masking({ maskValue: 0 }),
    layers.activation({ activation: 'hard_sigmoid' }),
    layers.flatten(),
    layers.dense({ units: 2, kernelRegularizer: regularizers.l2(0.01) }),
  ] });
}

function recurrentModel(): Sequential {
  return new Sequential({ layers: [
    layers.embedding({ inputDim: 7, outputDim: 4, inputLength: 5, maskZero: true }),
    layers.bidirectional({ layer: layers.lstm({ units: 3, returnSequences: true }), mergeMode: 'ave' }),
    layers.rnn({ cell: [layers.lstmCell({ units: 3 }), layers.gruCell({ units: 3 }), layers.simpleRNNCell({ units: 2 })], returnSequences: true }),
    layers.reshape({ targetShape: [5, 2, 1, 1] }),
    layers.convLstm2d({ filters: 2, kernelSize: 1 }),
    layers.flatten(),
    layers.dense({ units: 1 }),
  ] });
}

/** A functional graph through every merge layer (and an InputLayer). */
function mergeModel(): Model {
  const x = input({ shape: [4] });
  const a = layers.dense({ units: 4 }).apply(x);
  const b = layers.dense({ units: 4, activation: 'tanh' }).apply(x);
  const pairs = [layers.add(), layers.subtract(), layers.multiply(), layers.average(), layers.maximum(), layers.minimum()]
    .map((l) => l.apply([a, b]));
  const cos = layers.dot({ axes: -1, normalize: true }).apply([a, b]);
  const joined = layers.concatenate({ axis: 1 }).apply([...pairs, cos]);
  return new Model({ inputs: x, outputs: layers.dense({ units: 2 }).apply(joined), name: 'merges' });
}

function shapeModel(): Sequential {
  return new Sequential({ layers: [
    layers.zeroPadding1d({ padding: 2, inputShape: [4, 2] }),
    layers.cropping1d({ cropping: [1, 0] }),
    layers.upSampling1d(),
    layers.reshape({ targetShape: [2, 7, 2] }),
    layers.conv2d({ filters: 2, kernelSize: 2, padding: 'same' }),
    layers.zeroPadding2d({ padding: [[1, 0], [0, 2]] }),
    layers.cropping2d({ cropping: 1 }),
    layers.upSampling2d({ size: [2, 1], interpolation: 'bilinear' }),
    layers.reshape({ targetShape: [2, 7, 1, 2] }),
    layers.zeroPadding3d({ padding: 1, dataFormat: 'channelsFirst' }),
    layers.cropping3d({ cropping: [[0, 1], [1, 1], [2, 0]] }),
    layers.upSampling3d({ size: [1, 2, 1] }),
    layers.flatten(),
    layers.dense({ units: 2 }),
  ] });
}

function activationModel(): Sequential {
  return new Sequential({ layers: [
    layers.dense({ units: 6, inputShape: [4] }),
    layers.leakyReLU({ alpha: 0.1 }),
    layers.reshape({ targetShape: [2, 3] }),
    layers.prelu({ sharedAxes: [1], alphaInitializer: 'ones', alphaConstraint: 'nonNeg' }),
    layers.elu({ alpha: 0.5 }),
    layers.thresholdedReLU({ theta: -0.5 }),
    layers.reLU({ maxValue: 2, negativeSlope: 0.1 }),
    layers.softmax({ axis: 1 }),
    layers.flatten(),
  ] });
}

function noiseModel(): Sequential {
  return new Sequential({ layers: [
    layers.gaussianNoise({ stddev: 0.1, inputShape: [4, 2] }),
    layers.spatialDropout1d({ rate: 0.2, seed: 1 }),
    layers.reshape({ targetShape: [2, 2, 2] }),
    layers.spatialDropout2d({ rate: 0.2, dataFormat: 'channelsFirst' }),
    layers.reshape({ targetShape: [2, 2, 1, 2] }),
    layers.spatialDropout3d({ rate: 0.2 }),
    layers.flatten(),
    layers.gaussianDropout({ rate: 0.3 }),
    layers.alphaDropout({ rate: 0.1, seed: 2 }),
    layers.activityRegularization({ l2: 0.01 }),
    layers.dense({ units: 2 }),
  ] });
}

const sequenceInput = [[1, 2, 3, 0, 0], [4, 5, 6, 1, 2], [6, 0, 0, 0, 0], [3, 3, 2, 1, 5]];

const cases: { name: string; make: () => Model; x: () => number[][] | Tensor }[] = [
  { name: 'functional: every merge layer', make: mergeModel, x: () => tensor(batch([4, 4], 8), [4, 4]) },
  { name: 'conv/pool/batch norm/dropout', make: imageModel, x: () => tensor(batch([5, 6, 6, 2], 3), [5, 6, 6, 2]) },
  { name: 'global max pooling 2D', make: globalMaxModel, x: () => tensor(batch([3, 4, 4, 1], 4), [3, 4, 4, 1]) },
  { name: 'global average pooling 2D', make: globalAverageModel, x: () => tensor(batch([3, 4, 4, 1], 5), [3, 4, 4, 1]) },
  { name: 'embedding/LSTM/GRU/SimpleRNN/TimeDistributed', make: sequenceModel, x: () => sequenceInput },
  { name: 'Bidirectional/RNN(StackedRNNCells)/ConvLSTM2D', make: recurrentModel, x: () => sequenceInput },
  { name: 'reshape/permute/conv1d/1-D pooling/masking', make: reshapingModel, x: () => tensor(batch([4, 5], 6), [4, 5]) },
  { name: 'cropping/zero padding/upsampling 1-D to 3-D', make: shapeModel, x: () => tensor(batch([3, 4, 2], 7), [3, 4, 2]) },
  { name: 'advanced activations', make: activationModel, x: () => tensor(batch([3, 4], 8), [3, 4]) },
  { name: 'noise and activity regularization', make: noiseModel, x: () => tensor(batch([3, 4, 2], 9), [3, 4, 2]) },
  ...CONV_SAVING_CASES,
];

describe('saving: architecture and weights round trip', () => {
  it('the test models cover every registered layer class', () => {
    // Layers nested in others' configs (an RNN's cells, a wrapped layer) count too.
    const nested = (v: unknown): string[] => (Array.isArray(v) ? v.flatMap(nested) : v && typeof v === 'object'
      ? Object.entries(v).flatMap(([k, x]) => (k === 'className' && typeof x === 'string' ? [x] : nested(x))) : []);
    const used = new Set(cases.flatMap((c) => c.make().layers.flatMap((l) => [l.className, ...nested(l.getConfig())])));
    expect([...layers.registeredLayerClasses()].filter((c) => !used.has(c))).toEqual([]);
  });

  for (const c of cases) {
    it(`${c.name}: same configs, same weights and bit-identical predictions`, async () => {
      setRandomSeed(11);
      const model = c.make();
      const x = c.x();
      // One training step moves batch norm's moving statistics away from their initial values.
      model.compile({ optimizer: 'sgd', loss: 'mse' });
      const out = await model.predict(x) as Tensor;
      const target = Array.from({ length: out.shape[0] }, () => new Array<number>(out.shape[1]).fill(0.5));
      await model.fit(x, target, { epochs: 1, verbose: 0, shuffle: false });
      out.dispose();

      const handler = saving.memoryHandler();
      await model.save(handler);
      const loaded = await loadModel(handler);
      expect(loaded.name).toBe(model.name);
      expect(loaded.layers.map((l) => l.className)).toEqual(model.layers.map((l) => l.className));
      expect(loaded.layers.map((l) => l.getConfig())).toEqual(model.layers.map((l) => l.getConfig()));
      expect(await weightBits(loaded)).toEqual(await weightBits(model));
      const a = await model.predict(x) as Tensor;
      const b = await loaded.predict(x) as Tensor;
      expect(b.shape).toEqual(a.shape);
      expect(await bits(b)).toEqual(await bits(a));
      a.dispose();
      b.dispose();
      if (!Array.isArray(x)) x.dispose();
      model.dispose();
      loaded.dispose();
    });
  }

  it('keeps trainable: false and frees everything it made', async () => {
    const model = new Sequential({ layers: [layers.dense({ units: 3, inputShape: [2], trainable: false }), layers.dense({ units: 1 })] });
    const before = memory().buffers;
    const handler = saving.memoryHandler();
    await model.save(handler);
    expect(memory().buffers).toBe(before);
    const loaded = await loadModel(handler);
    expect(loaded.layers[0].trainable).toBe(false);
    expect(loaded.trainableWeights.map((w) => w.name)).toEqual(['dense_1/kernel', 'dense_1/bias'].map((n) => n.replace('dense_1', model.layers[1].name)));
    loaded.dispose();
    expect(memory().buffers).toBe(before);
    model.dispose();
  });

  it('a model built by fit (no inputShape on its first layer) records its input shape and loads built', async () => {
    const model = new Sequential({ layers: [layers.dense({ units: 2 }), layers.dense({ units: 1 })] });
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    await model.fit([[1, 2, 3]], [[1]], { verbose: 0 });
    const handler = saving.memoryHandler();
    await model.save(handler);
    const topology = handler.artifacts!.modelTopology as { config: { layers: { config: Record<string, unknown> }[] } };
    expect(topology.config.layers[0].config.batch_input_shape).toEqual([null, 3]);
    const loaded = await loadModel(handler);
    expect(loaded.built).toBe(true);
    expect(await weightBits(loaded)).toEqual(await weightBits(model));
  });
});

type Optimizer = optimizers.Optimizer;

interface OptimizerCase {
  name: string;
  make: () => Optimizer;
}

const optimizerCases: OptimizerCase[] = [
  { name: 'Adam', make: () => optimizers.adam({ learningRate: 0.01 }) },
  { name: 'Adam (amsgrad)', make: () => optimizers.adam({ learningRate: 0.01, amsgrad: true }) },
  { name: 'Nadam', make: () => optimizers.nadam({ learningRate: 0.01 }) },
  { name: 'SGD (Nesterov momentum, decay)', make: () => optimizers.sgd({ learningRate: 0.05, momentum: 0.9, nesterov: true, decay: 0.01 }) },
  { name: 'SGD (no momentum)', make: () => optimizers.sgd({ learningRate: 0.05 }) },
  { name: 'SGD (exponential decay schedule)', make: () => optimizers.sgd({ learningRate: new optimizers.ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 2, decayRate: 0.5 }), momentum: 0.5 }) },
  { name: 'RMSprop (clipnorm)', make: () => optimizers.rmsprop({ learningRate: 0.01, clipnorm: 0.5 }) },
  { name: 'Adagrad', make: () => optimizers.adagrad({ learningRate: 0.05 }) },
  { name: 'Adadelta', make: () => optimizers.adadelta({ learningRate: 1 }) },
  { name: 'Adamax (clipvalue)', make: () => optimizers.adamax({ learningRate: 0.01, clipvalue: 0.1 }) },
];

const xs = Array.from({ length: 8 }, (_, i) => [Math.sin(i), Math.cos(2 * i), (i % 3) / 3]);
const ys = xs.map(([a, b, c]) => [a - b, b * c + 0.5]);

function trainingModel(): Sequential {
  return new Sequential({ layers: [
    layers.dense({ units: 5, activation: 'relu', inputShape: [3] }),
    layers.batchNormalization(),
    layers.dense({ units: 2 }),
  ] });
}

async function stateBits(o: Optimizer): Promise<number[][]> {
  const ws = o.getWeights();
  const out = await Promise.all(ws.map(bits));
  for (const w of ws) w.dispose();
  return out;
}

describe('saving: compiled training config and optimizer state', () => {
  for (const c of optimizerCases) {
    it(`${c.name}: the loaded model resumes training exactly where the original stopped`, async () => {
      setRandomSeed(5);
      const model = trainingModel();
      model.compile({ optimizer: c.make(), loss: 'mse', metrics: ['mae'] });
      await model.fit(xs, ys, { epochs: 3, batchSize: 4, shuffle: false, verbose: 0 });
      const handler = saving.memoryHandler();
      await model.save(handler);
      const loaded = await loadModel(handler);

      expect(loaded.metricsNames).toEqual(model.metricsNames);
      const o = model.optimizer!;
      const l = loaded.optimizer!;
      expect(l.className).toBe(o.className);
      expect(l.getConfig()).toEqual(o.getConfig());
      expect(l.iterations).toBe(o.iterations);

      const h1 = await model.fit(xs, ys, { epochs: 2, batchSize: 4, shuffle: false, verbose: 0 });
      const h2 = await loaded.fit(xs, ys, { epochs: 2, batchSize: 4, shuffle: false, verbose: 0 });
      expect(h2.history).toEqual(h1.history);
      expect(await weightBits(loaded)).toEqual(await weightBits(model));
      expect(await stateBits(l)).toEqual(await stateBits(o));
      model.dispose();
      loaded.dispose();
    });
  }

  it('SGD momentum: the restored velocity gives the hand-computed second step', async () => {
    const model = new Sequential({ layers: [layers.dense({ units: 1, inputShape: [1], useBias: false, kernelInitializer: 'zeros' })] });
    model.compile({ optimizer: optimizers.sgd({ learningRate: 0.1, momentum: 0.5 }), loss: 'mse' });
    // Step 1: g = 2 (0 - 1) = -2; v = -0.1 * -2 = 0.2; w = 0.2.
    await model.trainOnBatch([[1]], [[1]]);
    const handler = saving.memoryHandler();
    await model.save(handler);
    const loaded = await loadModel(handler);
    // Step 2: g = 2 (0.2 - 1) = -1.6; v = 0.5 * 0.2 + 0.16 = 0.26; w = 0.46 (0.36 had the velocity been lost).
    await loaded.trainOnBatch([[1]], [[1]]);
    const [w] = loaded.getWeights();
    expect((await w.data())[0]).toBeCloseTo(0.46, 6);
  });

  it('a compiled but untrained model loads compiled, with a fresh optimizer', async () => {
    const model = trainingModel();
    model.compile({ optimizer: 'adam', loss: 'categorical_crossentropy', metrics: ['acc'] });
    const handler = saving.memoryHandler();
    await model.save(handler);
    const loaded = await loadModel(handler);
    expect(loaded.metricsNames).toEqual(['loss', 'acc']);
    expect(loaded.optimizer!.iterations).toBe(0);
  });

  it('includeOptimizer: false saves architecture and weights only; compile: false ignores a training config', async () => {
    const model = trainingModel();
    model.compile({ optimizer: 'adam', loss: 'mse' });
    await model.fit(xs, ys, { epochs: 1, verbose: 0 });
    const bare = saving.memoryHandler();
    await model.save(bare, { includeOptimizer: false });
    expect(bare.artifacts!.trainingConfig).toBeUndefined();
    expect(bare.artifacts!.weightSpecs!.every((s) => s.group === undefined)).toBe(true);
    expect((await loadModel(bare)).optimizer).toBeNull();
    const full = saving.memoryHandler();
    await model.save(full);
    const uncompiled = await loadModel(full, { compile: false });
    expect(uncompiled.optimizer).toBeNull();
    expect(await weightBits(uncompiled)).toEqual(await weightBits(model));
  });
});

describe('saving: handlers', () => {
  it('withSaveHandler hands over the artifacts; fromArtifacts loads them back', async () => {
    const model = new Sequential({ layers: [layers.dense({ units: 2, inputShape: [3] })] });
    let sent: saving.ModelArtifacts | null = null;
    const result = await model.save(saving.withSaveHandler((a) => {
      sent = a;
      return 'stored';
    }));
    expect(result.responses).toEqual(['stored']);
    expect(result.modelArtifactsInfo.weightDataBytes).toBe(4 * (3 * 2 + 2));
    expect(sent!.format).toBe('layers-model');
    const loaded = await loadModel(saving.fromArtifacts(sent!));
    expect(await weightBits(loaded)).toEqual(await weightBits(model));
  });

  it('a memory handler keeps its own copy, and hands out copies', async () => {
    const model = new Sequential({ layers: [layers.dense({ units: 1, inputShape: [1], kernelInitializer: 'ones' })] });
    const handler = saving.memoryHandler();
    await model.save(handler);
    model.setWeights([tensor([[5]]), tensor([0])]);
    const first = await handler.load();
    new Float32Array(first.weightData as ArrayBuffer).fill(9);
    const loaded = await loadModel(handler);
    const [k] = loaded.getWeights();
    expect(Array.from(await k.data())).toEqual([1]);
  });

  it('writes model.json + weights.bin to a directory and reads it back by every path form', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lw-save-'));
    setRandomSeed(2);
    const model = new Sequential({ layers: [layers.dense({ units: 3, inputShape: [2], activation: 'tanh' }), layers.dense({ units: 1 })] });
    model.compile({ optimizer: 'adam', loss: 'mse' });
    await model.fit([[1, 2], [3, 4]], [[1], [0]], { verbose: 0 });
    const result = await model.save(`file://${dir}/m`);
    expect(result.modelArtifactsInfo.modelTopologyType).toBe('JSON');
    await model.save(join(dir, 'plain'));
    const x = [[0.5, -1], [2, 0.25]];
    const expected = await bits(await model.predict(x));
    for (const path of [`file://${dir}/m`, `${dir}/m`, `${dir}/m/model.json`, `file://${dir}/plain/model.json`]) {
      const loaded = await loadModel(path);
      expect(await bits(await loaded.predict(x) as Tensor)).toEqual(expected);
      loaded.dispose();
    }
    const bin = await readFile(join(dir, 'm', 'weights.bin'));
    expect(bin.length).toBe(result.modelArtifactsInfo.weightDataBytes);
  });
});
