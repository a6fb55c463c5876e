export type {
  IOHandler, ModelArtifacts, ModelArtifactsInfo, ModelJSON, ModelTopology, SaveResult, TrainingConfig, WeightSpec,
  WeightsManifestGroup, WeightDType, KerasObject, JsonObject, JsonValue,
} from './artifacts.js';
export { LAYERS_MODEL_FORMAT } from './artifacts.js';
export { MemoryHandler, memoryHandler, fromArtifacts, withSaveHandler } from './memory-handler.js';
export { FileHandler, fileSystem } from './file-handler.js';
export { toModelJSON, fromModelJSON } from './model-json.js';
export { modelArtifacts, type SaveOptions } from './save-model.js';
export { loadModel, type LoadOptions } from './load-model.js';
export { toSnakeCase, toCamelCase, toKeras, fromKeras } from './keras-case.js';
