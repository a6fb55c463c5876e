import { Sequential, layers, optimizers } from '@layerwise/api';
import type { ModelCase, ModelSetup } from '../case.js';
import { oneHotFrom, paddedTokens, regressionFrom, uniform } from './data.js';
import { CONV_LAYER_CASES } from './conv-layers.js';
import { FUNCTIONAL_MODEL_CASES } from './functional.js';
import { NON_FINITE_MODEL_CASES } from './non-finite.js';
import { SHAPE_ACTIVATION_MODEL_CASES } from './shape-activation-layers.js';
import { RECURRENT_LAYER_CASES } from './recurrent-layers.js';

function modelCase(name: string, seed: number, build: () => ModelSetup): ModelCase {
  return { kind: 'model', name: `model/${name}`, seed, build, tolerance: 'permissive' };
}

/** One Sequential per layer family, each trained for a few steps. */
export const MODEL_CASES: readonly ModelCase[] = [
  modelCase('dense-softmax-sgd-momentum', 11, () => {
    const x = uniform([16, 5], 1);
    return {
      model: new Sequential({ layers: [
        layers.dense({ units: 8, activation: 'relu', inputShape: [5] }),
        layers.dense({ units: 3, activation: 'softmax' }),
      ] }),
      compile: { optimizer: optimizers.sgd({ learningRate: 0.1, momentum: 0.9, nesterov: true }), loss: 'categorical_crossentropy', metrics: ['acc'] },
      x, y: oneHotFrom(x, 3), epochs: 3, batchSize: 4,
    };
  }),
  modelCase('conv2d-pooling-adam', 12, () => {
    const x = uniform([6, 6, 6, 2], 2);
    return {
      model: new Sequential({ layers: [
        layers.conv2d({ filters: 4, kernelSize: 3, padding: 'same', activation: 'relu', inputShape: [6, 6, 2] }),
        layers.maxPooling2d({ poolSize: 2 }),
        layers.conv2d({ filters: 3, kernelSize: 2, strides: 1, padding: 'valid', activation: 'tanh' }),
        layers.averagePooling2d({ poolSize: 2, padding: 'same' }),
        layers.flatten(),
        layers.dense({ units: 2, activation: 'softmax' }),
      ] }),
      compile: { optimizer: optimizers.adam({ learningRate: 0.01 }), loss: 'categorical_crossentropy' },
      x, y: oneHotFrom(x, 2), epochs: 3, batchSize: 3,
    };
  }),
  modelCase('conv1d-causal-dilated-rmsprop', 13, () => {
    const x = uniform([8, 10, 3], 3);
    return {
      model: new Sequential({ layers: [
        layers.conv1d({ filters: 4, kernelSize: 3, padding: 'causal', dilationRate: 2, activation: 'relu', inputShape: [10, 3] }),
        layers.maxPooling1d({ poolSize: 2 }),
        layers.globalAveragePooling1d(),
        layers.dense({ units: 1 }),
      ] }),
      compile: { optimizer: optimizers.rmsprop({ learningRate: 0.01 }), loss: 'mse', metrics: ['mae'] },
      x, y: regressionFrom(x), epochs: 3, batchSize: 4,
    };
  }),
  modelCase('batchnorm-dropout-adam', 14, () => {
    const x = uniform([12, 4], 4);
    const y = regressionFrom(x);
    const labels = { data: Float32Array.from(y.data, (v) => (v > 0 ? 1 : 0)), shape: y.shape };
    return {
      model: new Sequential({ layers: [
        layers.dense({ units: 6, inputShape: [4] }),
        layers.batchNormalization({}),
        layers.activation({ activation: 'relu' }),
        layers.dropout({ rate: 0.3, seed: 5 }),
        layers.dense({ units: 1, activation: 'sigmoid' }),
      ] }),
      compile: { optimizer: optimizers.adam({ learningRate: 0.02 }), loss: 'binary_crossentropy', metrics: ['acc'] },
      x, y: labels, epochs: 3, batchSize: 4,
    };
  }),
  modelCase('layernorm-adagrad', 15, () => {
    const x = uniform([8, 5], 5);
    return {
      model: new Sequential({ layers: [
        layers.dense({ units: 6, activation: 'tanh', inputShape: [5] }),
        layers.layerNormalization({}),
        layers.dense({ units: 1 }),
      ] }),
      compile: { optimizer: optimizers.adagrad({ learningRate: 0.1 }), loss: 'mse' },
      x, y: regressionFrom(x), epochs: 3, batchSize: 4,
    };
  }),
  modelCase('embedding-masked-lstm-adam', 16, () => {
    const x = paddedTokens(8, 6, 10, 6);
    const y = { data: Float32Array.from({ length: 8 }, (_, r) => x.data[r * 6] % 3), shape: [8, 1] };
    return {
      model: new Sequential({ layers: [
        layers.embedding({ inputDim: 10, outputDim: 4, maskZero: true, inputLength: 6 }),
        layers.lstm({ units: 5 }),
        layers.dense({ units: 3, activation: 'softmax' }),
      ] }),
      compile: { optimizer: optimizers.adam({ learningRate: 0.02 }), loss: 'sparse_categorical_crossentropy', metrics: ['acc'] },
      x, y, epochs: 3, batchSize: 4,
    };
  }),
  modelCase('gru-simplernn-nadam', 17, () => {
    const x = uniform([6, 5, 3], 7);
    return {
      model: new Sequential({ layers: [
        layers.gru({ units: 4, returnSequences: true, inputShape: [5, 3] }),
        layers.simpleRNN({ units: 3, goBackwards: true }),
        layers.dense({ units: 1 }),
      ] }),
      compile: { optimizer: optimizers.nadam({ learningRate: 0.01 }), loss: 'mse' },
      x, y: regressionFrom(x), epochs: 3, batchSize: 3,
    };
  }),
  modelCase('timedistributed-globalmax-adadelta', 18, () => {
    const x = uniform([6, 4, 3], 8);
    return {
      model: new Sequential({ layers: [
        layers.timeDistributed({ layer: layers.dense({ units: 5, activation: 'relu' }), inputShape: [4, 3] }),
        layers.globalMaxPooling1d(),
        layers.dense({ units: 1 }),
      ] }),
      compile: { optimizer: optimizers.adadelta({ learningRate: 1 }), loss: 'mse' },
      x, y: regressionFrom(x), epochs: 3, batchSize: 2,
    };
  }),
  modelCase('masking-reshape-permute-repeat-sgd', 19, () => {
    const x = uniform([6, 4, 3], 9);
    // Zero whole timesteps so Masking has something to mask.
    for (const [r, t] of [[0, 3], [2, 2], [2, 3], [5, 0]]) x.data.fill(0, (r * 4 + t) * 3, (r * 4 + t + 1) * 3);
    return {
      model: new Sequential({ layers: [
        layers.masking({ maskValue: 0, inputShape: [4, 3] }),
        layers.simpleRNN({ units: 4 }),
        layers.repeatVector({ n: 2 }),
        layers.permute({ dims: [2, 1] }),
        layers.reshape({ targetShape: [8] }),
        layers.dense({ units: 1 }),
      ] }),
      compile: { optimizer: optimizers.sgd({ learningRate: 0.1 }), loss: 'mse' },
      x, y: regressionFrom(x), epochs: 3, batchSize: 3,
    };
  }),
  modelCase('global-pooling-2d-avgpool1d-adamax', 20, () => {
    const x = uniform([6, 4, 4, 2], 10);
    return {
      model: new Sequential({ layers: [
        layers.conv2d({ filters: 3, kernelSize: 2, activation: 'relu', inputShape: [4, 4, 2] }),
        layers.reshape({ targetShape: [9, 3] }),
        layers.averagePooling1d({ poolSize: 2 }),
        layers.reshape({ targetShape: [2, 2, 3] }),
        layers.globalMaxPooling2d(),
        layers.reshape({ targetShape: [1, 1, 3] }),
        layers.globalAveragePooling2d(),
        layers.dense({ units: 1 }),
      ] }),
      compile: { optimizer: optimizers.adamax({ learningRate: 0.02 }), loss: 'mse' },
      x, y: regressionFrom(x), epochs: 3, batchSize: 3,
    };
  }),
  ...CONV_LAYER_CASES,
  ...FUNCTIONAL_MODEL_CASES,
  ...SHAPE_ACTIVATION_MODEL_CASES,
  ...NON_FINITE_MODEL_CASES,
  ...RECURRENT_LAYER_CASES,
];
