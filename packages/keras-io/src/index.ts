/**
 * Keras's own files: `.h5` (Keras 2, tf.keras) and `.keras` (Keras 3) models and weights, read and
 * written in Node and the browser (`loadModel(kerasFile('model.h5'))`, `model.save(kerasFile('model.keras'))`).
 *
 * @module @layerwise/keras-io
 */
export { kerasFile, artifactsFromBytes, bytesFromArtifacts, type KerasFileOptions, type KerasFormat, type KerasTarget } from './handler.js';
export type { KerasSource } from './io/source.js';
export { DEFAULT_LIMITS, type ReadLimits } from './limits.js';
export { loadKerasWeights, saveKerasWeights, type KerasWeightsOptions } from './weights.js';
