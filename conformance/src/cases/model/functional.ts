import { Model, input, layers, optimizers } from '@layerwise/api';
import type { ModelCase, ModelSetup } from '../case.js';
import { oneHotFrom, regressionFrom, uniform } from './data.js';

function modelCase(name: string, seed: number, build: () => ModelSetup): ModelCase {
  return { kind: 'model', name: `model/${name}`, seed, build, tolerance: 'permissive' };
}

/** Functional graphs: residual connections, several inputs and outputs, merge layers. */
export const FUNCTIONAL_MODEL_CASES: readonly ModelCase[] = [
  modelCase('functional-residual-cnn-adam', 31, () => {
    const x = uniform([6, 6, 6, 2], 31);
    const inp = input({ shape: [6, 6, 2] });
    const stem = layers.conv2d({ filters: 4, kernelSize: 3, padding: 'same', activation: 'relu' }).apply(inp);
    const branch = layers.conv2d({ filters: 4, kernelSize: 3, padding: 'same' })
      .apply(layers.conv2d({ filters: 4, kernelSize: 3, padding: 'same', activation: 'relu' }).apply(stem));
    const block = layers.activation({ activation: 'relu' }).apply(layers.add().apply([stem, branch]));
    const pooled = layers.globalAveragePooling2d({}).apply(layers.maxPooling2d({ poolSize: 2 }).apply(block));
    const out = layers.dense({ units: 3, activation: 'softmax' }).apply(pooled);
    return {
      model: new Model({ inputs: inp, outputs: out }),
      compile: { optimizer: optimizers.adam({ learningRate: 0.01 }), loss: 'categorical_crossentropy', metrics: ['acc'] },
      x, y: oneHotFrom(x, 3), epochs: 3, batchSize: 3,
    };
  }),
  modelCase('functional-two-inputs-two-outputs-sgd', 32, () => {
    const xa = uniform([8, 5], 32);
    const xb = uniform([8, 3], 33);
    const a = input({ shape: [5] });
    const b = input({ shape: [3] });
    const ha = layers.dense({ units: 4, activation: 'tanh' }).apply(a);
    const hb = layers.dense({ units: 4, activation: 'relu' }).apply(b);
    const joined = layers.concatenate().apply([ha, hb, layers.multiply().apply([ha, hb])]);
    const reg = layers.dense({ units: 1, name: 'reg' }).apply(joined);
    const cls = layers.dense({ units: 2, activation: 'softmax', name: 'cls' }).apply(layers.subtract().apply([ha, hb]));
    return {
      model: new Model({ inputs: [a, b], outputs: [reg, cls] }),
      compile: { optimizer: optimizers.sgd({ learningRate: 0.1, momentum: 0.5 }), loss: ['mse', 'categorical_crossentropy'],
        lossWeights: [1, 0.3], metrics: { cls: ['acc'] } },
      x: [xa, xb], y: [regressionFrom(xa), oneHotFrom(xb, 2)], epochs: 3, batchSize: 4,
    };
  }),
  modelCase('functional-merges-dot-rmsprop', 34, () => {
    const x = uniform([8, 4, 3], 34);
    const inp = input({ shape: [4, 3] });
    const a = layers.dense({ units: 3, activation: 'tanh' }).apply(inp);
    const b = layers.dense({ units: 3 }).apply(inp);
    const mixed = layers.average().apply([layers.maximum().apply([a, b]), layers.minimum().apply([a, b, inp])]);
    // [b, 4, 3] . [b, 4, 3] on the feature axes: a 4x4 similarity per sample, then a cosine per step.
    const sim = layers.flatten().apply(layers.dot({ axes: 2 }).apply([mixed, a]));
    const cos = layers.dot({ axes: 1, normalize: true }).apply([layers.flatten().apply(a), layers.flatten().apply(b)]);
    const out = layers.dense({ units: 1 }).apply(layers.concatenate().apply([sim, cos]));
    return {
      model: new Model({ inputs: inp, outputs: out }),
      compile: { optimizer: optimizers.rmsprop({ learningRate: 0.01 }), loss: 'mse', metrics: ['mae'] },
      x, y: regressionFrom(x), epochs: 3, batchSize: 4,
    };
  }),
];
