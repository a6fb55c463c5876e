import { saving } from '@layerwise/api';
import { isMap, show, type JsonMap } from '../config/json.js';
import { layerTree, leafClasses, type LayerTree } from '../config/model-config.js';
import { sizeOf, type HostTensor } from './tensors.js';

/** What a save hands over, split into the parts a Keras file holds. */
export interface SavedModel {
  /** `{ class_name, config }` of the model, Keras JSON. */
  modelConfig: JsonMap;
  /** Layer names and classes, in model order; a nested model's with its own layers. */
  layers: LayerTree[];
  /** Model weights, in model order, named '<layer>/<weight>' by the layer that owns them (inside nested models too). */
  weights: HostTensor[];
  trainingConfig: saving.TrainingConfig | null;
  /** Optimizer state in layerwise's order (iter, [m_schedule], slots kind-major). */
  optimizerState: HostTensor[];
}

/** Splits layerwise's save artifacts (tfjs format) into model config, weights and training state. */
export function decodeArtifacts(artifacts: saving.ModelArtifacts, where: string): SavedModel {
  // A training config tfjs-layers cannot read (Nadam, SGD with momentum, ...) is saved beside
  // the topology, under model_config, as in a converted Keras file.
  const raw = artifacts.modelTopology as unknown as JsonMap;
  const topology = (isMap(raw) && isMap(raw.model_config) ? raw.model_config : raw) as JsonMap;
  const savedTc = artifacts.trainingConfig ?? (isMap(raw) && isMap(raw.training_config) ? raw.training_config as unknown as saving.TrainingConfig : null);
  const tfjsRms = savedTc?.optimizer_config.class_name === 'RMSProp';
  if (!isMap(topology) || typeof topology.class_name !== 'string' || !isMap(topology.config)) {
    throw new Error(`${where}: the model's topology is not { class_name, config }`);
  }
  if (!Array.isArray(topology.config.layers)) throw new Error(`${where}: the model's topology lists no layers`);
  const layers = layerTree({ class_name: topology.class_name, config: topology.config });
  const specs = artifacts.weightSpecs ?? [];
  const data = artifacts.weightData === undefined ? new ArrayBuffer(0) : Array.isArray(artifacts.weightData) ? concat(artifacts.weightData) : artifacts.weightData;
  let at = 0;
  const weights: HostTensor[] = [];
  const optimizerState: HostTensor[] = [];
  for (const spec of specs) {
    if (spec.dtype === 'bool') throw new Error(`${where}: weight '${spec.name}' is bool; Keras files hold numbers`);
    const n = sizeOf(spec.shape);
    const bytes = data.slice(at, at + n * 4);
    at += n * 4;
    const t = { name: spec.name, shape: spec.shape.slice(), data: spec.dtype === 'int32' ? new Int32Array(bytes) : new Float32Array(bytes) };
    // tfjs's RMSProp keeps a momentum slot per weight, zeros for an RMSprop without momentum.
    if (spec.group === 'optimizer' && tfjsRms && spec.name.endsWith('/momentum')) continue;
    (spec.group === 'optimizer' ? optimizerState : weights).push(t);
  }
  return {
    modelConfig: { class_name: topology.class_name, config: topology.config },
    layers, weights, trainingConfig: savedTc && tfjsRms ? kerasRmsprop(savedTc) : savedTc, optimizerState,
  };
}

/** An RMSprop saved for tfjs-layers, as tfjs's RMSProp (its `decay` is rho), in Keras's terms again. */
function kerasRmsprop(tc: saving.TrainingConfig): saving.TrainingConfig {
  const c = tc.optimizer_config.config as JsonMap;
  if (c.momentum !== undefined && c.momentum !== 0) throw new Error(`tfjs's RMSProp with momentum ${show(c.momentum)} has no Keras counterpart`);
  return { ...tc, optimizer_config: { class_name: 'RMSprop', config: { learning_rate: c.learning_rate, rho: c.decay, epsilon: c.epsilon, decay: 0 } } } as saving.TrainingConfig;
}

function concat(parts: ArrayBuffer[]): ArrayBuffer {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(new Uint8Array(p), at);
    at += p.byteLength;
  }
  return out.buffer;
}


/**
 * Each top-level layer's weights, in model order: its own, or for a nested model those of its
 * layers (Keras keeps a nested model's weights in one group, named '<inner layer>/<weight>').
 */
export function weightsByLayer(model: Pick<SavedModel, 'layers' | 'weights'>, where: string): Map<string, HostTensor[]> {
  const ownerOf = new Map<string, string>();
  for (const layer of model.layers) {
    for (const leaf of layer.layers ? leafClasses(layer.layers).keys() : [layer.name]) if (!ownerOf.has(leaf)) ownerOf.set(leaf, layer.name);
  }
  const out = new Map(model.layers.map((l) => [l.name, [] as HostTensor[]]));
  for (const w of model.weights) {
    const owner = ownerOf.get(w.name.slice(0, w.name.indexOf('/')));
    if (owner === undefined) throw new Error(`${where}: weight '${w.name}' belongs to no layer of the model`);
    out.get(owner)!.push(w);
  }
  return out;
}
