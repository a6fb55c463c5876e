export { kerasFile, artifactsFromBytes, bytesFromArtifacts, type KerasFileOptions, type KerasFormat, type KerasTarget } from './handler.js';
export type { KerasSource } from './io/source.js';
export { DEFAULT_LIMITS, type ReadLimits } from './limits.js';
export { loadKerasWeights, saveKerasWeights, type KerasWeightsOptions } from './weights.js';
