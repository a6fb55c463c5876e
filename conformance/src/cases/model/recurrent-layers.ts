import { Sequential, layers, optimizers } from '@layerwise/api';
import type { ModelCase, ModelSetup } from '../case.js';
import { paddedTokens, regressionFrom, uniform } from './data.js';

function modelCase(name: string, seed: number, build: () => ModelSetup): ModelCase {
  return { kind: 'model', name: `model/${name}`, seed, build, tolerance: 'permissive' };
}

/**
 * The recurrent family beyond SimpleRNN/LSTM/GRU, each trained a few steps: Bidirectional
 * (with masking, goBackwards and both merge kinds), the generic RNN over StackedRNNCells, and
 * ConvLSTM2D (strides, 'same' padding, channels first), so every backend trains them as the
 * reference does.
 */
export const RECURRENT_LAYER_CASES: readonly ModelCase[] = [
  modelCase('embedding-masked-bidirectional-lstm-adam', 41, () => {
    const x = paddedTokens(8, 6, 12, 41);
    const labels = { data: Float32Array.from({ length: 8 }, (_, r) => (x.data[r * 6] + x.data[r * 6 + 1]) % 2), shape: [8, 1] };
    return {
      model: new Sequential({ layers: [
        layers.embedding({ inputDim: 12, outputDim: 4, maskZero: true, inputLength: 6 }),
        layers.bidirectional({ layer: layers.lstm({ units: 4, returnSequences: true }), mergeMode: 'ave' }),
        layers.bidirectional({ layer: layers.gru({ units: 3, goBackwards: true, resetAfter: true }) }),
        layers.dense({ units: 1, activation: 'sigmoid' }),
      ] }),
      compile: { optimizer: optimizers.adam({ learningRate: 0.02 }), loss: 'binary_crossentropy', metrics: ['acc'] },
      x, y: labels, epochs: 3, batchSize: 4,
    };
  }),
  modelCase('rnn-stacked-cells-rmsprop', 42, () => {
    const x = uniform([6, 5, 3], 42);
    return {
      model: new Sequential({ layers: [
        layers.rnn({
          cell: layers.stackedRNNCells({ cells: [layers.lstmCell({ units: 4 }), layers.gruCell({ units: 3 }), layers.simpleRNNCell({ units: 2 })] }),
          returnSequences: true, inputShape: [5, 3],
        }),
        layers.rnn({ cell: [layers.lstmCell({ units: 3, recurrentActivation: 'sigmoid' }), layers.lstmCell({ units: 2 })], goBackwards: true }),
        layers.dense({ units: 1 }),
      ] }),
      compile: { optimizer: optimizers.rmsprop({ learningRate: 0.01 }), loss: 'mse' },
      x, y: regressionFrom(x), epochs: 3, batchSize: 3,
    };
  }),
  modelCase('convlstm2d-sgd', 43, () => {
    const x = uniform([4, 3, 5, 5, 2], 43);
    return {
      model: new Sequential({ layers: [
        layers.convLstm2d({ filters: 3, kernelSize: 3, strides: 2, padding: 'same', returnSequences: true, inputShape: [3, 5, 5, 2] }),
        layers.reshape({ targetShape: [3, 3, 3, 3] }),
        layers.convLstm2d({ filters: 2, kernelSize: [2, 1], dataFormat: 'channelsFirst' }),
        layers.flatten(),
        layers.dense({ units: 1 }),
      ] }),
      compile: { optimizer: optimizers.sgd({ learningRate: 0.05, momentum: 0.5 }), loss: 'mse' },
      x, y: regressionFrom(x), epochs: 3, batchSize: 2,
    };
  }),
];
