// How each optimizer's training config is written so tfjs-layers 4.22 can read the file (the
// round trip through tfjs itself is bench/test/tfjs-compat.test.ts).
import { describe, expect, it } from 'vitest';
import { layers, loadModel, optimizers, saving, Sequential, setRandomSeed } from '@layerwise/api';

async function saved(optimizer: optimizers.Optimizer) {
  setRandomSeed(5);
  const model = new Sequential({ layers: [layers.dense({ units: 2, inputShape: [3] })] });
  model.compile({ optimizer, loss: 'mse' });
  await model.fit([[1, 2, 3], [0, 1, 0]], [[1, 0], [0, 1]], { epochs: 2, verbose: 0 });
  const handler = saving.memoryHandler();
  await model.save(handler);
  return { model, a: handler.artifacts! };
}

const optimizerSpecs = (a: saving.ModelArtifacts) => a.weightSpecs!.filter((s) => s.group === 'optimizer').map((s) => s.name);

describe('training configs tfjs can compile from', () => {
  it("RMSprop is written as tfjs's RMSProp (rho as its decay) with its momentum slots as zeros", async () => {
    const { model, a } = await saved(optimizers.rmsprop({ learningRate: 0.01, rho: 0.8 }));
    expect(a.trainingConfig!.optimizer_config).toEqual({
      class_name: 'RMSProp', config: { learning_rate: 0.01, decay: 0.8, momentum: 0, epsilon: 1e-7, centered: false },
    });
    expect(optimizerSpecs(a)).toEqual(['iter', 'dense_1/kernel/accumulator', 'dense_1/bias/accumulator', 'dense_1/kernel/momentum', 'dense_1/bias/momentum'].map((n) => n.replace('dense_1', model.layers[0].name)));
    const back = await loadModel(saving.fromArtifacts(a));
    expect(back.optimizer).toBeInstanceOf(optimizers.RMSprop);
    expect([(back.optimizer as optimizers.RMSprop).rho, back.optimizer!.iterations]).toEqual([0.8, 2]);
  });

  it("Adagrad says its accumulators start at 0 (tfjs's default is 0.1)", async () => {
    const { a } = await saved(optimizers.adagrad(0.1));
    expect(a.trainingConfig!.optimizer_config.config).toMatchObject({ learning_rate: 0.1, initial_accumulator_value: 0 });
  });
});

describe('training configs tfjs cannot compile from go where a converted Keras file keeps them', () => {
  const cases: [string, () => optimizers.Optimizer][] = [
    ['Nadam', () => optimizers.nadam()],
    ['SGD with momentum', () => optimizers.sgd({ learningRate: 0.1, momentum: 0.9 })],
    ['Adamax', () => optimizers.adamax()],
    ['Adam with amsgrad', () => optimizers.adam({ amsgrad: true })],
    ['Adam with time decay', () => optimizers.adam({ decay: 0.01 })],
    ['SGD with clipnorm', () => optimizers.sgd({ clipnorm: 1 })],
  ];
  for (const [name, make] of cases) {
    it(`${name}: modelTopology.training_config, and loadModel compiles from it`, async () => {
      const { model, a } = await saved(make());
      expect(a.trainingConfig).toBeUndefined();
      const top = a.modelTopology as { model_config: { class_name: string }; training_config: { optimizer_config: { class_name: string } } };
      expect(top.model_config.class_name).toBe('Sequential');
      expect(top.training_config.optimizer_config.class_name).toBe(model.optimizer!.className);
      const back = await loadModel(saving.fromArtifacts(a));
      expect(back.optimizer!.getConfig()).toEqual(model.optimizer!.getConfig());
      expect(back.optimizer!.iterations).toBe(2);
    });
  }
});
