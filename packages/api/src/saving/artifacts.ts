/**
 * The TensorFlow.js layers-model format (tfjs-core `io`): what a model.json holds and what
 * an IOHandler moves. Field names are tfjs's, so artifacts pass between the two libraries.
 */

export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

export type WeightDType = 'float32' | 'int32' | 'bool';

/** One tensor in the binary weight data (tfjs's WeightsManifestEntry). */
export interface WeightSpec {
  name: string;
  shape: number[];
  dtype: WeightDType;
  /** 'optimizer' marks optimizer state; model weights carry no group (tfjs's convention). */
  group?: 'model' | 'optimizer';
}

/** Weight files and the tensors each holds, in byte order (tfjs's WeightsManifestGroupConfig). */
export interface WeightsManifestGroup {
  paths: string[];
  weights: WeightSpec[];
}

/** `{ class_name, config }`, Keras's serialised object. */
export interface KerasObject {
  class_name: string;
  config: JsonObject;
}

/** Keras's `model.to_json()`: the model (Sequential, or a functional graph) and its layers, snake_case configs. */
export interface ModelTopology {
  class_name: string;
  /** `{ name, layers }`; older files give the list of layers alone. */
  config: { name?: string; layers: KerasObject[] } | KerasObject[];
  keras_version?: string;
  backend?: string;
}

/** Keras's `training_config`: enough to compile the loaded model again. */
export interface TrainingConfig {
  loss: string | string[] | Record<string, string>;
  metrics?: string[] | Record<string, string | string[]> | null;
  optimizer_config: KerasObject;
  loss_weights?: number[] | Record<string, number> | null;
  sample_weight_mode?: string | null | Record<string, string | null>;
  weighted_metrics?: string[] | Record<string, string | string[]> | null;
}

/** What save hands to a handler and load gets back (tfjs's io.ModelArtifacts). */
export interface ModelArtifacts {
  /** Absent in weights-only artifacts (saveWeights), as tfjs allows. */
  modelTopology?: ModelTopology | JsonObject;
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
  trainingConfig?: TrainingConfig | null;
  weightSpecs?: WeightSpec[];
  /** Little-endian tensor bytes, concatenated in weightSpecs order (tfjs also allows a list of buffers). */
  weightData?: ArrayBuffer | ArrayBuffer[];
  userDefinedMetadata?: JsonObject;
}

/** The model.json file itself (tfjs's ModelJSON). */
export interface ModelJSON {
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
  /** Absent in a weights-only file (saveWeights). */
  modelTopology?: ModelTopology | JsonObject;
  trainingConfig?: TrainingConfig | null;
  weightsManifest: WeightsManifestGroup[];
  userDefinedMetadata?: JsonObject;
}

/** Sizes of what was saved (tfjs's ModelArtifactsInfo). */
export interface ModelArtifactsInfo {
  dateSaved: Date;
  modelTopologyType: 'JSON';
  modelTopologyBytes: number;
  weightSpecsBytes: number;
  weightDataBytes: number;
}

export interface SaveResult {
  modelArtifactsInfo: ModelArtifactsInfo;
  /** Whatever the handler's destination answered (a fetch Response, say). */
  responses?: unknown[];
}

/** Where a model goes to and comes from: a directory, memory, a server, IndexedDB, ... */
export interface IOHandler {
  save?(artifacts: ModelArtifacts): Promise<SaveResult>;
  load?(): Promise<ModelArtifacts>;
}

export const LAYERS_MODEL_FORMAT = 'layers-model';

/** The `format` of weights-only files and artifacts (saveWeights): a weights manifest, no topology. */
export const WEIGHTS_FORMAT = 'layers-model-weights';

const utf8Length = (s: string): number => new TextEncoder().encode(s).length;

function byteLength(data: ArrayBuffer | ArrayBuffer[] | undefined): number {
  if (data === undefined) return 0;
  return Array.isArray(data) ? data.reduce((n, b) => n + b.byteLength, 0) : data.byteLength;
}

/** The sizes tfjs reports for artifacts. */
export function artifactsInfo(artifacts: ModelArtifacts): ModelArtifactsInfo {
  return {
    dateSaved: new Date(),
    modelTopologyType: 'JSON',
    modelTopologyBytes: artifacts.modelTopology === undefined ? 0 : utf8Length(JSON.stringify(artifacts.modelTopology)),
    weightSpecsBytes: utf8Length(JSON.stringify(artifacts.weightSpecs ?? [])),
    weightDataBytes: byteLength(artifacts.weightData),
  };
}

/** One buffer from tfjs's `ArrayBuffer | ArrayBuffer[]`. */
export function concatWeightData(data: ArrayBuffer | ArrayBuffer[]): ArrayBuffer {
  if (!Array.isArray(data)) return data;
  const out = new Uint8Array(byteLength(data));
  let at = 0;
  for (const b of data) {
    out.set(new Uint8Array(b), at);
    at += b.byteLength;
  }
  return out.buffer;
}
