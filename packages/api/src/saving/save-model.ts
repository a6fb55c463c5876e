import { optionKeys } from '@layerwise/data';
import type { Model } from '../models/model.js';
import type { Tensor } from '../tensor/tensor.js';
import type { LayerVariable } from '../layers/variable.js';
import { reshape } from '../ops/reshape.js';
import { LAYERS_MODEL_FORMAT, type IOHandler, type JsonObject, type ModelArtifacts, type SaveResult, type WeightSpec } from './artifacts.js';
import { modelTopology, weightLayers } from './topology.js';
import { tfjsCanRead, trainingConfig } from './training-config.js';
import { optimizerWeights } from './optimizer-state.js';
import { encodeWeights } from './weight-data.js';
import { resolveHandler } from './resolve-handler.js';

/** Options of `model.save` (and `modelArtifacts`). */
export interface SaveOptions {
  /**
   * Also save the compiled training config and the optimizer state, so the loaded model is
   * compiled and resumes training where this one stopped. Default true (tfjs's default is false).
   */
  includeOptimizer?: boolean;
}

export const GENERATED_BY = 'layerwise';

/**
 * tfjs's weight names: '<layer name>/<weight name>' ('dense/kernel', 'time_distributed/kernel'),
 * or the weight's own name where the layer scoped it (Keras's 'bidirectional/forward_lstm/kernel').
 */
export function savedWeightNames(model: Model): Map<LayerVariable, string> {
  const names = new Map<LayerVariable, string>();
  const seen = new Set<string>();
  for (const layer of weightLayers(model)) {
    for (const w of layer.weights) {
      const name = w.name.startsWith(`${layer.name}/`) ? w.name : `${layer.name}/${w.name.slice(w.name.lastIndexOf('/') + 1)}`;
      if (seen.has(name)) throw new Error(`save: two weights would both be saved as '${name}'`);
      seen.add(name);
      names.set(w, name);
    }
  }
  return names;
}

const OPTIONS = optionKeys<SaveOptions>()(['includeOptimizer'], {
  ignored: { overwrite: { why: 'saving replaces what is there (Keras overwrite=True)', accepts: (v) => v === true } },
});

/** The model as tfjs layers-model artifacts: topology, weights and (by default) training state. */
export async function modelArtifacts(model: Model, options: SaveOptions = {}): Promise<ModelArtifacts> {
  options = OPTIONS.read(options, 'save');
  if (model.layers.length === 0) throw new Error(`save: the model '${model.name}' has no layers`);
  const includeOptimizer = options.includeOptimizer ?? true;
  const topology = modelTopology(model);
  const names = savedWeightNames(model);
  const compiled = includeOptimizer ? model.compileState : null;
  const tc = compiled ? trainingConfig(compiled) : null;
  const owned: Tensor[] = [];
  try {
    const encoded = await encodeModelWeights(model, names);
    const specs = encoded.specs;
    const parts = [encoded.data];
    if (compiled) {
      const state = optimizerWeights(compiled.optimizer, model.trainableWeights, names);
      owned.push(...state.map((s) => s.tensor));
      const opt = await encodeWeights(state, 'optimizer');
      specs.push(...opt.specs);
      parts.push(opt.data);
    }
    const data = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
    let at = 0;
    for (const p of parts) {
      data.set(new Uint8Array(p), at);
      at += p.byteLength;
    }
    const artifacts: ModelArtifacts = {
      modelTopology: topology,
      format: LAYERS_MODEL_FORMAT,
      generatedBy: GENERATED_BY,
      convertedBy: null,
      weightSpecs: specs,
      weightData: data.buffer,
    };
    // Where tfjs-layers cannot compile from it (Nadam, SGD with momentum, ...), the training
    // config goes where a converted Keras file keeps it: tfjs then loads the model uncompiled
    // instead of failing, and loadModel compiles from it all the same.
    if (tc && tfjsCanRead(tc, compiled!.optimizer)) artifacts.trainingConfig = tc;
    else if (tc) artifacts.modelTopology = { model_config: topology as unknown as JsonObject, training_config: tc as unknown as JsonObject };
    return artifacts;
  } finally {
    for (const t of owned) t.dispose();
  }
}

/** The model's weights (not the optimizer's), encoded under their saved names. */
export async function encodeModelWeights(model: Model, names: ReadonlyMap<LayerVariable, string>): Promise<{ specs: WeightSpec[]; data: ArrayBuffer }> {
  const owned: Tensor[] = [];
  try {
    return await encodeWeights(model.weights.map((w) => {
      const t = reshape(w.value, w.shape);
      owned.push(t);
      return { name: names.get(w)!, tensor: t };
    }));
  } finally {
    for (const t of owned) t.dispose();
  }
}

/** `model.save(pathOrHandler)`: a directory (Node) or any IOHandler. */
export async function saveModel(model: Model, pathOrHandler: string | IOHandler, options: SaveOptions = {}): Promise<SaveResult> {
  options = OPTIONS.read(options, 'save');
  const handler = resolveHandler(pathOrHandler, 'save', 'save');
  const artifacts = await modelArtifacts(model, options);
  return handler.save!(artifacts);
}
