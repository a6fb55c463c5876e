/**
 * The TensorFlow.js layers-model format (tfjs-core `io`): what a model.json holds and what
 * an IOHandler moves. Field names are tfjs's, so artifacts pass between the two libraries.
 */

export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
/** A JSON object: what configs and metadata are, once parsed. */
export interface JsonObject {
  [key: string]: JsonValue;
}

/** The element types a weight file may hold (tfjs's DataType, less string and complex64). */
export type WeightDType = 'float32' | 'int32' | 'bool';

/** One tensor in the binary weight data (tfjs's WeightsManifestEntry). */
export interface WeightSpec {
  /** The weight's name ('dense_1/kernel'); loading matches weights by it. */
  name: string;
  /** The tensor's shape; its bytes are the product times the dtype's size. */
  shape: number[];
  /** The element type of its bytes. */
  dtype: WeightDType;
  /** 'optimizer' marks optimizer state; model weights carry no group (tfjs's convention). */
  group?: 'model' | 'optimizer';
}

/** Weight files and the tensors each holds, in byte order (tfjs's WeightsManifestGroupConfig). */
export interface WeightsManifestGroup {
  /** The binary files, relative to the model.json ('weights.bin'); read in order, they are one byte stream. */
  paths: string[];
  /** The tensors in that stream, back to back in this order. */
  weights: WeightSpec[];
}

/** `{ class_name, config }`, Keras's serialised object. */
export interface KerasObject {
  /** The Keras class name ('Dense'). */
  class_name: string;
  /** Its constructor arguments, snake_case as Keras writes them. */
  config: JsonObject;
}

/** Keras's `model.to_json()`: the model (Sequential, or a functional graph) and its layers, snake_case configs. */
export interface ModelTopology {
  /** 'Sequential' or 'Model' (Keras 2's functional class). */
  class_name: string;
  /** `{ name, layers }`; older files give the list of layers alone. */
  config: {
    /** The model's name. */
    name?: string;
    /** Every layer, `{ class_name, config }` each (a functional model's also name their inbound nodes). */
    layers: KerasObject[];
  } | KerasObject[];
  /** The Keras version that wrote it ('2.2.4'); 'layerwise' when written here. */
  keras_version?: string;
  /** The Keras backend that wrote it ('tensorflow'); 'layerwise' when written here. */
  backend?: string;
}

/** Keras's `training_config`: enough to compile the loaded model again. */
export interface TrainingConfig {
  /** compile's `loss` by Keras name: one for every output, one per output, or one per output name. */
  loss: string | string[] | Record<string, string>;
  /** compile's `metrics` by name: one list for every output, or lists by output name. */
  metrics?: string[] | Record<string, string | string[]> | null;
  /** The optimizer, `{ class_name, config }` with Keras's snake_case arguments ('Adam', `{ lr, beta_1, ... }`). */
  optimizer_config: KerasObject;
  /** compile's `loss_weights`: per output, by position or by output name. */
  loss_weights?: number[] | Record<string, number> | null;
  /** compile's `sample_weight_mode`: null (per-sample) or 'temporal' (per time step), overall or by output name. */
  sample_weight_mode?: string | null | Record<string, string | null>;
  /** compile's `weighted_metrics`, shaped as `metrics`. */
  weighted_metrics?: string[] | Record<string, string | string[]> | null;
}

/** What save hands to a handler and load gets back (tfjs's io.ModelArtifacts). */
export interface ModelArtifacts {
  /** Absent in weights-only artifacts (saveWeights), as tfjs allows. */
  modelTopology?: ModelTopology | JsonObject;
  /** `LAYERS_MODEL_FORMAT` for a model, `WEIGHTS_FORMAT` for weights only. */
  format?: string;
  /** The library that wrote it ('layerwise' here; tfjs writes 'TensorFlow.js tfjs-layers v4.22.0'). */
  generatedBy?: string;
  /** The converter that made it from a Keras file, or null when written directly. */
  convertedBy?: string | null;
  /** How the model was compiled, or null/absent for an uncompiled one. */
  trainingConfig?: TrainingConfig | null;
  /** The tensors in `weightData`, in byte order. */
  weightSpecs?: WeightSpec[];
  /** Little-endian tensor bytes, concatenated in weightSpecs order (tfjs also allows a list of buffers). */
  weightData?: ArrayBuffer | ArrayBuffer[];
  /** The caller's own JSON, saved and loaded untouched. */
  userDefinedMetadata?: JsonObject;
}

/** The model.json file itself (tfjs's ModelJSON). */
export interface ModelJSON {
  /** `LAYERS_MODEL_FORMAT` for a model, `WEIGHTS_FORMAT` for weights only. */
  format?: string;
  /** The library that wrote it ('layerwise' here). */
  generatedBy?: string;
  /** The converter that made it from a Keras file, or null when written directly. */
  convertedBy?: string | null;
  /** Absent in a weights-only file (saveWeights). */
  modelTopology?: ModelTopology | JsonObject;
  /** How the model was compiled, or null/absent for an uncompiled one. */
  trainingConfig?: TrainingConfig | null;
  /** Where the weight bytes are and which tensors they hold. */
  weightsManifest: WeightsManifestGroup[];
  /** The caller's own JSON, saved and loaded untouched. */
  userDefinedMetadata?: JsonObject;
}

/** Sizes of what was saved (tfjs's ModelArtifactsInfo). */
export interface ModelArtifactsInfo {
  /** When the artifacts were made. */
  dateSaved: Date;
  /** Always 'JSON'. */
  modelTopologyType: 'JSON';
  /** UTF-8 bytes of the topology as JSON (0 for weights only). */
  modelTopologyBytes: number;
  /** UTF-8 bytes of the weight specs as JSON. */
  weightSpecsBytes: number;
  /** Bytes of the binary weight data. */
  weightDataBytes: number;
}

/** What `save` resolves to (tfjs's SaveResult). */
export interface SaveResult {
  /** Sizes of what was saved. */
  modelArtifactsInfo: ModelArtifactsInfo;
  /** Whatever the handler's destination answered (a fetch Response, say). */
  responses?: unknown[];
}

/** Where a model goes to and comes from: a directory, memory, a server, IndexedDB, ... */
export interface IOHandler {
  /** Stores `artifacts`; absent on a load-only handler. */
  save?(artifacts: ModelArtifacts): Promise<SaveResult>;
  /** Reads artifacts back; absent on a save-only handler. */
  load?(): Promise<ModelArtifacts>;
}

/** The `format` of a model's artifacts and model.json, as tfjs writes it. */
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
