import { describe, expect, it } from 'vitest';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Sequential, layers, loadModel, setRandomSeed, tensor, type Tensor } from '@layerwise/api';
import { kerasFile } from '../src/index.js';
import { BACKENDS, useBackend } from './helpers.js';
import { checkLayout, h5pySkip } from './python.js';

interface Dataset { name: string; dtype: string; shape: number[]; values: number[] }
interface KerasLayout {
  metadata: { keras_version: string; date_saved: string };
  config: { module: string; class_name: string; config: { layers: { module: string; class_name: string; config: Record<string, unknown>; registered_name: null }[] }; compile_config?: Record<string, { class_name: string; config: Record<string, unknown> }> };
  compression: number[];
  layers: Record<string, Dataset[]>;
  optimizer: Dataset[];
}

async function values(ts: Tensor[]): Promise<number[][]> {
  const out = await Promise.all(ts.map(async (t) => Array.from(await t.data())));
  for (const t of ts) t.dispose();
  return out;
}

function model(): Sequential {
  return new Sequential({
    name: 'k3',
    layers: [
      layers.embedding({ inputDim: 7, outputDim: 4, inputLength: 5, name: 'emb' }),
      layers.lstm({ units: 3, returnSequences: true, name: 'rec' }),
      layers.conv1d({ filters: 2, kernelSize: 2, name: 'conv' }),
      layers.flatten({ name: 'flat' }),
      layers.dense({ units: 2, activation: 'softmax', name: 'dense_a' }),
      layers.dense({ units: 2, name: 'dense_b' }),
    ],
  });
}

describe.each(BACKENDS)('model.save(kerasFile(path.keras)) on %s', (backend) => {
  it.skipIf(h5pySkip)('writes Keras 3\'s archive (stored zip of metadata.json, config.json, model.weights.h5) and loads it back identically', async () => {
    await useBackend(backend);
    setRandomSeed(3);
    const m = model();
    m.compile({ optimizer: 'adam', loss: 'mse' });
    const x = tensor([[1, 2, 3, 4, 5], [6, 0, 1, 2, 3]], [2, 5]);
    const y = tensor([[0.5, -1], [1, 0]], [2, 2]);
    await m.fit(x, y, { epochs: 2, verbose: 0 });
    const path = join(await mkdtemp(join(tmpdir(), 'lw-k3-')), 'model.keras');
    await m.save(kerasFile(path));
    const layout = checkLayout(path, 'keras') as unknown as KerasLayout;

    expect(layout.compression).toEqual([0]);
    expect(layout.metadata.keras_version).toMatch(/^3\./);
    expect(layout.config).toMatchObject({ module: 'keras', class_name: 'Sequential', registered_name: null });
    const entries = layout.config.config.layers;
    expect(entries.map((e) => e.class_name)).toEqual(['InputLayer', 'Embedding', 'LSTM', 'Conv1D', 'Flatten', 'Dense', 'Dense']);
    expect(entries[0].config.batch_shape).toEqual([null, 5]);
    expect(entries.every((e) => e.module === 'keras.layers' && e.registered_name === null)).toBe(true);
    expect(entries.some((e) => 'batch_input_shape' in e.config)).toBe(false);
    expect(entries[5].config.dtype).toMatchObject({ module: 'keras', class_name: 'DTypePolicy', config: { name: 'float32' } });
    expect(entries[5].config.kernel_initializer).toMatchObject({ module: 'keras.initializers', registered_name: null });
    // Keras 3's paths: the class in snake_case, numbered from the second; a recurrent layer's cell.
    expect(Object.keys(layout.layers).filter((k) => layout.layers[k].length > 0).sort()).toEqual(['conv1d', 'dense', 'dense_1', 'embedding', 'lstm/cell']);
    const own = await values(m.getWeights());
    const saved = ['embedding', 'lstm/cell', 'conv1d', 'dense', 'dense_1'].flatMap((k) => layout.layers[k]);
    saved.forEach((d, i) => expect(Float32Array.from(d.values)).toEqual(Float32Array.from(own[i])));
    // Adam: iteration, learning_rate, then m and v of each weight side by side.
    const opt = layout.optimizer;
    const n = m.trainableWeights.length;
    expect(opt.length).toBe(2 + 2 * n);
    expect(opt[0]).toMatchObject({ dtype: 'int64', shape: [] });
    expect(opt[0].values).toEqual([2]);
    expect(opt.slice(2).map((d) => d.shape)).toEqual(m.trainableWeights.flatMap((w) => [w.shape, w.shape]));
    expect(layout.config.compile_config!.optimizer).toMatchObject({ class_name: 'Adam', config: { learning_rate: 0.001, beta_1: 0.9 } });

    const again = await loadModel(kerasFile(path));
    expect(await values(again.getWeights())).toEqual(own);
    expect(await values(again.optimizer!.getWeights())).toEqual(await values(m.optimizer!.getWeights()));
    const [a, b] = [await m.predict(x), await again.predict(x)];
    expect(Array.from(await b.data())).toEqual(Array.from(await a.data()));
    for (const t of [x, y, a, b]) t.dispose();
    m.dispose();
    again.dispose();
  });
});

describe('reading Keras 3 configs', () => {
  it('loads bytes of a .keras archive (as a browser passes them)', async () => {
    await useBackend('cpu');
    const m = model();
    m.build([null, 5]);
    let bytes: Uint8Array | null = null;
    await m.save(kerasFile((b) => { bytes = b; }, { format: 'keras' }));
    const path = join(await mkdtemp(join(tmpdir(), 'lw-k3-')), 'x.keras');
    await m.save(kerasFile(path));
    expect(bytes![0]).toBe(0x50);
    const fromBytes = await loadModel(kerasFile(bytes!));
    const fromFile = await loadModel(kerasFile(new Uint8Array(await readFile(path))));
    expect(await values(fromBytes.getWeights())).toEqual(await values(fromFile.getWeights()));
    expect(fromBytes.optimizer).toBeNull();
    m.dispose();
    fromBytes.dispose();
    fromFile.dispose();
  });
});
