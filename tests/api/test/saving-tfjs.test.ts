import { describe, expect, it } from 'vitest';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Sequential, layers, loadModel, optimizers, saving, setRandomSeed, type Tensor } from '@layerwise/api';
import { tfjsCamel } from './saving-helpers.js';

const fixture = fileURLToPath(new URL('./fixtures/tfjs-dense', import.meta.url));

// The fixture's values (written by hand in tfjs 4.22's layout: see fixtures/tfjs-dense/model.json).
const K1 = [[0.5, -1], [0.25, 2], [-0.75, 0.125]];
const B1 = [0.5, -0.25];
const K2 = [[1.5], [-0.5]];
const B2 = [0.25];
const M = [0.01, -0.02, 0.03, -0.04, 0.05, -0.06, 0.07, -0.08, 0.09, -0.1, 0.11];
const V = [0.001, 0.002, 0.003, 0.004, 0.005, 0.006, 0.007, 0.008, 0.009, 0.01, 0.011];

/** relu(x K1 + b1) K2 + b2 in float64. */
function reference(x: number[]): number {
  const h = [0, 1].map((j) => Math.max(0, x.reduce((s, xi, i) => s + xi * K1[i][j], B1[j])));
  return h.reduce((s, hj, j) => s + hj * K2[j][0], B2[0]);
}

async function values(t: Tensor): Promise<number[]> {
  return Array.from(await t.data());
}

describe('saving: reading TensorFlow.js files', () => {
  it('loads a tfjs-layers 4.x model.json + weights.bin (Dense + Dense) and predicts with its weights', async () => {
    const model = await loadModel(fixture);
    expect(model.name).toBe('sequential_1');
    expect(model.layers.map((l) => l.name)).toEqual(['dense_Dense1', 'dense_Dense2']);
    expect(model.inputShape).toEqual([null, 3]);
    const x = [[1, 2, 3], [-1, 0.5, 2], [0.25, -2, 1]];
    const y = await values(await model.predict(x) as Tensor);
    x.forEach((row, i) => expect(y[i]).toBeCloseTo(reference(row), 6));
  });

  it('recompiles from the tfjs trainingConfig and restores Adam state (iter, m, v)', async () => {
    const model = await loadModel(`file://${fixture}/model.json`);
    const opt = model.optimizer!;
    expect(opt).toBeInstanceOf(optimizers.Adam);
    expect(opt.getConfig()).toMatchObject({ learningRate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 });
    expect(opt.iterations).toBe(3);
    expect(model.metricsNames.length).toBe(2);
    const [iter, ...slots] = opt.getWeights();
    expect(await values(iter)).toEqual([3]);
    // Keras 2's order: every m, then every v, then the shape-[1] vhat placeholders (zeros).
    const flat = (await Promise.all(slots.map(values))).flat();
    expect(flat.slice(0, 11)).toEqual(M.map(Math.fround));
    expect(flat.slice(11, 22)).toEqual(V.map(Math.fround));
    expect(flat.slice(22)).toEqual([0, 0, 0, 0]);
  });

  it('accepts the older topology forms: a bare list of layers, and a converted Keras file with an InputLayer', async () => {
    const artifacts = await saving.fileSystem(fixture).load();
    const topology = artifacts.modelTopology as { config: { layers: { class_name: string; config: Record<string, unknown> }[] } };
    const [first, second] = topology.config.layers;
    const list = { ...artifacts, modelTopology: { class_name: 'Sequential', config: [first, second] } };
    const { batch_input_shape: shape, ...firstWithout } = first.config;
    const keras = {
      ...artifacts,
      modelTopology: {
        keras_version: '2.13.1', backend: 'tensorflow',
        model_config: { class_name: 'Sequential', config: { name: 'converted', layers: [
          { class_name: 'InputLayer', config: { batch_input_shape: shape, dtype: 'float32', sparse: false, ragged: false, name: 'dense_input' } },
          { class_name: 'Dense', config: firstWithout },
          second,
        ] } },
      },
    };
    const x = [[1, 2, 3]];
    for (const a of [list, keras]) {
      const model = await loadModel(saving.fromArtifacts(a as saving.ModelArtifacts));
      expect((await values(await model.predict(x) as Tensor))[0]).toBeCloseTo(reference(x[0]), 6);
    }
  });

  it('matches Keras weight names with a nested cell scope (lstm/lstm_cell/kernel)', async () => {
    const model = new Sequential({ layers: [layers.lstm({ units: 2, inputShape: [3, 2], name: 'lstm' })] });
    const handler = saving.memoryHandler();
    await model.save(handler, { includeOptimizer: false });
    const a = (await handler.load());
    a.weightSpecs = a.weightSpecs!.map((s) => ({ ...s, name: s.name.replace('lstm/', 'lstm/lstm_cell/') }));
    const loaded = await loadModel(saving.fromArtifacts(a));
    const x = [[[1, 0], [0.5, -1], [2, 0.25]]];
    expect(await values(await loaded.predict(x) as Tensor)).toEqual(await values(await model.predict(x) as Tensor));
  });
});

describe('saving: what TensorFlow.js reads from our files', () => {
  it('writes the tfjs layers-model structure field by field', async () => {
    setRandomSeed(4);
    const dir = await mkdtemp(join(tmpdir(), 'lw-tfjs-'));
    const model = new Sequential({ name: 'net', layers: [
      layers.dense({ units: 3, inputShape: [4], activation: 'relu', name: 'hidden' }),
      layers.dropout({ rate: 0.5, name: 'drop' }),
      layers.dense({ units: 2, activation: 'softmax', name: 'out' }),
    ] });
    model.compile({ optimizer: optimizers.adam({ learningRate: 0.01 }), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
    await model.fit([[1, 2, 3, 4], [0, 1, 0, 1]], [[1, 0], [0, 1]], { verbose: 0 });
    await model.save(dir);
    const json = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'));

    expect(Object.keys(json).sort()).toEqual(['convertedBy', 'format', 'generatedBy', 'modelTopology', 'trainingConfig', 'weightsManifest']);
    expect(json.format).toBe('layers-model');
    expect(json.convertedBy).toBeNull();
    expect(typeof json.generatedBy).toBe('string');

    const top = json.modelTopology;
    expect(top.class_name).toBe('Sequential');
    expect(typeof top.keras_version).toBe('string');
    expect(typeof top.backend).toBe('string');
    expect(top.config.name).toBe('net');
    expect(top.config.layers.map((l: { class_name: string }) => l.class_name)).toEqual(['Dense', 'Dropout', 'Dense']);
    expect(top.config.layers[0].config).toEqual({
      name: 'hidden', trainable: true, dtype: 'float32', batch_input_shape: [null, 4], units: 3, activation: 'relu', use_bias: true,
      kernel_initializer: { class_name: 'GlorotUniform', config: { seed: null } },
      bias_initializer: { class_name: 'Zeros', config: {} },
      kernel_regularizer: null, bias_regularizer: null, activity_regularizer: null, kernel_constraint: null, bias_constraint: null,
    });
    expect(top.config.layers[1].config).toEqual({ name: 'drop', trainable: true, dtype: 'float32', rate: 0.5, noise_shape: null, seed: null });
    expect(top.config.layers[2].config.activation).toBe('softmax');
    expect(top.config.layers[2].config.batch_input_shape).toBeUndefined();
    // tfjs converts every key with toCamelCase: Keras snake_case keys only, no camelCase left anywhere.
    const keys: string[] = [];
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) { keys.push(k); walk(x); }
    };
    walk(top);
    expect(keys.filter((k) => /[A-Z]/.test(k))).toEqual([]);

    expect(json.weightsManifest).toHaveLength(1);
    expect(json.weightsManifest[0].paths).toEqual(['weights.bin']);
    const specs = json.weightsManifest[0].weights as { name: string; shape: number[]; dtype: string; group?: string }[];
    const modelSpecs = specs.filter((s) => s.group === undefined);
    expect(modelSpecs).toEqual([
      { name: 'hidden/kernel', shape: [4, 3], dtype: 'float32' },
      { name: 'hidden/bias', shape: [3], dtype: 'float32' },
      { name: 'out/kernel', shape: [3, 2], dtype: 'float32' },
      { name: 'out/bias', shape: [2], dtype: 'float32' },
    ]);
    // tfjs's Adam state: 'iter' (int32), then every '<weight>/m', then every '<weight>/v'.
    expect(specs.filter((s) => s.group === 'optimizer').map((s) => `${s.name}:${s.dtype}:${s.shape.join('x')}`)).toEqual([
      'iter:int32:', 'hidden/kernel/m:float32:4x3', 'hidden/bias/m:float32:3', 'out/kernel/m:float32:3x2', 'out/bias/m:float32:2',
      'hidden/kernel/v:float32:4x3', 'hidden/bias/v:float32:3', 'out/kernel/v:float32:3x2', 'out/bias/v:float32:2',
    ]);
    expect(specs.slice(0, 4).every((s) => s.group === undefined)).toBe(true);

    // The bytes: little-endian float32 tensors back to back in manifest order, then the int32 counter.
    const bin = await readFile(join(dir, 'weights.bin'));
    const sizes = specs.map((s) => s.shape.reduce((a, b) => a * b, 1) * 4);
    expect(bin.length).toBe(sizes.reduce((a, b) => a + b, 0));
    const view = new DataView(bin.buffer, bin.byteOffset, bin.length);
    const weights = model.getWeights();
    let at = 0;
    for (const w of weights) {
      const expected = Array.from(await w.data());
      expect(Array.from({ length: expected.length }, (_, i) => view.getFloat32(at + 4 * i, true))).toEqual(expected);
      at += 4 * expected.length;
    }
    expect(view.getInt32(at, true)).toBe(model.optimizer!.iterations);

    // trainingConfig as tfjs's loadTrainingConfig reads it: names through toCamelCase, the rest null.
    const tc = json.trainingConfig;
    expect(tc).toEqual({
      loss: 'categorical_crossentropy', metrics: ['accuracy'],
      optimizer_config: { class_name: 'Adam', config: { learning_rate: 0.01, decay: 0, beta_1: 0.9, beta_2: 0.999, epsilon: 1e-7, amsgrad: false } },
      loss_weights: null, sample_weight_mode: null, weighted_metrics: null,
    });
    expect(tfjsCamel(tc.loss)).toBe('categoricalCrossentropy');
    expect(Object.keys(tc.optimizer_config.config).map(tfjsCamel)).toEqual(['learningRate', 'decay', 'beta1', 'beta2', 'epsilon', 'amsgrad']);
  });

  it('SGD without momentum saves only the iteration count, as tfjs SGD does', async () => {
    const model = new Sequential({ layers: [layers.dense({ units: 1, inputShape: [2] })] });
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    await model.fit([[1, 2]], [[3]], { verbose: 0 });
    const handler = saving.memoryHandler();
    await model.save(handler);
    expect(handler.artifacts!.weightSpecs!.filter((s) => s.group === 'optimizer')).toEqual([{ name: 'iter', shape: [], dtype: 'int32', group: 'optimizer' }]);
  });
});
