import { layers as apiLayers } from '@layerwise/api';
import { canonicalRegularizer, dtypeName, stripWrappers } from './keras-object.js';
import { canonicalClassName, convertLegacyArgs } from './legacy.js';
import { dropIgnorableKeys, knownLayerKeys } from './ignorable-keys.js';
import { numberingOf, translateEnds, translateNodes, type Keras2Node, type TensorRef } from './functional-config.js';
import { isMap, show, type Json, type JsonMap } from './json.js';

/**
 * One layer as layerwise's loader reads it: Keras 2 class name and snake_case config; in a
 * functional model also its name and calls. A nested model is a layer whose class is
 * 'Sequential' or 'Model' and whose config is that model's.
 */
export interface KerasLayer {
  class_name: string;
  config: JsonMap;
  name?: string;
  inbound_nodes?: Keras2Node[];
}

/** A Sequential model as layerwise's loader reads it. */
export interface SequentialTopology {
  class_name: 'Sequential';
  config: { name: string; layers: KerasLayer[] };
}

/** A functional model as layerwise's loader reads it: Keras 2's graph config. */
export interface FunctionalTopology {
  class_name: 'Model';
  config: { name: string; layers: KerasLayer[]; input_layers: TensorRef[]; output_layers: TensorRef[] };
}

/** A model config of any Keras version, in the Keras 2 form layerwise's loader reads (tfjs's topology). */
export type ModelTopology = SequentialTopology | FunctionalTopology;

/** Nested models deeper than this are refused (the api's loader stops at 16). */
const MAX_NESTING = 16;

/** 'Sequential' or 'Functional' for a model's class name (Keras 2 and tfjs write 'Model', tf.keras 2.4+ and Keras 3 'Functional'). */
export function modelKind(className: string): 'Sequential' | 'Functional' | null {
  if (className === 'Sequential') return 'Sequential';
  return className === 'Model' || className === 'Functional' ? 'Functional' : null;
}

function layerEntries(config: Json, where: string): JsonMap[] {
  const list = Array.isArray(config) ? config : isMap(config) ? config.layers : undefined;
  if (!Array.isArray(list)) throw new Error(`${where}: the model config has no list of layers`);
  return list.map((entry, i) => {
    if (!isMap(entry) || typeof entry.class_name !== 'string' || !isMap(entry.config)) {
      throw new Error(`${where}: layer ${i} must be { class_name, config }, got ${show(entry)}`);
    }
    return entry;
  });
}

const nameOf = (entry: JsonMap): string => String(entry.name ?? (entry.config as JsonMap).name);

/** A Keras 2 layer config from any version's entry (nested models translated whole). */
function translateLayer(entry: JsonMap, where: string, depth: number, keras3: boolean): KerasLayer {
  const className = canonicalClassName(entry.class_name as string);
  const here = `${where}: layer '${nameOf(entry)}' (${className})`;
  if (modelKind(className)) {
    const nested = translateModel({ class_name: className, config: entry.config }, undefined, here, depth + 1, keras3);
    return { class_name: nested.class_name, config: nested.config as unknown as JsonMap };
  }
  let config = convertLegacyArgs(className, { ...(entry.config as JsonMap) }, here);
  if (config.dtype !== undefined) config.dtype = dtypeName(config.dtype) ?? null;
  for (const key of Object.keys(config)) if (key.endsWith('_regularizer')) config[key] = canonicalRegularizer(config[key]);
  if ('batch_shape' in config) {
    if (config.batch_input_shape === undefined) config.batch_input_shape = config.batch_shape;
    delete config.batch_shape;
  }
  // tf.keras 2.x writes BatchNormalization's axis as a list of one axis.
  if (className === 'BatchNormalization' && Array.isArray(config.axis) && config.axis.length === 1) config.axis = config.axis[0];
  if (className === 'InputLayer') {
    // Keras 3 and tf.keras extras of the input (sparse, ragged, optional) must be off.
    const { batch_input_shape, dtype, name: inputName } = config;
    dropIgnorableKeys(config, new Set(['batch_input_shape', 'dtype', 'name', 'input_shape', 'batch_size']), here);
    return { class_name: className, config: { batch_input_shape: batch_input_shape ?? null, dtype: dtype ?? 'float32', name: inputName ?? nameOf(entry) } };
  }
  // A class layerwise does not know (a Keras Lambda, a custom layer) goes to the loader as it is:
  // loadModel's customObjects may supply it, and the loader's error names it otherwise.
  if (!apiLayers.registeredLayerClasses().includes(className)) return { class_name: className, config };
  config = dropIgnorableKeys(config, knownLayerKeys(className, config, here), here);
  return { class_name: className, config };
}

/** The model's Keras 3 build input shape, where no layer states one. */
function buildInputShape(raw: JsonMap): Json | undefined {
  const cfg = raw.config;
  if (isMap(cfg) && cfg.build_input_shape !== undefined) return cfg.build_input_shape;
  if (isMap(raw.build_config)) return raw.build_config.input_shape;
  return undefined;
}

function translateModel(model: JsonMap, inputShape: Json | undefined, where: string, depth: number, keras3: boolean): ModelTopology {
  if (depth > MAX_NESTING) throw new Error(`${where}: models are nested more than ${MAX_NESTING} deep`);
  const kind = modelKind(String(model.class_name));
  const config = model.config;
  const entries = layerEntries(config, where);
  const name = isMap(config) && typeof config.name === 'string' ? config.name : kind === 'Functional' ? 'model' : 'sequential';
  if (kind === 'Sequential') {
    const layers = entries.map((e) => translateLayer(e, where, depth, keras3));
    const first = layers.find((l) => l.class_name !== 'InputLayer');
    if (first && layers[0] === first && !modelKind(first.class_name) && first.config.batch_input_shape === undefined && inputShape !== undefined) first.config.batch_input_shape = inputShape;
    return { class_name: 'Sequential', config: { name, layers } };
  }
  if (kind !== 'Functional' || !isMap(config)) {
    throw new Error(`${where}: the file holds a '${String(model.class_name)}' model; only Sequential and functional (Model) models can be loaded (a subclassed model has no config to rebuild it from)`);
  }
  const numbering = numberingOf(entries, modelKind, keras3);
  const layers = entries.map((e) => {
    const layer = translateLayer(e, where, depth, keras3);
    const layerName = nameOf(e);
    return { ...layer, name: layerName, inbound_nodes: translateNodes(e.inbound_nodes, numbering, `${where}: layer '${layerName}'`) };
  });
  return {
    class_name: 'Model',
    config: {
      name, layers,
      input_layers: translateEnds(config.input_layers, numbering, `${where}: input_layers`),
      output_layers: translateEnds(config.output_layers, numbering, `${where}: output_layers`),
    },
  };
}

/**
 * Translates a model config of any Keras version (Sequential or functional, nested models
 * included) into the Keras 2 topology layerwise's loadModel reads. Only names and spellings
 * change; every setting keeps its meaning or is refused. `keras3`: Keras 3 wrote the file (a
 * .keras archive, or an .h5 whose keras_version is 3.x), which numbers nested models' calls its own way.
 */
export function toModelTopology(modelConfig: Json, where: string, keras3: boolean): ModelTopology {
  if (!isMap(modelConfig) || typeof modelConfig.class_name !== 'string') throw new Error(`${where}: the model config must be { class_name, config }, got ${show(modelConfig)}`);
  const inputShape = buildInputShape(modelConfig);
  return translateModel(stripWrappers(modelConfig) as JsonMap, inputShape, where, 0, keras3);
}

/** A layer of a model and, for a nested model, its own layers: how Keras files group weights. */
export interface LayerTree {
  name: string;
  className: string;
  layers?: LayerTree[];
}

/** The layers of a topology (layerwise's or translated), nested models opened up. */
export function layerTree(topology: { class_name: string; config: unknown }): LayerTree[] {
  const entries = (Array.isArray(topology.config) ? topology.config : (topology.config as { layers: JsonMap[] }).layers) as JsonMap[];
  return entries.map((e) => {
    const className = String(e.class_name);
    const node: LayerTree = { name: nameOf(e), className };
    if (modelKind(className)) node.layers = layerTree({ class_name: className, config: e.config });
    return node;
  });
}

/** The weight-owning layers of a tree, nested models' included, as [layer, class] pairs. */
export function leafClasses(tree: readonly LayerTree[]): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (nodes: readonly LayerTree[]): void => {
    for (const n of nodes) {
      if (n.layers) walk(n.layers);
      else out.set(n.name, n.className);
    }
  };
  walk(tree);
  return out;
}
