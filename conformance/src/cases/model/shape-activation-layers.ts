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
  modelCase('shape-layers-2d-bilinear-adam', 33, () => {
    const x = uniform([6, 5, 5, 2], 33);
    return {
      model: new Sequential({ layers: [
        layers.zeroPadding2d({ padding: [[1, 0], [0, 1]], inputShape: [5, 5, 2] }),
        layers.conv2d({ filters: 3, kernelSize: 3, activation: 'tanh' }),
        layers.upSampling2d({ size: [2, 3], interpolation: 'bilinear' }),
        layers.cropping2d({ cropping: [[1, 2], [0, 1]] }),
        layers.upSampling2d({ dataFormat: 'channelsFirst' }),
        layers.zeroPadding2d({ padding: 1, dataFormat: 'channelsFirst' }),
        layers.cropping2d({ cropping: [2, 1], dataFormat: 'channelsFirst' }),
        layers.flatten(),
        layers.dense({ units: 2, activation: 'softmax' }),
      ] }),
      compile: { optimizer: optimizers.adam({ learningRate: 0.01 }), loss: 'categorical_crossentropy' },
      x, y: oneHotFrom(x, 2), epochs: 3, batchSize: 3,
    };
  }),
  modelCase('shape-layers-1d-3d-rmsprop', 34, () => {
    const x = uniform([6, 5, 2], 34);
    return {
      model: new Sequential({ layers: [
        layers.zeroPadding1d({ padding: [2, 1], inputShape: [5, 2] }),
        layers.conv1d({ filters: 2, kernelSize: 2, activation: 'relu' }),
        layers.upSampling1d({ size: 2 }),
        layers.cropping1d({ cropping: [1, 3] }),
        layers.reshape({ targetShape: [2, 5, 2, 1] }),
        layers.zeroPadding3d({ padding: [[0, 1], [1, 0], [0, 0]] }),
        layers.upSampling3d({ size: [1, 1, 2] }),
        layers.cropping3d({ cropping: [[1, 1], [0, 1], [0, 0]], dataFormat: 'channelsFirst' }),
        layers.upSampling3d({ size: [2, 1, 1], dataFormat: 'channelsFirst' }),
        layers.zeroPadding3d({ padding: 1, dataFormat: 'channelsFirst' }),
        layers.flatten(),
        layers.dense({ units: 1 }),
      ] }),
      compile: { optimizer: optimizers.rmsprop({ learningRate: 0.01 }), loss: 'mse' },
      x, y: regressionFrom(x), epochs: 3, batchSize: 3,
    };
  }),
  modelCase('advanced-activations-nadam', 35, () => {
    const x = uniform([12, 5], 35);
    return {
      model: new Sequential({ layers: [
        layers.dense({ units: 6, inputShape: [5] }),
        layers.leakyReLU({ alpha: 0.2 }),
        layers.dense({ units: 6 }),
        layers.reshape({ targetShape: [2, 3] }),
        layers.prelu({ sharedAxes: [1], alphaInitializer: { className: 'Constant', config: { value: 0.1 } } }),
        layers.elu({ alpha: 0.5 }),
        layers.thresholdedReLU({ theta: -0.2 }),
        layers.reLU({ maxValue: 1.5, negativeSlope: 0.1, threshold: -0.1 }),
        layers.softmax({ axis: 1 }),
        layers.flatten(),
        layers.dense({ units: 3 }),
        layers.softmax(),
      ] }),
      compile: { optimizer: optimizers.nadam({ learningRate: 0.01 }), loss: 'categorical_crossentropy' },
      x, y: oneHotFrom(x, 3), epochs: 3, batchSize: 4,
    };
  }),
  modelCase('noise-layers-adam', 36, () => {
    const x = uniform([12, 4, 3], 36);
    return {
      model: new Sequential({ layers: [
        layers.gaussianNoise({ stddev: 0.1, inputShape: [4, 3] }),
        layers.conv1d({ filters: 4, kernelSize: 2, activation: 'selu' }),
        layers.alphaDropout({ rate: 0.2, seed: 3 }),
        layers.spatialDropout1d({ rate: 0.25, seed: 4 }),
        layers.reshape({ targetShape: [3, 2, 2] }),
        layers.spatialDropout2d({ rate: 0.2, seed: 5, dataFormat: 'channelsFirst' }),
        layers.reshape({ targetShape: [3, 1, 2, 2] }),
        layers.spatialDropout3d({ rate: 0.2, seed: 6 }),
        layers.flatten(),
        layers.gaussianDropout({ rate: 0.2 }),
        layers.activityRegularization({ l1: 0.01, l2: 0.01 }),
        layers.dense({ units: 2, activation: 'softmax' }),
      ] }),
      compile: { optimizer: optimizers.adam({ learningRate: 0.02 }), loss: 'categorical_crossentropy' },
      x, y: oneHotFrom(x, 2), epochs: 3, batchSize: 4,
    };
  }),
];
