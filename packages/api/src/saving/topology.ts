import type { Sequential } from '../models/sequential.js';
import type { Layer } from '../layers/layer.js';
import { deserializeLayer, registeredLayerClasses } from '../layers/registry.js';
import type { JsonObject, JsonValue, KerasObject, ModelTopology } from './artifacts.js';
import { fromKeras, isJsonObject, toKeras, toSnakeCase } from './keras-case.js';

/** The Keras `model.to_json()` of a Sequential, as tfjs-layers writes it. */
export function modelTopology(model: Sequential): ModelTopology {
  const layers: KerasObject[] = model.layers.map((layer, i) => {
    const config = layer.getConfig();
    // A model built by build()/fit() knows its input shape though its first layer was given none;
    // Keras needs it on the first layer to rebuild the model (and so to load its weights).
    if (i === 0 && config.batchInputShape === undefined && layer.inputShape) config.batchInputShape = layer.inputShape;
    return { class_name: layer.className, config: toKeras(config, `save: layer '${layer.name}' config`) as JsonObject };
  });
  return { class_name: 'Sequential', config: { name: model.name, layers }, keras_version: 'layerwise', backend: 'layerwise' };
}

/** One layer of a saved topology, its config already camelCase. */
export interface LayerSpec {
  className: string;
  config: Record<string, unknown>;
}

// Keras arguments a layer might not take (a constraint, an activity regularizer): when the
// recreated layer's config lacks one the file sets, refuse the file rather than drop it silently.
const DROPPABLE_KEYS = /(Constraint|^activityRegularizer)$/;

/** Reads a saved topology (tfjs's, or a converted Keras file's) without building anything. */
export function parseTopology(topology: unknown, where: string): { name: string | undefined; layers: LayerSpec[] } {
  let top = topology;
  // Converted Keras files wrap the model: { keras_version, backend, model_config: { class_name, config } }.
  if (isJsonObject(top) && isJsonObject(top.model_config)) top = top.model_config;
  if (!isJsonObject(top)) throw new Error(`${where}: modelTopology must be an object, got ${JSON.stringify(top)?.slice(0, 80)}`);
  if (top.class_name !== 'Sequential') {
    throw new Error(`${where}: only Sequential models can be loaded, but the file holds a '${String(top.class_name)}' model`);
  }
  const config = top.config;
  let name: string | undefined;
  let entries: JsonValue[];
  if (Array.isArray(config)) {
    entries = config;
  } else if (isJsonObject(config) && Array.isArray(config.layers)) {
    entries = config.layers;
    if (typeof config.name === 'string') name = config.name;
  } else {
    throw new Error(`${where}: modelTopology.config must be { name, layers: [...] } or a list of layers`);
  }
  const known = registeredLayerClasses();
  let pendingInputShape: JsonValue | undefined;
  const layers: LayerSpec[] = [];
  entries.forEach((entry, i) => {
    if (!isJsonObject(entry) || typeof entry.class_name !== 'string' || !isJsonObject(entry.config)) {
      throw new Error(`${where}: layer ${i} must be { class_name, config }, got ${JSON.stringify(entry)?.slice(0, 80)}`);
    }
    const className = entry.class_name;
    const cfg: JsonObject = { ...entry.config };
    if (className === 'InputLayer') {
      // Keras >= 2.4 writes the input as a layer of its own; it becomes the next layer's input shape.
      if (layers.length > 0) throw new Error(`${where}: an InputLayer may only come first (layer ${i})`);
      pendingInputShape = cfg.batch_input_shape ?? cfg.batch_shape;
      return;
    }
    if (!known.includes(className)) {
      throw new Error(`${where}: layer ${i} ('${String(cfg.name)}') has unknown class '${className}'; known: ${[...known].sort().join(', ')}`);
    }
    // tf.keras mixed-precision files give dtype as a policy object.
    if (isJsonObject(cfg.dtype) && isJsonObject(cfg.dtype.config) && typeof cfg.dtype.config.name === 'string') cfg.dtype = cfg.dtype.config.name;
    if (pendingInputShape !== undefined) {
      if (cfg.batch_input_shape === undefined) cfg.batch_input_shape = pendingInputShape;
      pendingInputShape = undefined;
    }
    layers.push({ className, config: fromKeras(cfg) as Record<string, unknown> });
  });
  return { name, layers };
}

/** Creates the layers; if one fails, those already made are freed and the error names the layer. */
export function makeLayers(specs: readonly LayerSpec[], where: string): Layer[] {
  const made: Layer[] = [];
  try {
    for (const [i, spec] of specs.entries()) {
      try {
        const layer = deserializeLayer(spec.className, spec.config);
        made.push(layer);
        const kept = layer.getConfig();
        for (const [key, value] of Object.entries(spec.config)) {
          if (DROPPABLE_KEYS.test(key) && value !== null && (kept[key] === null || kept[key] === undefined)) {
            throw new Error(`it sets '${toSnakeCase(key)}', which layerwise's ${spec.className} does not support`);
          }
        }
      } catch (err) {
        throw new Error(`${where}: cannot recreate layer ${i} ('${String(spec.config.name)}', ${spec.className}): ${(err as Error).message}`, { cause: err });
      }
    }
  } catch (err) {
    for (const l of made) l.dispose();
    throw err;
  }
  return made;
}
