import { describe, expect, it } from 'vitest';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Model, Sequential, input, layers, loadModel, memory, setRandomSeed, tensor, type Tensor } from '@layerwise/api';
import { kerasFile, loadKerasWeights, saveKerasWeights } from '../src/index.js';
import { BACKENDS, EXPECTED, fixture, maxAbsDiff, useBackend } from './helpers.js';
import { checkLayout, h5pySkip, referencePredict, type PyArray } from './python.js';

interface Dataset { name: string; dtype: string; shape: number[]; values: number[] }
type Entry = { class_name: string; name: string; config: Record<string, unknown>; inbound_nodes: unknown[]; module?: string };

const tmp = (): Promise<string> => mkdtemp(join(tmpdir(), 'lw-keras-func-'));

async function values(ts: Tensor[]): Promise<number[][]> {
  const out = await Promise.all(ts.map(async (t) => Array.from(await t.data())));
  for (const t of ts) t.dispose();
  return out;
}

/**
 * Every graph shape at once: two inputs, a Dense shared by both (a siamese pair), a nested
 * functional encoder called on both (its calls 1 and 2), Add and Concatenate, a nested
 * Sequential head, and two outputs.
 */
function siamese(): Model {
  const encIn = input({ shape: [4], name: 'enc_in' });
  const encoder = new Model({ inputs: encIn, outputs: layers.dense({ units: 4, activation: 'tanh', name: 'enc_dense' }).apply(encIn), name: 'encoder' });
  const head = new Sequential({ name: 'head', layers: [layers.dense({ units: 3, inputShape: [8], activation: 'relu', name: 'head_dense' }), layers.dense({ units: 2, name: 'head_out' })] });
  const a = input({ shape: [4], name: 'left' });
  const b = input({ shape: [4], name: 'right' });
  const shared = layers.dense({ units: 4, name: 'shared' });
  const ea = encoder.apply(shared.apply(a));
  const eb = encoder.apply(shared.apply(b));
  const sum = layers.add({ name: 'sum' }).apply([ea, eb]);
  const cat = layers.concatenate({ name: 'cat' }).apply([ea, sum]);
  return new Model({ inputs: [a, b], outputs: [head.apply(cat), layers.dense({ units: 1, activation: 'sigmoid', name: 'score' }).apply(sum)], name: 'siamese' });
}

const X: PyArray[] = [
  { shape: [3, 4], values: Array.from({ length: 12 }, (_, i) => Math.sin(i + 1)) },
  { shape: [3, 4], values: Array.from({ length: 12 }, (_, i) => Math.cos(2 * i)) },
];
const xs = (): Tensor[] => X.map((x) => tensor(Float32Array.from(x.values), x.shape));

async function predictAll(m: Model): Promise<number[][]> {
  const ins = xs();
  const out = (await m.predict(ins)) as Tensor[];
  for (const t of ins) t.dispose();
  return values(out);
}

/** The NumPy reference reads the saved file as Keras would (graph, node numbering, weights) and agrees with layerwise. */
function expectReferenceAgrees(path: string, predicted: number[][]): void {
  const ref = referencePredict(path, X);
  expect(ref.map((r) => r.shape)).toEqual([[3, 2], [3, 1]]);
  ref.forEach((r, i) => expect(maxAbsDiff(predicted[i], r.values)).toBeLessThan(1e-5));
}

describe.each(BACKENDS)('functional models to Keras files and back on %s', (backend) => {
  it.skipIf(h5pySkip)('.h5: two inputs, a shared layer, nested models called twice, merges and two outputs; Keras 2\'s graph config and weight groups', async () => {
    await useBackend(backend);
    setRandomSeed(11);
    const m = siamese();
    m.compile({ optimizer: 'adam', loss: ['mse', 'binary_crossentropy'] });
    const ins = xs();
    const ys = [tensor(Array.from({ length: 6 }, (_, i) => i / 6), [3, 2]), tensor([1, 0, 1], [3, 1])];
    await m.fit(ins, ys, { epochs: 2, batchSize: 3, verbose: 0 });
    const path = join(await tmp(), 'siamese.h5');
    await m.save(kerasFile(path));

    const layout = checkLayout(path, 'h5') as { model_config: { class_name: string; config: { layers: Entry[]; input_layers: unknown; output_layers: unknown } }; model_weights: { layer_names: string[]; layers: Record<string, Dataset[]> }; optimizer_weights: Dataset[] };
    const cfg = layout.model_config.config;
    expect(layout.model_config.class_name).toBe('Model');
    expect(cfg.input_layers).toEqual([['left', 0, 0], ['right', 0, 0]]);
    expect(cfg.output_layers).toEqual([['head', 1, 0], ['score', 0, 0]]);
    const byName = new Map(cfg.layers.map((l) => [l.name, l]));
    // Keras 2 counts a nested model's calls from 1 (node 0 is its own graph); a shared layer lists both calls.
    expect(byName.get('encoder')!.inbound_nodes).toEqual([[['shared', 0, 0, {}]], [['shared', 1, 0, {}]]]);
    expect(byName.get('sum')!.inbound_nodes).toEqual([[['encoder', 1, 0, {}], ['encoder', 2, 0, {}]]]);
    expect(byName.get('shared')!.inbound_nodes).toEqual([[['left', 0, 0, {}]], [['right', 0, 0, {}]]]);
    expect(byName.get('encoder')!.config).toMatchObject({ name: 'encoder', input_layers: [['enc_in', 0, 0]], output_layers: [['enc_dense', 0, 0]] });
    expect(byName.get('head')!.class_name).toBe('Sequential');
    // A nested model's weights sit in one group under its name, named by its own layers.
    expect(layout.model_weights.layer_names).toEqual(m.layers.map((l) => l.name));
    expect(layout.model_weights.layers.encoder.map((d) => d.name)).toEqual(['enc_dense/kernel:0', 'enc_dense/bias:0']);
    expect(layout.model_weights.layers.head.map((d) => d.name)).toEqual(['head_dense/kernel:0', 'head_dense/bias:0', 'head_out/kernel:0', 'head_out/bias:0']);
    expect(layout.optimizer_weights.length).toBe(1 + 3 * m.trainableWeights.length);

    const predicted = await predictAll(m);
    expectReferenceAgrees(path, predicted);
    const again = await loadModel(kerasFile(path));
    expect(again).toBeInstanceOf(Model);
    expect(again.inputNames).toEqual(['left', 'right']);
    expect(await values(again.getWeights())).toEqual(await values(m.getWeights()));
    expect(await values(again.optimizer!.getWeights())).toEqual(await values(m.optimizer!.getWeights()));
    expect(await predictAll(again)).toEqual(predicted);
    // Both continue training alike from the restored Adam state.
    await m.fit(ins, ys, { epochs: 1, batchSize: 3, verbose: 0, shuffle: false });
    await again.fit(ins, ys, { epochs: 1, batchSize: 3, verbose: 0, shuffle: false });
    const [wa, wb] = [await values(m.getWeights()), await values(again.getWeights())];
    wa.forEach((w, i) => w.forEach((v, j) => expect(wb[i][j]).toBeCloseTo(v, 6)));
    for (const t of [...ins, ...ys]) t.dispose();
    m.dispose();
    again.dispose();
  });

  it.skipIf(h5pySkip)('.keras: Keras 3\'s Functional config (nested Functional and Sequential, Keras 3\'s node numbering) and layers/<key>/layers/... weights', async () => {
    await useBackend(backend);
    setRandomSeed(12);
    const m = siamese();
    const path = join(await tmp(), 'siamese.keras');
    await m.save(kerasFile(path));
    const layout = checkLayout(path, 'keras') as { config: { module: string; class_name: string; registered_name: string; config: { layers: Entry[]; input_layers: unknown; output_layers: unknown } }; layers: Record<string, Dataset[]> };
    expect(layout.config).toMatchObject({ module: 'keras.src.models.functional', class_name: 'Functional', registered_name: 'Functional' });
    const cfg = layout.config.config;
    const byName = new Map(cfg.layers.map((l) => [l.name, l]));
    // Keras 3 counts a nested model's calls from 0, and a nested Sequential's outputs too.
    expect(byName.get('sum')!.inbound_nodes).toEqual([[['encoder', 0, 0, {}], ['encoder', 1, 0, {}]]]);
    expect(cfg.output_layers).toEqual([['head', 0, 0], ['score', 0, 0]]);
    expect(byName.get('encoder')).toMatchObject({ module: 'keras.src.models.functional', class_name: 'Functional' });
    expect(byName.get('head')).toMatchObject({ module: 'keras', class_name: 'Sequential' });
    expect(byName.get('left')).toMatchObject({ class_name: 'InputLayer', config: { batch_shape: [null, 4] } });
    // Keras 3 keys objects by class in model.layers order: dense (shared), then dense_1 (score).
    const withVars = Object.keys(layout.layers).filter((k) => layout.layers[k].length > 0).sort();
    expect(withVars).toEqual(['dense', 'dense_1', 'functional/layers/dense', 'sequential/layers/dense', 'sequential/layers/dense_1']);
    const predicted = await predictAll(m);
    expectReferenceAgrees(path, predicted);
    const again = await loadModel(kerasFile(path));
    expect(await values(again.getWeights())).toEqual(await values(m.getWeights()));
    expect(await predictAll(again)).toEqual(predicted);
    m.dispose();
    again.dispose();
  });
});

describe('functional weights-only files', () => {
  it.skipIf(h5pySkip)('saveKerasWeights / loadKerasWeights: a nested model\'s weights go in one group, and come back', async () => {
    await useBackend('cpu');
    setRandomSeed(13);
    const m = siamese();
    const path = join(await tmp(), 'w.h5');
    await saveKerasWeights(m, path);
    const layout = checkLayout(path, 'weights') as { layer_names: string[]; layers: Record<string, Dataset[]> };
    expect(layout.layer_names).toEqual(m.layers.map((l) => l.name));
    expect(layout.layers.head.map((d) => d.name)).toEqual(['head_dense/kernel:0', 'head_dense/bias:0', 'head_out/kernel:0', 'head_out/bias:0']);
    setRandomSeed(14);
    const other = siamese();
    expect(await predictAll(other)).not.toEqual(await predictAll(m));
    await loadKerasWeights(other, path);
    expect(await predictAll(other)).toEqual(await predictAll(m));
    m.dispose();
    other.dispose();
  });
});

describe('Lambda layers', () => {
  it('a Keras Lambda (Python bytecode) is refused with what to do, allocating nothing; supplied through customObjects it is used', async () => {
    await useBackend('cpu');
    const name = 'functional_lambda_concatenate_2.1.3.h5';
    const before = memory().buffers;
    await expect(loadModel(kerasFile(fixture(name)))).rejects.toThrow(
      /layer 1 \('space_to_depth_x2'\) has unknown class 'Lambda'; known: .*\. To load it, pass a layer class for it \(a Keras Lambda layer, whose function is saved as Python bytecode that cannot run here: write it as a layer class\) in loadModel's options, \{ customObjects: \{ Lambda: \.\.\. \} \}, or registerLayer it/);
    expect(memory().buffers).toBe(before);
    // The maker receives the file's config (camelCase): the Lambda's name, function, output shape.
    const seen: Record<string, unknown>[] = [];
    const { SpaceToDepth } = await import('./helpers.js');
    const model = await loadModel(kerasFile(fixture(name)), { customObjects: { Lambda: (config) => (seen.push(config), new SpaceToDepth({ name: config.name as string })) } });
    expect(seen.map((c) => c.name)).toEqual(['space_to_depth_x2']);
    expect(seen[0]).toMatchObject({ functionType: 'lambda', arguments: {} });
    expect(model.inputNames).toEqual(['input_1', 'input_2']);
    const e = EXPECTED[name];
    const ins = e.inputs.map((x) => tensor(Float32Array.from(x.values), x.shape));
    const y = (await model.predict(ins)) as Tensor;
    expect(maxAbsDiff(await y.data(), e.outputs[0].values)).toBeLessThan(1e-5);
    for (const t of [...ins, y]) t.dispose();
    model.dispose();
  });
});
