import { isMap, type Json, type JsonMap } from '../config/json.js';
import { modelKind } from '../config/model-config.js';

/** Keras 3 modules of the objects a layer config holds, by the config key's suffix. */
const MODULES: readonly [RegExp, string][] = [[/initializer$/, 'keras.initializers'], [/regularizer$/, 'keras.regularizers'], [/constraint$/, 'keras.constraints']];

/** Keras 3's serialized object: `{ module, class_name, config, registered_name }`. */
export const wrap = (module: string, className: string, config: Json): JsonMap => ({ module, class_name: className, config, registered_name: null });
const policy = (dtype: Json): JsonMap => wrap('keras', 'DTypePolicy', { name: dtype ?? 'float32' });

/** A Keras 2 layer config in Keras 3's serialization (wrapped objects, DTypePolicy, no batch_input_shape). */
function keras3Layer(entry: JsonMap, inputShape: Json | undefined): JsonMap {
  const className = String(entry.class_name);
  const config: JsonMap = {};
  for (const [key, value] of Object.entries(entry.config as JsonMap)) {
    if (key === 'batch_input_shape') continue;
    const module = MODULES.find(([re]) => re.test(key))?.[1];
    if (key === 'dtype') config.dtype = policy(value);
    else if (module && isMap(value) && typeof value.class_name === 'string') config[key] = wrap(module, value.class_name, value.config ?? {});
    else config[key] = value;
  }
  const out = wrap('keras.layers', className, config);
  if (inputShape !== undefined) out.build_config = { input_shape: inputShape };
  return out;
}

/** A layer of a model, or a nested model, in Keras 3's serialization. */
function keras3Entry(entry: JsonMap, where: string): JsonMap {
  return modelKind(String(entry.class_name)) ? keras3Model(entry, where) : keras3Layer(entry, undefined);
}

/** Keras 3's Sequential config: an InputLayer first, then the layers, the first with its build shape. */
function keras3Sequential(cfg: JsonMap, where: string): JsonMap {
  const layers = (cfg.layers as JsonMap[]).slice();
  const first = layers[0]?.config as JsonMap | undefined;
  const batchShape = first?.batch_input_shape;
  if (batchShape === undefined) throw new Error(`${where}: the model '${String(cfg.name)}' has no input shape; build it before saving as .keras`);
  const input = wrap('keras.layers', 'InputLayer', { batch_shape: batchShape, dtype: first?.dtype ?? 'float32', sparse: false, name: 'input_layer' });
  const entries = layers.map((l, i) => (i === 0 && !modelKind(String(l.class_name)) ? keras3Layer(l, batchShape) : keras3Entry(l, where)));
  return {
    module: 'keras', class_name: 'Sequential',
    config: { name: cfg.name ?? 'sequential', trainable: true, dtype: policy('float32'), layers: [input, ...entries], build_input_shape: batchShape },
    registered_name: null, build_config: { input_shape: batchShape },
  };
}

type Ref = [string, number, number, ...Json[]];

/**
 * Keras 3's Functional config. Calls are written in Keras 2's list form, which Keras 3's
 * functional_from_config reads (deserialize_node's legacy case) without the tensor shapes its
 * own `{ args, kwargs }` form would need. Keras 3 counts a nested model's calls from 0 there
 * (layerwise from 1: node 0 is the model's own graph), and a nested Sequential's from 0 in
 * input_layers/output_layers too.
 */
function keras3Functional(cfg: JsonMap, where: string): JsonMap {
  const entries = cfg.layers as JsonMap[];
  const nested = new Map(entries.filter((e) => modelKind(String(e.class_name))).map((e) => [String(e.name), modelKind(String(e.class_name))]));
  const shift = (ref: Ref, inCall: boolean): Ref => {
    const kind = nested.get(ref[0]);
    return kind === 'Sequential' || (kind !== undefined && inCall) ? [ref[0], ref[1] - 1, ...ref.slice(2)] as Ref : ref;
  };
  const layers = entries.map((e) => {
    const inbound = (e.inbound_nodes as Ref[][] | undefined ?? []).map((node) => node.map((ref) => shift(ref, true)));
    if (e.class_name === 'InputLayer') {
      const c = e.config as JsonMap;
      const input = wrap('keras.layers', 'InputLayer', { batch_shape: c.batch_input_shape ?? null, dtype: c.dtype ?? 'float32', sparse: false, name: c.name ?? e.name });
      return { ...input, name: e.name, inbound_nodes: [] };
    }
    return { ...keras3Entry(e, where), name: e.name, inbound_nodes: inbound as unknown as Json };
  });
  const ends = (refs: Json) => (refs as Ref[]).map((r) => shift(r, false)) as unknown as Json;
  return {
    module: 'keras.src.models.functional', class_name: 'Functional',
    config: { name: cfg.name ?? 'functional', trainable: true, layers, input_layers: ends(cfg.input_layers), output_layers: ends(cfg.output_layers) },
    registered_name: 'Functional',
  };
}

/** A layerwise model topology (`{ class_name, config }`, Keras 2 form) in Keras 3's serialization. */
export function keras3Model(topology: JsonMap, where: string): JsonMap {
  const cfg = topology.config as JsonMap;
  return modelKind(String(topology.class_name)) === 'Sequential' ? keras3Sequential(cfg, where) : keras3Functional(cfg, where);
}
