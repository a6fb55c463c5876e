import { describe, expect, it } from 'vitest';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadModel, optimizers, tensor, type Tensor } from '@layerwise/api';
import { kerasFile, loadKerasWeights, saveKerasWeights } from '../src/index.js';
import { toApiOptimizerState } from '../src/formats/optimizer-state.js';
import { withH5 } from '../src/hdf5/h5-reader.js';
import { readNameList } from '../src/formats/h5-layers.js';
import { DEFAULT_LIMITS } from '../src/limits.js';
import { EXPECTED, fixture, fixtureBytes, maxAbsDiff, useBackend, inputTensors } from './helpers.js';
import { checkLayout, h5pySkip } from './python.js';

interface Dataset { name: string; dtype: string; shape: number[]; values: number[] }
interface Layout { training_config: { optimizer_config: { class_name: string; config: Record<string, number> }; loss: string }; optimizer_weights?: Dataset[] }

async function values(ts: Tensor[]): Promise<number[][]> {
  const out = await Promise.all(ts.map(async (t) => Array.from(await t.data())));
  for (const t of ts) t.dispose();
  return out;
}

const f32 = (xs: number[]): number[] => Array.from(Float32Array.from(xs));

describe('compiled from training_config', () => {
  it.skipIf(h5pySkip).each(['dense_adam_2.0.9.h5', 'dense_nadam_2.0.9.h5', 'tfkeras_dense_dropout_2.2.4-tf.h5', 'embedding_custom_loss_2.3.1.h5', 'dense_softmax_2.3.1.h5'])('%s: the optimizer and its settings are the file\'s', async (name) => {
    await useBackend('cpu');
    const file = checkLayout(fixture(name), 'h5') as unknown as Layout;
    const model = await loadModel(kerasFile(fixture(name)));
    const opt = model.optimizer!;
    const tc = file.training_config.optimizer_config;
    expect(opt.className).toBe(tc.class_name.replace(/^Custom>/, ''));
    const config = opt.getConfig() as Record<string, number>;
    expect(config.learningRate).toBeCloseTo(tc.config.lr ?? tc.config.learning_rate, 7);
    for (const key of ['beta_1', 'beta_2', 'rho', 'momentum', 'epsilon'] as const) {
      const camel = key.replace(/_(\d)/, '$1');
      if (typeof tc.config[key] === 'number' && key in tc.config && camel in config) expect(config[camel]).toBeCloseTo(tc.config[key], 7);
    }
    model.dispose();
  });

  it('a loss with settings layerwise does not read (tf.keras from_logits: true) is refused, not dropped; { compile: false } loads the model', async () => {
    await useBackend('cpu');
    const name = 'tfkeras_flatten_dense_2.4.0.h5';
    await expect(loadModel(kerasFile(fixture(name)))).rejects.toThrow(/SparseCategoricalCrossentropy.*from_logits.*compile: false/);
    const model = await loadModel(kerasFile(fixture(name)), { compile: false });
    expect(model.optimizer).toBeNull();
    model.dispose();
  });
});

describe('optimizer state restored from optimizer_weights', () => {
  it.each([
    ['tfkeras_resnet8_2.4.0.h5', (w: string, slot: 'm' | 'v') => `Adam/${w}/${slot}:0`, 'Adam/iter:0'],
    ['keras3_resnet8_3.7.0.h5', (w: string, slot: 'm' | 'v') => `adam/${w.replace('/', '_')}_${slot === 'm' ? 'momentum' : 'velocity'}`, 'adam/iteration'],
  ] as const)('%s (a functional ResNet): every Adam slot lands on its weight by name, and training continues', async (name, slotName, iterName) => {
    await useBackend('cpu');
    // Read as stored (Keras 3 writes names as variable-length strings, which check_layout refuses in files layerwise writes).
    const byName = await withH5(fixtureBytes(name), DEFAULT_LIMITS, name, (h5) => new Map(readNameList(h5, 'optimizer_weights', 'weight_names')!.map((w) => [w, { values: Array.from(h5.read(`optimizer_weights/${w}`).data) }])));
    const model = await loadModel(kerasFile(fixture(name)));
    const trainable = model.trainableWeights;
    const n = trainable.length;
    expect(n).toBe(4 * 7 + 2 * 2 + 2); // 7 conv + BN pairs, 2 shortcut convs, the classifier
    const state = await values(model.optimizer!.getWeights());
    expect(state[0]).toEqual(byName.get(iterName)!.values);
    trainable.forEach((w, i) => {
      expect(state[1 + i]).toEqual(f32(byName.get(slotName(w.name, 'm'))!.values));
      expect(state[1 + n + i]).toEqual(f32(byName.get(slotName(w.name, 'v'))!.values));
    });
    const [x] = inputTensors(EXPECTED[name]);
    const y = tensor(Array.from({ length: 20 }, (_, i) => (i % 10 === 3 ? 1 : 0)), [2, 10]);
    await model.fit(x, y, { epochs: 1, batchSize: 2, verbose: 0 });
    expect((await values(model.optimizer!.getWeights()))[0]).toEqual([byName.get(iterName)!.values[0] + 1]);
    for (const t of [x, y]) t.dispose();
    model.dispose();
  });

  it.skipIf(h5pySkip)('Keras 2.1 Adam ([iterations] + ms + vs): iteration count and every slot, then training continues from them', async () => {
    await useBackend('cpu');
    const name = 'reshape_lstm_functional_2.1.1.h5';
    const file = checkLayout(fixture(name), 'h5') as unknown as Layout;
    const saved = file.optimizer_weights!;
    const model = await loadModel(kerasFile(fixture(name)));
    const n = model.trainableWeights.length;
    expect(saved.length).toBe(1 + 2 * n);
    const state = await values(model.optimizer!.getWeights());
    expect(state[0]).toEqual(saved[0].values);
    expect(state.slice(1, 1 + 2 * n)).toEqual(saved.slice(1).map((d) => f32(d.values)));
    // Keras 2.2's vhat placeholders (shape [1]) without amsgrad.
    expect(state.slice(1 + 2 * n).every((v) => v.length === 1 && v[0] === 0)).toBe(true);
    const e = EXPECTED[name];
    const [x] = inputTensors(e);
    const y = tensor([0.5, -0.5], [2, 1]);
    await model.fit(x, y, { epochs: 1, batchSize: 2, verbose: 0 });
    const after = await values(model.optimizer!.getWeights());
    expect(after[0]).toEqual([saved[0].values[0] + 1]);
    for (const t of [x, y]) t.dispose();
    model.dispose();
  });

  it.skipIf(h5pySkip)('Keras 2.0 RMSprop (accumulators only): the iteration count starts at 0 as in Keras, the accumulators are the file\'s', async () => {
    await useBackend('cpu');
    const name = 'lstm_dense_2.0.6.h5';
    const saved = (checkLayout(fixture(name), 'h5') as unknown as Layout).optimizer_weights!;
    const model = await loadModel(kerasFile(fixture(name)));
    const state = await values(model.optimizer!.getWeights());
    expect(state[0]).toEqual([0]);
    expect(state.slice(1)).toEqual(saved.map((d) => f32(d.values)));
    model.dispose();
  });

  it('tf.keras names (Adam/iter, Adam/<variable>/m, hyperparameter scalars) and Keras 3 order (iteration, learning_rate, m0, v0, m1, v1) map to the same state', () => {
    const opt = new optimizers.Adam({});
    const t = (name: string, shape: number[], v: number) => ({ name, shape, data: shape.length === 0 ? new Int32Array([v]) : new Float32Array(shape.reduce((a, b) => a * b, 1)).fill(v) });
    const tfKeras = [t('Adam/iter:0', [], 9), t('Adam/beta_1:0', [1], 0), t('Adam/learning_rate:0', [1], 0),
      t('Adam/dense/kernel/m:0', [2, 3], 1), t('Adam/dense/bias/m:0', [3], 2), t('Adam/dense/kernel/v:0', [2, 3], 3), t('Adam/dense/bias/v:0', [3], 4)];
    const keras3 = [t('0', [], 9), { name: '1', shape: [], data: new Float32Array([0.001]) },
      t('2', [2, 3], 1), t('3', [2, 3], 3), t('4', [3], 2), t('5', [3], 4)];
    const a = toApiOptimizerState(opt, tfKeras, 'tf.keras', false, 'test');
    const b = toApiOptimizerState(opt, keras3, 'keras3', true, 'test');
    const summary = (s: typeof a) => s.map((x) => [x.shape, Array.from(x.data)[0]]);
    expect(summary(a)).toEqual([[[], 9], [[2, 3], 1], [[3], 2], [[2, 3], 3], [[3], 4]]);
    expect(summary(b)).toEqual(summary(a));
  });
});

describe('weights-only files (save_weights)', () => {
  it.skipIf(h5pySkip)('a Keras 2.0 save_weights file loads into a built model by layer name', async () => {
    await useBackend('cpu');
    const name = 'lstm_dense_2.0.6.h5';
    const model = await loadModel(kerasFile(fixture(name)), { compile: false });
    const zeros = model.getWeights().map((w) => { const z = tensor(new Float32Array(w.size), w.shape); w.dispose(); return z; });
    model.setWeights(zeros);
    for (const z of zeros) z.dispose();
    await loadKerasWeights(model, fixture('lstm_dense_2.0.6.weights.h5'));
    const e = EXPECTED[name];
    const [x] = inputTensors(e);
    const y = await model.predict(x);
    expect(maxAbsDiff(await y.data(), e.outputs[0].values)).toBeLessThan(1e-5);
    for (const t of [x, y]) t.dispose();

    const path = join(await mkdtemp(join(tmpdir(), 'lw-w-')), 'w.h5');
    await saveKerasWeights(model, path);
    const layout = checkLayout(path, 'weights') as { layer_names: string[]; keras_version: string; layers: Record<string, Dataset[]> };
    expect(layout.layer_names).toEqual(model.layers.map((l) => l.name));
    expect(layout.layers[model.layers[0].name].map((d) => d.name)).toEqual(model.layers[0].weights.map((w) => `${w.name}:0`));
    const file = checkLayout(fixture('lstm_dense_2.0.6.weights.h5'), 'weights') as typeof layout;
    expect(Object.values(layout.layers).flat().map((d) => f32(d.values))).toEqual(Object.values(file.layers).flat().map((d) => f32(d.values)));
    model.dispose();
  });

  it('a weights file that does not fit the model changes nothing and says why', async () => {
    await useBackend('cpu');
    const model = await loadModel(kerasFile(fixture('dense_2.1.3.h5')), { compile: false });
    const before = await values(model.getWeights());
    await expect(loadKerasWeights(model, fixture('lstm_dense_2.0.6.weights.h5'))).rejects.toThrow(/layer 'dense_1' weight 0 \('dense_1\/kernel'\) has shape \[4, 6\], the file's 'dense_1\/kernel:0' \[50, 1\]/);
    expect(await values(model.getWeights())).toEqual(before);
    await expect(loadModel(kerasFile(fixture('lstm_dense_2.0.6.weights.h5')))).rejects.toThrow(/holds only weights \(Keras's save_weights\).*loadKerasWeights/);
    model.dispose();
  });
});
