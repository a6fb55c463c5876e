import { Sequential, constraints, layers, optimizers, regularizers } from '@layerwise/api';
import type { ModelCase, ModelSetup } from '../case.js';
import { oneHotFrom, regressionFrom, uniform } from './data.js';

function modelCase(name: string, seed: number, build: () => ModelSetup): ModelCase {
  return { kind: 'model', name: `model/${name}`, seed, build, tolerance: 'permissive' };
}

/** Constraints, activity regularizers, and the shape, advanced-activation and noise layers, each trained for a few steps. */
export const SHAPE_ACTIVATION_MODEL_CASES: readonly ModelCase[] = [
  modelCase('constraints-activity-regularizer-adam', 31, () => {
    const x = uniform([12, 6, 2], 31);
    return {
      model: new Sequential({ layers: [
        layers.conv1d({
          filters: 3, kernelSize: 2, inputShape: [6, 2], kernelConstraint: constraints.maxNorm({ maxValue: 0.6, axis: [0, 1] }),
          biasConstraint: constraints.nonNeg(), activityRegularizer: regularizers.l2(0.01),
        }),
        layers.batchNormalization({ gammaConstraint: constraints.minMaxNorm({ minValue: 0.5, maxValue: 1.5, rate: 0.5 }), betaConstraint: 'nonNeg' }),
        layers.flatten(),
        layers.dense({ units: 4, activation: 'tanh', kernelConstraint: constraints.unitNorm(), activityRegularizer: regularizers.l1l2({ l1: 0.01, l2: 0.01 }) }),
        layers.dense({ units: 3, activation: 'softmax', kernelConstraint: 'maxNorm' }),
      ] }),
      compile: { optimizer: optimizers.adam({ learningRate: 0.05 }), loss: 'categorical_crossentropy' },
      x, y: oneHotFrom(x, 3), epochs: 3, batchSize: 4,
    };
  }),
  modelCase('embedding-constraint-sgd', 32, () => {
    const x = { data: Float32Array.from({ length: 8 * 4 }, (_, i) => (i * 7) % 9), shape: [8, 4] };
    return {
      model: new Sequential({ layers: [
        layers.embedding({ inputDim: 9, outputDim: 3, inputLength: 4, embeddingsConstraint: constraints.unitNorm({ axis: 1 }), activityRegularizer: 'l2' }),
        layers.layerNormalization({ gammaConstraint: constraints.nonNeg() }),
        layers.flatten(),
        layers.dense({ units: 1 }),
      ] }),
      compile: { optimizer: optimizers.sgd({ learningRate: 0.1, momentum: 0.5 }), loss: 'mse' },
      x, y: regressionFrom(uniform([8, 4], 32)), epochs: 3, batchSize: 4,
    };
  }),
];
