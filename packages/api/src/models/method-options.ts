import { optionKeys } from '@layerwise/data';
import type { EvaluateArgs, FitArgs, ModelArgs, PredictArgs, TestOnBatchArgs, TrainOnBatchArgs } from './model.js';
import type { SequentialArgs } from './sequential.js';

/** The options of the model methods, each read once per call (Keras's snake_case accepted, unknown keys refused). */

export const MODEL_OPTIONS = optionKeys<ModelArgs>()(['inputs', 'outputs', 'name', 'trainable']);

export const SEQUENTIAL_OPTIONS = optionKeys<SequentialArgs>()(['layers', 'name']);

export const FIT_OPTIONS = optionKeys<FitArgs>()([
  'batchSize', 'epochs', 'verbose', 'callbacks', 'validationSplit', 'validationData', 'shuffle', 'classWeight',
  'sampleWeight', 'initialEpoch', 'stepsPerEpoch', 'validationSteps', 'seed', 'allowNonFinite',
], {
  ignored: {
    // Keras 2.2.5+/tf.keras: validate every n epochs; layerwise validates after every epoch.
    validationFreq: { why: 'layerwise validates after every epoch (validationFreq 1)', accepts: (v) => v === 1 },
  },
});

export const EVALUATE_OPTIONS = optionKeys<EvaluateArgs>()([
  'batchSize', 'verbose', 'sampleWeight', 'steps', 'returnDict', 'allowNonFinite',
]);

export const PREDICT_OPTIONS = optionKeys<PredictArgs>()(['batchSize', 'verbose', 'steps']);

export const TRAIN_ON_BATCH_OPTIONS = optionKeys<TrainOnBatchArgs>()(['sampleWeight', 'classWeight', 'allowNonFinite']);

export const TEST_ON_BATCH_OPTIONS = optionKeys<TestOnBatchArgs>()(['sampleWeight', 'allowNonFinite']);
