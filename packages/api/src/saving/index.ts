export type {
  IOHandler, ModelArtifacts, ModelArtifactsInfo, ModelJSON, ModelTopology, SaveResult, TrainingConfig, WeightSpec,
  WeightsManifestGroup, WeightDType, KerasObject, JsonObject, JsonValue,
} from './artifacts.js';
export { LAYERS_MODEL_FORMAT, WEIGHTS_FORMAT } from './artifacts.js';
export { MemoryHandler, memoryHandler, fromArtifacts, withSaveHandler } from './memory-handler.js';
export { FileHandler, fileSystem, type FileHandlerOptions } from './file-handler.js';
export { writeFilesAtomically, type AtomicFile, type AtomicWriteOptions } from './atomic-write.js';
export { MAX_JSON_BYTES, MAX_JSON_DEPTH } from './json-limits.js';
export { toModelJSON, fromModelJSON } from './model-json.js';
export { modelArtifacts, type SaveOptions } from './save-model.js';
export { loadModel, type LoadOptions } from './load-model.js';
export { WEIGHTS_FILE, type LoadWeightsOptions } from './weights-only.js';
export { toSnakeCase, toCamelCase, toKeras, fromKeras } from './keras-case.js';
