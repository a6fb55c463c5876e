/**
 * @license
 * Copyright 2018 Google LLC. All Rights Reserved.
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 * http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 * =============================================================================
 */

// Ported from tensorflow/tfjs-examples iris/index.js: the model code with its imports changed.
// The browser UI (ui.*, tfjs-vis charts, the hosted and local-storage models) is left out;
// DIFFERENCES.md lists every other line that differs and why. Run: node iris.mjs
import * as tf from '@layerwise/api';
import '@layerwise/backend-cpu';

import * as data from './iris-data.mjs';

/**
 * Train a `tf.Model` to recognize Iris flower type.
 *
 * @param xTrain Training feature data, a `tf.Tensor` of shape
 *   [numTrainExamples, 4].
 * @param yTrain One-hot training labels, a `tf.Tensor` of shape
 *   [numTrainExamples, 3].
 * @param xTest Test feature data, a `tf.Tensor` of shape [numTestExamples, 4].
 * @param yTest One-hot test labels, a `tf.Tensor` of shape
 *   [numTestExamples, 3].
 * @param params `{ epochs, learningRate }` (the page's form fields).
 * @returns The trained `tf.Model` instance and the per-epoch logs.
 */
export async function trainModel(xTrain, yTrain, xTest, yTest, params) {
  // Define the topology of the model: two dense layers.
  const model = tf.sequential();
  model.add(tf.layers.dense(
      {units: 10, activation: 'sigmoid', inputShape: [xTrain.shape[1]]}));
  model.add(tf.layers.dense({units: 3, activation: 'softmax'}));
  model.summary();

  const optimizer = tf.train.adam(params.learningRate);
  model.compile({
    optimizer: optimizer,
    loss: 'categoricalCrossentropy',
    metrics: ['accuracy'],
  });

  const trainLogs = [];
  const beginMs = performance.now();
  // Call `model.fit` to train the model.
  const history = await model.fit(xTrain, yTrain, {
    epochs: params.epochs,
    validationData: [xTest, yTest],
    callbacks: {
      onEpochEnd: async (epoch, logs) => {
        // Plot the loss and accuracy values at the end of every training epoch.
        const secPerEpoch =
            (performance.now() - beginMs) / (1000 * (epoch + 1));
        trainLogs.push(logs);
      },
    }
  });
  return {model, history, trainLogs};
}

/**
 * Run inference on manually-input Iris flower data.
 *
 * @param model The instance of `tf.Model` to run the inference with.
 * @param inputData The four features of one flower.
 */
export function predictOnManualInput(model, inputData) {
  // Use a `tf.tidy` scope to make sure that WebGL memory allocated for the
  // `predict` call is released at the end.
  return tf.tidy(() => {
    // Prepare input data as a 2D `tf.Tensor`.
    const input = tf.tensor2d([inputData], [1, 4]);

    // Call `model.predict` to get the prediction output as probabilities for
    // the Iris flower categories.

    const predictOut = model.predictSync(input);
    const logits = Array.from(predictOut.dataSync());
    const winner = data.IRIS_CLASSES[predictOut.argMax(-1).dataSync()[0]];
    return {winner, logits};
  });
}

/**
 * Run inference on some test Iris flower data.
 *
 * @param model The instance of `tf.Model` to run the inference with.
 * @param xTest Test data feature, a `tf.Tensor` of shape [numTestExamples, 4].
 * @param yTest Test true labels, one-hot encoded, a `tf.Tensor` of shape
 *   [numTestExamples, 3].
 * @returns The share of test flowers classified right.
 */
export function evaluateModelOnTestData(model, xTest, yTest) {
  return tf.tidy(() => {
    const xData = xTest.dataSync();
    const yTrue = yTest.argMax(-1).dataSync();
    const predictOut = model.predictSync(xTest);
    const yPred = predictOut.argMax(-1);
    const predicted = yPred.dataSync();
    return yTrue.filter((y, i) => y === predicted[i]).length / yTrue.length;
  });
}

/** The main function of the Iris demo, without the page: train, then evaluate. */
export async function iris({epochs = 40, learningRate = 0.01} = {}) {
  const [xTrain, yTrain, xTest, yTest] = data.getIrisData(0.15);
  const {model, history, trainLogs} =
      await trainModel(xTrain, yTrain, xTest, yTest, {epochs, learningRate});
  const testAccuracy = evaluateModelOnTestData(model, xTest, yTest);
  const manual = predictOnManualInput(model, [5.1, 3.5, 1.4, 0.2]);
  tf.dispose([xTrain, yTrain, xTest, yTest]);
  return {model, history, trainLogs, testAccuracy, manual};
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const {testAccuracy, manual} = await iris();
  console.log(`test accuracy ${(testAccuracy * 100).toFixed(1)}%; ` +
      `[5.1, 3.5, 1.4, 0.2] is ${manual.winner}`);
}
