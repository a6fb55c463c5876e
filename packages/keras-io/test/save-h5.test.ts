import { describe, expect, it } from 'vitest';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Sequential, layers, loadModel, setRandomSeed, tensor, type Tensor } from '@layerwise/api';
import { kerasFile } from '../src/index.js';
import { BACKENDS, EXPECTED, fixture, useBackend, inputTensors } from './helpers.js';
import { checkLayout, h5pySkip } from './python.js';

interface Dataset { name: string; dtype: string; shape: number[]; values: number[] }
interface H5Layout {
  superblock: number;
  keras_version: string;
  backend: string;
  model_config: { class_name: string; config: { name: string; layers: { class_name: string; config: Record<string, unknown> }[]; input_layers?: unknown; output_layers?: unknown } };
  model_weights: { layer_names: string[]; keras_version: string; layers: Record<string, Dataset[]> };
  training_config?: { optimizer_config: { class_name: string; config: Record<string, unknown> }; loss: unknown; metrics: unknown };
  optimizer_weights?: Dataset[];
}

const tmp = (): Promise<string> => mkdtemp(join(tmpdir(), 'lw-keras-io-'));

async function values(ts: Tensor[]): Promise<number[][]> {
  const out = await Promise.all(ts.map(async (t) => Array.from(await t.data())));
  for (const t of ts) t.dispose();
  return out;
}

describe.each(BACKENDS)('model.save(kerasFile(path.h5)) on %s', (backend) => {
  it.skipIf(h5pySkip)('a loaded Keras 2.1 model with Adam state saves with Keras 2.2.4\'s layout and loads back identically', async () => {
    await useBackend(backend);
    const name = 'reshape_lstm_functional_2.1.1.h5';
    const model = await loadModel(kerasFile(fixture(name)));
    const path = join(await tmp(), 'model.h5');
    await model.save(kerasFile(path));
    const layout = checkLayout(path, 'h5') as unknown as H5Layout;

    expect(layout.superblock).toBe(0);
    expect(layout.keras_version).toBe('2.2.4');
    expect(layout.backend).toBe('tensorflow');
    // A functional model (Input, then layers) stays one: Keras 2's graph config.
    expect(layout.model_config.class_name).toBe('Model');
    const layerNames = model.layers.map((l) => l.name);
    expect(layerNames[0]).toBe(model.inputNames[0]);
    expect(layout.model_config.config.input_layers).toEqual([[layerNames[0], 0, 0]]);
    expect(layout.model_config.config.output_layers).toEqual([[layerNames[layerNames.length - 1], 0, 0]]);
    expect(layout.model_weights.layer_names).toEqual(layerNames);
    expect(layout.model_config.config.layers.map((l) => l.config.name)).toEqual(layerNames);
    // Keras's names and order: '<layer>/<weight>:0', float32, the model's own values.
    const modelValues = await values(model.getWeights());
    const saved = layerNames.flatMap((l) => layout.model_weights.layers[l]);
    expect(saved.map((d) => d.name)).toEqual(model.layers.flatMap((l) => l.weights.map((w) => `${w.name}:0`)));
    expect(saved.every((d) => d.dtype === 'float32')).toBe(true);
    saved.forEach((d, i) => expect(Float32Array.from(d.values)).toEqual(Float32Array.from(modelValues[i])));
    // Keras 2.2.4's Adam: lr (not learning_rate), and [iterations] + ms + vs + vhats.
    expect(layout.training_config!.optimizer_config.class_name).toBe('Adam');
    expect(Object.keys(layout.training_config!.optimizer_config.config).sort()).toEqual(['amsgrad', 'beta_1', 'beta_2', 'decay', 'epsilon', 'lr']);
    const n = model.trainableWeights.length;
    const ow = layout.optimizer_weights!;
    expect(ow.length).toBe(1 + 3 * n);
    expect(ow[0]).toMatchObject({ name: 'Adam/iterations:0', dtype: 'int64', shape: [] });
    expect(ow.slice(1 + 2 * n).every((d) => d.shape.length === 1 && d.shape[0] === 1)).toBe(true);
    const state = await values(model.optimizer!.getWeights());
    expect(ow[0].values).toEqual(state[0]);
    ow.slice(1, 1 + 2 * n).forEach((d, i) => expect(Float32Array.from(d.values)).toEqual(Float32Array.from(state[1 + i])));

    const again = await loadModel(kerasFile(path));
    expect(await values(again.getWeights())).toEqual(modelValues);
    expect(await values(again.optimizer!.getWeights())).toEqual(state);
    const e = EXPECTED[name];
    const [x] = inputTensors(e);
    const [a, b] = [await model.predict(x), await again.predict(x)];
    expect(Array.from(await b.data())).toEqual(Array.from(await a.data()));
    for (const t of [x, a, b]) t.dispose();
    model.dispose();
    again.dispose();
  });

  it.skipIf(h5pySkip)('a model built and trained in layerwise saves as Keras writes it, compiled and with optimizer state', async () => {
    await useBackend(backend);
    const model = new Sequential({
      name: 'made_here',
      layers: [
        layers.conv2d({ filters: 3, kernelSize: 3, inputShape: [6, 6, 2], activation: 'relu', name: 'conv' }),
        layers.maxPooling2d({ poolSize: 2, name: 'pool' }),
        layers.batchNormalization({ name: 'bn' }),
        layers.flatten({ name: 'flat' }),
        layers.dropout({ rate: 0.2, name: 'drop' }),
        layers.dense({ units: 2, activation: 'softmax', name: 'out' }),
      ],
    });
    model.compile({ optimizer: 'rmsprop', loss: 'categorical_crossentropy', metrics: ['accuracy'] });
    const x = tensor(Float32Array.from({ length: 4 * 72 }, (_, i) => Math.sin(i)), [4, 6, 6, 2]);
    const y = tensor([1, 0, 0, 1, 1, 0, 0, 1], [4, 2]);
    await model.fit(x, y, { epochs: 2, batchSize: 2, verbose: 0 });
    const path = join(await tmp(), 'made.h5');
    await model.save(kerasFile(path));
    const layout = checkLayout(path, 'h5') as unknown as H5Layout;
    expect(layout.model_weights.layer_names).toEqual(['conv', 'pool', 'bn', 'flat', 'drop', 'out']);
    expect(layout.model_weights.layers.pool).toEqual([]);
    expect(layout.model_weights.layers.bn.map((d) => d.name)).toEqual(['bn/gamma:0', 'bn/beta:0', 'bn/moving_mean:0', 'bn/moving_variance:0']);
    expect(layout.model_config.config.layers[0].config.batch_input_shape).toEqual([null, 6, 6, 2]);
    expect(layout.training_config!.loss).toBe('categorical_crossentropy');
    expect(layout.training_config!.metrics).toEqual(['accuracy']);
    // Keras 2.2.4's RMSprop keeps accumulators only (no iteration count).
    const ow = layout.optimizer_weights!;
    expect(ow.length).toBe(model.trainableWeights.length);
    expect(ow.map((d) => d.shape)).toEqual(model.trainableWeights.map((w) => w.shape));

    const again = await loadModel(kerasFile(path));
    const [a, b] = [await model.predict(x), await again.predict(x)];
    expect(Array.from(await b.data())).toEqual(Array.from(await a.data()));
    // Training continues from the same state: one more step on each gives the same weights.
    // (the same dropout masks for both)
    setRandomSeed(7);
    await model.fit(x, y, { epochs: 1, batchSize: 4, verbose: 0, shuffle: false });
    setRandomSeed(7);
    await again.fit(x, y, { epochs: 1, batchSize: 4, verbose: 0, shuffle: false });
    const [wa, wb] = [await values(model.getWeights()), await values(again.getWeights())];
    wa.forEach((w, i) => w.forEach((v, j) => expect(wb[i][j]).toBeCloseTo(v, 6)));
    for (const t of [x, y, a, b]) t.dispose();
    model.dispose();
    again.dispose();
  });
});
