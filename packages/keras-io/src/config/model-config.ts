import { dtypeName, stripWrappers } from './keras-object.js';
import { canonicalClassName, convertLegacyArgs } from './legacy.js';
import { dropIgnorableKeys, knownLayerKeys } from './ignorable-keys.js';
import { isMap, show, type Json, type JsonMap } from './json.js';

/** One layer as layerwise's loader reads it: Keras 2 class name and snake_case config. */
export interface KerasLayer {
  class_name: string;
  config: JsonMap;
}

/** A model config (Keras 2.0-2.3, tf.keras 2.x or Keras 3) as the Sequential topology layerwise loads. */
export interface SequentialTopology {
  class_name: 'Sequential';
  config: { name: string; layers: KerasLayer[] };
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

/** The layer names feeding a functional layer's first node (Keras 2 lists or Keras 3 __keras_tensor__ args). */
function inboundNames(entry: JsonMap, where: string): string[] | null {
  const nodes = entry.inbound_nodes;
  if (!Array.isArray(nodes) || nodes.length === 0) return [];
  if (nodes.length > 1) return null;
  const node = nodes[0];
  const names: string[] = [];
  const collect = (v: Json): void => {
    if (Array.isArray(v) && typeof v[0] === 'string' && typeof v[1] === 'number') names.push(v[0]);
    else if (Array.isArray(v)) v.forEach(collect);
    else if (isMap(v) && v.class_name === '__keras_tensor__' && isMap(v.config) && Array.isArray(v.config.keras_history)) collect(v.config.keras_history);
    else if (isMap(v) && Array.isArray(v.args)) collect(v.args);
  };
  collect(node);
  if (names.length === 0) throw new Error(`${where}: layer '${String(entry.name ?? (entry.config as JsonMap).name)}' has inbound nodes this reader does not understand: ${show(node)}`);
  return names;
}

/**
 * A functional model whose layers form one chain (input -> a -> b -> output) as the same layers
 * in a Sequential; anything else (branches, several inputs or outputs, shared layers) is an
 * error until layerwise's functional Model can hold it.
 */
function chainOf(config: JsonMap, entries: JsonMap[], where: string): JsonMap[] {
  const byName = new Map<string, JsonMap>();
  const next = new Map<string, string[]>();
  let start: JsonMap | null = null;
  for (const e of entries) {
    const name = String(e.name ?? (e.config as JsonMap).name);
    byName.set(name, e);
    const inputs = inboundNames(e, where);
    if (inputs === null) throw new Error(`${where}: layer '${name}' is called more than once (a shared layer); only chains of layers load as Sequential for now`);
    if (inputs.length > 1) throw new Error(`${where}: layer '${name}' (${String(e.class_name)}) takes ${inputs.length} inputs; only functional models that are a single chain of layers can be loaded for now`);
    if (inputs.length === 0) {
      if (start) throw new Error(`${where}: the model has several inputs; only functional models that are a single chain of layers can be loaded for now`);
      start = e;
    } else {
      next.set(inputs[0], [...(next.get(inputs[0]) ?? []), name]);
    }
  }
  if (!start) throw new Error(`${where}: the functional model has no input layer`);
  const chain: JsonMap[] = [start];
  for (let at = String(start.name ?? (start.config as JsonMap).name); next.has(at);) {
    const outs = next.get(at)!;
    if (outs.length > 1) throw new Error(`${where}: layer '${at}' feeds ${outs.length} layers (${outs.join(', ')}); only functional models that are a single chain of layers can be loaded for now`);
    at = outs[0];
    chain.push(byName.get(at)!);
  }
  if (chain.length !== entries.length) throw new Error(`${where}: ${entries.length - chain.length} layer(s) are not on the chain from the input to the output`);
  const outputs = JSON.stringify(config.output_layers ?? null);
  const last = String(chain[chain.length - 1].name ?? (chain[chain.length - 1].config as JsonMap).name);
  if (config.output_layers !== undefined && !outputs.includes(JSON.stringify(last))) throw new Error(`${where}: the model's output is not the end of its chain of layers`);
  return chain;
}

/** A Keras 2 layer config from any version's entry; `first` marks the model's first layer. */
function translateLayer(entry: JsonMap, where: string): KerasLayer {
  const className = canonicalClassName(entry.class_name as string);
  const name = (entry.config as JsonMap).name;
  const here = `${where}: layer '${String(name)}' (${className})`;
  let config = convertLegacyArgs(className, { ...(entry.config as JsonMap) }, here);
  if (config.dtype !== undefined) config.dtype = dtypeName(config.dtype) ?? null;
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
    return { class_name: className, config: { batch_input_shape: batch_input_shape ?? null, dtype: dtype ?? 'float32', name: inputName ?? null } };
  }
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

/**
 * Translates a model config of any Keras version into the Sequential topology layerwise's
 * loadModel reads. Only names and spellings change; every setting keeps its meaning or is refused.
 */
export function toSequentialTopology(modelConfig: Json, where: string): SequentialTopology {
  if (!isMap(modelConfig) || typeof modelConfig.class_name !== 'string') throw new Error(`${where}: the model config must be { class_name, config }, got ${show(modelConfig)}`);
  const inputShape = buildInputShape(modelConfig);
  const model = stripWrappers(modelConfig) as JsonMap;
  const kind = model.class_name as string;
  const config = model.config;
  let entries = layerEntries(config, where);
  if (kind === 'Model' || kind === 'Functional') {
    entries = chainOf(config as JsonMap, entries, where);
  } else if (kind !== 'Sequential') {
    throw new Error(`${where}: the file holds a '${kind}' model; only Sequential and functional (Model) models can be loaded (a subclassed model has no config to rebuild it from)`);
  }
  const layers = entries.map((e) => translateLayer(e, where));
  const first = layers.find((l) => l.class_name !== 'InputLayer');
  if (first && layers[0] === first && first.config.batch_input_shape === undefined && inputShape !== undefined) first.config.batch_input_shape = inputShape;
  const name = isMap(config) && typeof config.name === 'string' ? config.name : 'sequential';
  return { class_name: 'Sequential', config: { name, layers } };
}
