import { Sequential, layers, optimizers } from '@layerwise/api';
import type { ModelCase, ModelSetup } from '../case.js';
import { oneHotFrom, regressionFrom, uniform } from './data.js';

function convCase(name: string, seed: number, build: () => ModelSetup): ModelCase {
  return { kind: 'model', name: `model/${name}`, seed, build, tolerance: 'permissive' };
}

/**
 * The convolution family beyond Conv1D/Conv2D and the 3-D pooling layers, each trained a
 * few steps: compositions of conv2d, its backprops, pooling, pad/slice and matmul, so these
 * cases check that every backend trains them as the reference does.
 */
export const CONV_LAYER_CASES: readonly ModelCase[] = [
  convCase('separable-depthwise-conv2d-transpose-adam', 41, () => {
    const x = uniform([6, 6, 6, 2], 41);
    return {
      model: new Sequential({ layers: [
        layers.separableConv2d({ filters: 3, kernelSize: 3, padding: 'same', depthMultiplier: 2, activation: 'relu', inputShape: [6, 6, 2] }),
        layers.depthwiseConv2d({ kernelSize: 2, strides: 2, depthMultiplier: 2, activation: 'tanh' }),
        layers.conv2dTranspose({ filters: 2, kernelSize: 3, strides: 2, padding: 'same', outputPadding: 1, activation: 'relu' }),
        layers.conv2dTranspose({ filters: 2, kernelSize: 2, dilationRate: 2, dataFormat: 'channelsFirst' }),
        layers.flatten(),
        layers.dense({ units: 3, activation: 'softmax' }),
      ] }),
      compile: { optimizer: optimizers.adam({ learningRate: 0.01 }), loss: 'categorical_crossentropy' },
      x, y: oneHotFrom(x, 3), epochs: 3, batchSize: 3,
    };
  }),
  convCase('conv3d-transpose-pooling3d-rmsprop', 42, () => {
    const x = uniform([6, 4, 4, 4, 1], 42);
    return {
      model: new Sequential({ layers: [
        layers.conv3d({ filters: 3, kernelSize: [2, 3, 3], padding: 'same', dilationRate: [1, 2, 1], activation: 'relu', inputShape: [4, 4, 4, 1] }),
        layers.maxPooling3d({ poolSize: 2 }),
        layers.conv3dTranspose({ filters: 2, kernelSize: [2, 3, 2], strides: 2, padding: 'same', activation: 'tanh' }),
        layers.averagePooling3d({ poolSize: [3, 2, 2], strides: [1, 2, 2], padding: 'same' }),
        layers.conv3d({ filters: 3, kernelSize: 2, strides: [1, 2, 1], dataFormat: 'channelsFirst' }),
        layers.globalMaxPooling3d({ dataFormat: 'channelsFirst' }),
        layers.dense({ units: 1 }),
      ] }),
      compile: { optimizer: optimizers.rmsprop({ learningRate: 0.01 }), loss: 'mse' },
      x, y: regressionFrom(x), epochs: 3, batchSize: 2,
    };
  }),
  convCase('separable1d-locally-connected-global-avg3d-sgd', 43, () => {
    const x = uniform([8, 9, 2], 43);
    return {
      model: new Sequential({ layers: [
        layers.separableConv1d({ filters: 4, kernelSize: 3, padding: 'causal', dilationRate: 2, depthMultiplier: 2, activation: 'relu', inputShape: [9, 2] }),
        layers.locallyConnected1d({ filters: 3, kernelSize: 2, strides: 2, activation: 'tanh' }),
        layers.reshape({ targetShape: [2, 2, 3] }),
        layers.locallyConnected2d({ filters: 2, kernelSize: [2, 1], dataFormat: 'channelsFirst' }),
        layers.reshape({ targetShape: [1, 1, 3, 2] }),
        layers.globalAveragePooling3d(),
        layers.dense({ units: 1 }),
      ] }),
      compile: { optimizer: optimizers.sgd({ learningRate: 0.05, momentum: 0.5 }), loss: 'mse' },
      x, y: regressionFrom(x), epochs: 3, batchSize: 4,
    };
  }),
  convCase('locally-connected2d-separable1d-strided-adagrad', 44, () => {
    const x = uniform([6, 5, 6, 2], 44);
    return {
      model: new Sequential({ layers: [
        layers.locallyConnected2d({ filters: 3, kernelSize: [2, 3], strides: [1, 2], activation: 'relu', inputShape: [5, 6, 2] }),
        layers.reshape({ targetShape: [8, 3] }),
        layers.separableConv1d({ filters: 2, kernelSize: 3, strides: 2, padding: 'same', dataFormat: 'channelsFirst' }),
        layers.flatten(),
        layers.dense({ units: 2, activation: 'softmax' }),
      ] }),
      compile: { optimizer: optimizers.adagrad({ learningRate: 0.1 }), loss: 'categorical_crossentropy' },
      x, y: oneHotFrom(x, 2), epochs: 3, batchSize: 3,
    };
  }),
];
