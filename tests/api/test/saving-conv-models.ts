// Models holding every convolution-family and 3-D pooling layer, for saving.test.ts's round trips.
import { Sequential, layers, regularizers, tensor, type Tensor } from '@layerwise/api';
import { batch } from './saving-helpers.js';

function upsamplingModel(): Sequential {
  return new Sequential({ layers: [
    layers.separableConv2d({ filters: 3, kernelSize: 3, padding: 'same', depthMultiplier: 2, activation: 'relu', inputShape: [6, 6, 2],
      pointwiseRegularizer: regularizers.l2(0.01), depthwiseConstraint: 'nonNeg', activityRegularizer: 'l1' }),
    layers.depthwiseConv2d({ kernelSize: 2, strides: 2, depthMultiplier: 2, dataFormat: 'channelsLast', depthwiseInitializer: 'heUniform' }),
    layers.conv2dTranspose({ filters: 2, kernelSize: 3, strides: 2, padding: 'same', outputPadding: 1, activation: 'tanh' }),
    layers.locallyConnected2d({ filters: 2, kernelSize: 2, strides: 2, dataFormat: 'channelsFirst' }),
    layers.flatten(),
    layers.dense({ units: 2 }),
  ] });
}

function volumeModel(): Sequential {
  return new Sequential({ layers: [
    layers.conv3d({ filters: 2, kernelSize: [2, 3, 3], padding: 'same', dilationRate: [1, 2, 1], inputShape: [4, 5, 5, 1] }),
    layers.maxPooling3d({ poolSize: [2, 2, 2], padding: 'same' }),
    layers.conv3dTranspose({ filters: 2, kernelSize: 2, strides: 2, dataFormat: 'channelsLast' }),
    layers.averagePooling3d({ poolSize: [1, 2, 2], strides: 1 }),
    layers.conv3d({ filters: 3, kernelSize: 1, dataFormat: 'channelsFirst' }),
    layers.globalMaxPooling3d({ dataFormat: 'channelsFirst' }),
    layers.reshape({ targetShape: [1, 1, 1, 3] }),
    layers.globalAveragePooling3d({}),
    layers.dense({ units: 2 }),
  ] });
}

function sequenceConvModel(): Sequential {
  return new Sequential({ layers: [
    layers.separableConv1d({ filters: 3, kernelSize: 2, padding: 'causal', dilationRate: 2, inputShape: [7, 2] }),
    layers.locallyConnected1d({ filters: 2, kernelSize: 3, strides: 2, kernelRegularizer: 'l1' }),
    layers.flatten(),
    layers.dense({ units: 2 }),
  ] });
}

/** Cases in saving.test.ts's form. */
export const CONV_SAVING_CASES: { name: string; make: () => Sequential; x: () => Tensor }[] = [
  { name: 'separable/depthwise/transposed conv 2D/locally connected 2D', make: upsamplingModel, x: () => tensor(batch([3, 6, 6, 2], 7), [3, 6, 6, 2]) },
  { name: 'conv 3D/transposed conv 3D/3-D pooling', make: volumeModel, x: () => tensor(batch([2, 4, 5, 5, 1], 8), [2, 4, 5, 5, 1]) },
  { name: 'separable conv 1D/locally connected 1D', make: sequenceConvModel, x: () => tensor(batch([3, 7, 2], 9), [3, 7, 2]) },
];
