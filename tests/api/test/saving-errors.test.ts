import { describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Sequential, layers, loadModel, memory, saving, type Tensor } from '@layerwise/api';

function small(): Sequential {
  return new Sequential({ layers: [layers.dense({ units: 2, inputShape: [3], name: 'a' }), layers.dense({ units: 1, name: 'b' })] });
}

async function artifactsOf(model: Sequential): Promise<saving.ModelArtifacts> {
  const handler = saving.memoryHandler();
  await model.save(handler);
  return handler.load();
}

type Layers = { class_name: string; config: Record<string, unknown> }[];
const layersOf = (a: saving.ModelArtifacts): Layers => (a.modelTopology as { config: { layers: Layers } }).config.layers;

/** Loading must fail with `message` and leave no tensor behind. */
async function rejects(a: saving.ModelArtifacts, message: RegExp): Promise<void> {
  const before = memory().buffers;
  await expect(loadModel(saving.fromArtifacts(a))).rejects.toThrow(message);
  expect(memory().buffers).toBe(before);
}

describe('saving: errors', () => {
  it('a missing directory, model.json or weights file is named', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lw-err-'));
    await expect(loadModel(join(dir, 'nothing'))).rejects.toThrow(/no model file at '.*nothing\/model\.json'/);
    await small().save(dir);
    await rm(join(dir, 'weights.bin'));
    await expect(loadModel(dir)).rejects.toThrow(/the weights file '.*weights\.bin' \(weightsManifest\[0\]\.paths\[0\] of '.*model\.json'\) is missing/);
  });

  it('weight data that does not match the manifest size', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lw-err-'));
    await small().save(dir);
    const bin = await readFile(join(dir, 'weights.bin'));
    await writeFile(join(dir, 'weights.bin'), bin.subarray(0, bin.length - 4));
    // (3*2 + 2 + 2*1 + 1) floats = 44 bytes described, 40 present.
    await expect(loadModel(dir)).rejects.toThrow(/weightsManifest\[0\] describes 4 tensors of 44 bytes, but its 1 file\(s\) named in '.*model\.json' hold 40 bytes/);
    await writeFile(join(dir, 'model.json'), '{ not json');
    await expect(loadModel(dir)).rejects.toThrow(/is not valid JSON/);
  });

  it('an unknown layer class lists the known ones, before any layer is made', async () => {
    const a = await artifactsOf(small());
    layersOf(a)[1].class_name = 'NoSuchLayer';
    await rejects(a, /layer 1 \('b'\) has unknown class 'NoSuchLayer'; known: Activation, .*AveragePooling1D,.* Dense,/);
  });

  it('a weight of the wrong shape, and weights missing or left over', async () => {
    const a = await artifactsOf(small());
    a.weightSpecs![0] = { ...a.weightSpecs![0], shape: [2, 3] };
    // Found while the topology builds, before the layer's initializer allocates.
    await rejects(a, /the topology gives layer 'a' a weight 'kernel' of float32 shape \[3,2\], but the file's 'a\/kernel' is float32 of shape \[2,3\]; nothing was allocated/);

    const b = await artifactsOf(small());
    b.weightSpecs = b.weightSpecs!.slice(0, 3);
    b.weightData = (b.weightData as ArrayBuffer).slice(0, 40);
    await rejects(b, /1 model weight\(s\) have no saved value \('b\/bias'\); the model has 4 weights, the file 3/);

    const c = await artifactsOf(small());
    c.weightSpecs![3] = { ...c.weightSpecs![3], name: 'c/bias' };
    await rejects(c, /1 model weight\(s\) have no saved value \('b\/bias'\); 1 saved weight\(s\) match no model weight \('c\/bias'\)/);
    // strict: false loads what matches and keeps the rest as initialised.
    const loaded = await loadModel(saving.fromArtifacts(c), { strict: false });
    expect(loaded.weights.length).toBe(4);
  });

  it('a bad layer config names the layer', async () => {
    const a = await artifactsOf(small());
    layersOf(a)[1].config.units = -1;
    await rejects(a, /cannot recreate layer 1 \('b', Dense\): b: units must be a positive integer, got -1/);
    const c = await artifactsOf(small());
    layersOf(c)[0].config.depthwise_constraint = { class_name: 'MaxNorm', config: { max_value: 2, axis: 0 } };
    await rejects(c, /cannot recreate layer 0 \('a', Dense\): it sets 'depthwise_constraint', which layerwise's Dense does not support/);
    const d = await artifactsOf(small());
    layersOf(d)[0].config.kernel_constraint = { class_name: 'MaxNorm', config: { max_value: 2, axis: 5 } };
    await rejects(d, /a.kernel: MaxNorm axis 5 does not fit a weight of shape \[3,2\]/);
    const e = await artifactsOf(small());
    layersOf(e)[0].config.kernel_constraint = { class_name: 'Clip', config: {} };
    await rejects(e, /cannot recreate layer 0 \('a', Dense\): a: kernelConstraint: unknown constraint 'Clip'/);
  });

  it('other model kinds and formats are refused', async () => {
    const a = await artifactsOf(small());
    (a.modelTopology as { class_name: string }).class_name = 'MySubclassedModel';
    await rejects(a, /the file holds a 'MySubclassedModel' model; layerwise loads 'Sequential' and functional \('Model', 'Functional'\) models/);
    const f = await artifactsOf(small());
    (f.modelTopology as { class_name: string }).class_name = 'Functional';
    await rejects(f, /a functional model's config must be \{ name, layers, input_layers, output_layers \}/);
    const g = await artifactsOf(small());
    g.format = 'graph-model';
    await rejects(g, /format 'graph-model'; only 'layers-model'/);
  });

  it('optimizer state that does not fit the model', async () => {
    const model = small();
    model.compile({ optimizer: 'adam', loss: 'mse' });
    await model.fit([[1, 2, 3]], [[1]], { verbose: 0 });
    const a = await artifactsOf(model);
    const keep = a.weightSpecs!.length - 1;
    a.weightSpecs = a.weightSpecs!.slice(0, keep);
    a.weightData = (a.weightData as ArrayBuffer).slice(0, (a.weightData as ArrayBuffer).byteLength - 4);
    // Matched by name: the missing slot is named.
    await rejects(a, /the Adam state has no 'b\/bias\/v'/);
    const b = await artifactsOf(model);
    (b.trainingConfig!.optimizer_config as { class_name: string }).class_name = 'Momentum';
    await rejects(b, /optimizer_config: .*unknown optimizer 'Momentum'.*pass \{ compile: false \}/);
    expect((await loadModel(saving.fromArtifacts(b), { compile: false })).optimizer).toBeNull();
  });

  it('unknown URL schemes, bad handlers, and custom losses at save', async () => {
    const model = small();
    await expect(model.save('indexeddb://my-model')).rejects.toThrow(/unknown URL scheme 'indexeddb:\/\/'/);
    await expect(loadModel('https://example.com/model.json')).rejects.toThrow(/unknown URL scheme 'https:\/\/'/);
    await expect(loadModel({ save: async () => { throw new Error('unused'); } })).rejects.toThrow(/the IOHandler has no load\(\) method/);
    await expect(loadModel(saving.memoryHandler())).rejects.toThrow(/holds no model yet/);
    model.compile({ optimizer: 'sgd', loss: function myLoss(yTrue: Tensor, yPred: Tensor): Tensor { void yTrue; return yPred; } });
    const before = memory().buffers;
    await expect(model.save(saving.memoryHandler())).rejects.toThrow(/the loss 'myLoss' is a custom function.*includeOptimizer: false/);
    expect(memory().buffers).toBe(before);
    await model.save(saving.memoryHandler(), { includeOptimizer: false });
  });
});
