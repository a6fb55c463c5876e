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

// Ported from tensorflow/tfjs-examples mnist/data.js. The original draws a sprite of 65,000
// MNIST digits, fetched over HTTP, on a canvas; a Node program has neither, so `load` here
// reads Fashion-MNIST's 10,000-image test split shipped in examples/fashion-mnist/data (the
// same 28x28 grayscale images in 10 classes, as IDX files): 8,000 train, 2,000 test. The rest,
// getTrainData and getTestData, is the original with its import changed (DIFFERENCES.md).
import {readFileSync} from 'node:fs';
import {gunzipSync} from 'node:zlib';
import * as tf from '@layerwise/api';

export const IMAGE_H = 28;
export const IMAGE_W = 28;
const IMAGE_SIZE = IMAGE_H * IMAGE_W;
const NUM_CLASSES = 10;
const NUM_DATASET_ELEMENTS = 10000;

const NUM_TRAIN_ELEMENTS = 8000;
const NUM_TEST_ELEMENTS = NUM_DATASET_ELEMENTS - NUM_TRAIN_ELEMENTS;

const DATA_DIR = new URL('../fashion-mnist/data/', import.meta.url);

/** An IDX file's payload (after its header of `headerBytes`). */
function readIdx(name, headerBytes) {
  return gunzipSync(readFileSync(new URL(name, DATA_DIR))).subarray(headerBytes);
}

/**
 * A class that fetches the sprited MNIST dataset and returns shuffled batches.
 *
 * NOTE: This will get much easier. For now, we do data fetching and
 * manipulation manually.
 */
export class MnistData {
  constructor() {}

  /**
   * Reads the images and labels; `trainElements` and `testElements` take fewer (for tests).
   */
  async load({trainElements = NUM_TRAIN_ELEMENTS, testElements = NUM_TEST_ELEMENTS} = {}) {
    const pixels = readIdx('t10k-images-idx3-ubyte.gz', 16);
    const classes = readIdx('t10k-labels-idx1-ubyte.gz', 8);
    this.datasetImages = new Float32Array(NUM_DATASET_ELEMENTS * IMAGE_SIZE);
    for (let j = 0; j < this.datasetImages.length; j++) {
      this.datasetImages[j] = pixels[j] / 255;
    }
    this.datasetLabels = new Uint8Array(NUM_DATASET_ELEMENTS * NUM_CLASSES);
    for (let i = 0; i < NUM_DATASET_ELEMENTS; i++) {
      this.datasetLabels[i * NUM_CLASSES + classes[i]] = 1;
    }

    // Slice the the images and labels into train and test sets.
    this.trainImages =
        this.datasetImages.slice(0, IMAGE_SIZE * trainElements);
    this.testImages = this.datasetImages.slice(
        IMAGE_SIZE * NUM_TRAIN_ELEMENTS, IMAGE_SIZE * (NUM_TRAIN_ELEMENTS + testElements));
    this.trainLabels =
        this.datasetLabels.slice(0, NUM_CLASSES * trainElements);
    this.testLabels = this.datasetLabels.slice(
        NUM_CLASSES * NUM_TRAIN_ELEMENTS, NUM_CLASSES * (NUM_TRAIN_ELEMENTS + testElements));
  }

  /**
   * Get all training data as a data tensor and a labels tensor.
   *
   * @returns
   *   xs: The data tensor, of shape `[numTrainExamples, 28, 28, 1]`.
   *   labels: The one-hot encoded labels tensor, of shape
   *     `[numTrainExamples, 10]`.
   */
  getTrainData() {
    const xs = tf.tensor4d(
        this.trainImages,
        [this.trainImages.length / IMAGE_SIZE, IMAGE_H, IMAGE_W, 1]);
    const labels = tf.tensor2d(
        this.trainLabels, [this.trainLabels.length / NUM_CLASSES, NUM_CLASSES]);
    return {xs, labels};
  }

  /**
   * Get all test data as a data tensor and a labels tensor.
   *
   * @param {number} numExamples Optional number of examples to get. If not
   *     provided,
   *   all test examples will be returned.
   * @returns
   *   xs: The data tensor, of shape `[numTestExamples, 28, 28, 1]`.
   *   labels: The one-hot encoded labels tensor, of shape
   *     `[numTestExamples, 10]`.
   */
  getTestData(numExamples) {
    let xs = tf.tensor4d(
        this.testImages,
        [this.testImages.length / IMAGE_SIZE, IMAGE_H, IMAGE_W, 1]);
    let labels = tf.tensor2d(
        this.testLabels, [this.testLabels.length / NUM_CLASSES, NUM_CLASSES]);

    if (numExamples != null) {
      xs = xs.slice([0, 0, 0, 0], [numExamples, IMAGE_H, IMAGE_W, 1]);
      labels = labels.slice([0, 0], [numExamples, NUM_CLASSES]);
    }
    return {xs, labels};
  }
}
