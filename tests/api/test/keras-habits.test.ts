// Keras and tfjs habits met porting their programs: an activation given as a function,
// tfjs's regularizer form, and a converted Keras file's training_config.
import { describe, expect, it } from 'vitest';
import { activations, layers, loadModel, ops, optimizers, regularizers, saving, Sequential, setRandomSeed, tensor, type Tensor } from '@layerwise/api';

const vals = (t: Tensor): number[] => Array.from(t.dataSync());

/** A Dense layer with known weights: kernel [[1, -1], [2, 0.5]], bias [0.5, -3]. */
function denseWith(activation: Parameters<typeof layers.dense>[0]['activation']) {
  const d = layers.dense({ units: 2, inputShape: [2], activation });
  const m = new Sequential({ layers: [d] });
  m.setWeights([tensor([[1, -1], [2, 0.5]]), tensor([0.5, -3])]);
  return { d, m };
}
// x = [1, 2]: x W + b = [1 + 4 + 0.5, -1 + 1 - 3] = [5.5, -3].
const X = [[1, 2]];

describe('an activation given as a function (Keras allows it)', () => {
  it('is applied as given, in Dense and in the Activation layer', async () => {
    const double = (x: Tensor) => ops.mul(x, 2);
    const { d, m } = denseWith(double);
    expect(vals(await m.predict(tensor(X)))).toEqual([11, -6]);
    expect(d.getConfig().activation).toBe('double');
    const act = layers.activation({ activation: (x: Tensor) => ops.sub(x, 1) });
    expect(vals(act.apply(tensor([[3, -3]])) as Tensor)).toEqual([2, -4]);
  });

  it("a built-in op is recognised as the built-in (Dense's fused path, saved as 'relu')", async () => {
    const { d, m } = denseWith(ops.relu);
    expect(d.activation).toBe('relu');
    expect(d.getConfig().activation).toBe('relu');
    expect(vals(await m.predict(tensor(X)))).toEqual([5.5, 0]);
  });

  it('two functions with one name get two names; an anonymous one gets a generic name', () => {
    const a = layers.dense({ units: 1, activation: function scaled(x: Tensor) { return ops.mul(x, 3); } });
    const b = layers.dense({ units: 1, activation: function scaled(x: Tensor) { return ops.mul(x, 4); } });
    expect(a.activation).toBe('scaled');
    expect(b.activation).toBe('scaled_1');
    const relu = layers.dense({ units: 1, activation: function relu(x: Tensor) { return x; } });
    expect(relu.activation).not.toBe('relu');
    expect(relu.activation).toMatch(/^relu_\d+$/);
    expect(layers.dense({ units: 1, activation: [(x: Tensor) => x][0] }).activation).toMatch(/^customActivation(_\d+)?$/);
  });

  it('recurrent layers take functions for activation and recurrentActivation', () => {
    setRandomSeed(3);
    const lstm = layers.lstm({ units: 2, inputShape: [3, 2], activation: (x: Tensor) => ops.tanh(x), recurrentActivation: ops.sigmoid });
    expect(lstm.getConfig().recurrent_activation ?? lstm.getConfig().recurrentActivation).toBe('sigmoid');
    const m = new Sequential({ layers: [lstm] });
    const y = m.predictOnBatch(tensor([[[1, 0], [0, 1], [1, 1]]]));
    return y.then((t) => expect(t.shape).toEqual([1, 2]));
  });

  it('a model saved with a function activation loads in the same process, and a registered name loads anywhere', async () => {
    const triple = (x: Tensor) => ops.mul(x, 3);
    const { m } = denseWith(triple);
    let artifacts: saving.ModelArtifacts | null = null;
    await m.save(saving.withSaveHandler((a) => { artifacts = a; }));
    const loaded = await loadModel(saving.fromArtifacts(artifacts!));
    expect(vals((await loaded.predict(tensor(X))) as Tensor)).toEqual([16.5, -9]);

    const json = JSON.stringify(artifacts!.modelTopology).replace(/"triple"/g, '"cube_root_ish"');
    const renamed = { ...artifacts!, modelTopology: JSON.parse(json) };
    await expect(loadModel(saving.fromArtifacts(renamed))).rejects.toThrow(/unknown activation '(cube_root_ish|cubeRootIsh)'.*registerActivation\(name, fn\) before loading/);
    activations.registerActivation('cube_root_ish', (x: Tensor) => ops.add(x, 0.5));
    const revived = await loadModel(saving.fromArtifacts(renamed));
    expect(vals((await revived.predict(tensor(X))) as Tensor)).toEqual([6, -2.5]);
  });

  it('registerActivation and bad values are checked', () => {
    expect(() => activations.registerActivation('relu', (x) => x)).toThrow("registerActivation: 'relu' is a built-in activation");
    expect(() => activations.registerActivation('my act', (x) => x)).toThrow(/name must be an identifier/);
    activations.registerActivation('once', (x) => x);
    expect(() => activations.registerActivation('once', (x) => ops.neg(x))).toThrow("registerActivation: 'once' is already registered to another function");
    expect(() => layers.dense({ units: 1, activation: 3 as never })).toThrow(/activation must be a name such as 'relu' or a function \(x: Tensor\) => Tensor, got number/);
  });
});

describe("regularizers: tfjs's object form", () => {
  it('l1({ l1 }), l2({ l2 }) equal the number forms and penalise fit\'s loss by the formula', async () => {
    expect(regularizers.l2({ l2: 0.05 }).l2).toBe(0.05);
    expect(regularizers.l1({ l1: 0.02 }).l1).toBe(0.02);
    expect(regularizers.l2({}).l2).toBe(0.01);
    const w = tensor([[1, -2], [3, 0.5]]);
    expect(vals(regularizers.l2({ l2: 0.05 }).apply(w))[0]).toBeCloseTo(0.05 * (1 + 4 + 9 + 0.25), 6);
    // Zero inputs: the data loss is mean((b - y)^2) = 0 with b = y = 0; all of the loss is the penalty.
    const d = layers.dense({ units: 2, inputShape: [2], useBias: false, kernelRegularizer: regularizers.l2({ l2: 0.05 }) });
    const m = new Sequential({ layers: [d] });
    m.setWeights([w]);
    m.compile({ optimizer: optimizers.sgd(0), loss: 'mse' });
    const h = await m.fit([[0, 0]], [[0, 0]], { epochs: 1, verbose: 0 });
    expect(h.history.loss[0]).toBeCloseTo(0.05 * 14.25, 5);
  });

  it('a value that is not a finite number >= 0 is refused when made, not inside fit', () => {
    expect(() => regularizers.l2({ l2: -1 })).toThrow('regularizers: l2 must be a finite number >= 0, got -1');
    expect(() => regularizers.l1('0.1' as never)).toThrow('regularizers: l1 must be a finite number >= 0, got 0.1');
    expect(() => regularizers.l2({ l2: { l2: 1 } } as never)).toThrow('regularizers: l2 must be a finite number >= 0, got {"l2":1}');
  });
});

describe("a converted Keras file's training_config (inside modelTopology)", () => {
  async function kerasStyle() {
    setRandomSeed(1);
    const m = new Sequential({ layers: [layers.dense({ units: 2, inputShape: [3], activation: 'softmax' })] });
    let artifacts: saving.ModelArtifacts | null = null;
    await m.save(saving.withSaveHandler((a) => { artifacts = a; }));
    // What tensorflowjs_converter writes for a Keras .h5: the training config beside model_config.
    const a = artifacts! as saving.ModelArtifacts & { modelTopology: Record<string, unknown> };
    return {
      ...a,
      modelTopology: {
        keras_version: '2.2.4', backend: 'tensorflow', model_config: a.modelTopology,
        training_config: {
          optimizer_config: { class_name: 'RMSprop', config: { lr: 0.01, rho: 0.8, decay: 0, epsilon: 1e-7 } },
          loss: 'categorical_crossentropy', metrics: ['acc'], sample_weight_mode: null, loss_weights: null,
        },
      },
    } as saving.ModelArtifacts;
  }

  it('compiles the loaded model from it (it used to be dropped without a word)', async () => {
    const model = await loadModel(saving.fromArtifacts(await kerasStyle()));
    expect(model.optimizer).toBeInstanceOf(optimizers.RMSprop);
    expect(model.optimizer!.learningRate).toBe(0.01);
    expect((model.optimizer as optimizers.RMSprop).rho).toBe(0.8);
    expect(model.metricsNames).toEqual(['loss', 'acc']);
  });

  it('is left alone with { compile: false }', async () => {
    const model = await loadModel(saving.fromArtifacts(await kerasStyle()), { compile: false });
    expect(model.optimizer ?? null).toBeNull();
  });
});
