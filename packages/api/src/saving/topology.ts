import type { Layer } from '../layers/layer.js';
import type { Model } from '../models/model.js';
import { registeredLayerClasses, type CustomObject } from '../layers/registry.js';
import type { JsonObject, JsonValue, KerasObject, ModelTopology } from './artifacts.js';
import { fromKeras, isJsonObject, toKeras, toSnakeCase } from './keras-case.js';

/** Class names of saved models: tfjs and Keras 2 write 'Model' for a functional model, tf.keras 2.4+ 'Functional'. */
const FUNCTIONAL = new Set(['Model', 'Functional']);

/** Whether a layer is a model (a graph of its own), without importing the model classes (saving is below models). */
export function isModel(layer: Layer): layer is Model {
  return 'outputNames' in layer && 'compile' in layer;
}

/** A layer as Keras's `{ class_name, config }`; a nested model writes its own graph. */
function layerObject(layer: Layer, extra?: Record<string, unknown>): KerasObject {
  if (isModel(layer)) return { class_name: layer.className === 'Sequential' ? 'Sequential' : 'Model', config: modelConfig(layer) };
  const config = { ...layer.getConfig(), ...extra };
  return { class_name: layer.className, config: toKeras(config, `save: layer '${layer.name}' config`) as JsonObject };
}

/** `model.get_config()`: a Sequential's `{ name, layers }`, or a functional model's graph. */
function modelConfig(model: Model): JsonObject {
  if (model.className === 'Sequential') {
    const layers = model.layers.map((layer, i) => {
      // A model built by build()/fit() knows its input shape though its first layer was given none;
      // Keras needs it on the first layer to rebuild the model (and so to load its weights).
      const first = i === 0 && !isModel(layer) && layer.getConfig().batchInputShape === undefined && model.inputs.length === 1;
      return layerObject(layer, first ? { batchInputShape: model.inputs[0].shape } : undefined);
    });
    return { name: model.name, layers } as unknown as JsonObject;
  }
  return functionalConfig(model);
}

/**
 * Keras 2's functional config, as tfjs-layers writes it: every layer with its calls in this
 * model (`inbound_nodes`: per call, `[layer, node_index, tensor_index, kwargs]` per input),
 * then the graph's inputs and outputs as `[layer, node_index, tensor_index]`. Node indices
 * count only the calls in this model; a nested model's count starts at 1 (its node 0 is
 * its own graph).
 */
function functionalConfig(model: Model): JsonObject {
  const inGraph = new Set(model.graphNodes?.flat() ?? []);
  const newIndex = new Map<string, number>();
  for (const layer of model.layers) {
    let kept = isModel(layer) ? 1 : 0;
    layer.inboundNodes.forEach((node, i) => {
      if (inGraph.has(node)) newIndex.set(`${layer.name}:${i}`, kept++);
    });
  }
  const ref = (layer: Layer, nodeIndex: number, tensorIndex: number): [string, number, number] =>
    [layer.name, newIndex.get(`${layer.name}:${nodeIndex}`) ?? 0, tensorIndex];
  const layers = model.layers.map((layer) => {
    const inbound = layer.inboundNodes.filter((n) => inGraph.has(n) && n.inputTensors.length > 0).map((node) => {
      const kwargs = toKeras(node.callArgs, `save: layer '${layer.name}' call`) as JsonObject;
      return node.inputTensors.map((t) => [...ref(t.sourceLayer, t.nodeIndex, t.tensorIndex), kwargs]);
    });
    return { name: layer.name, ...layerObject(layer), inbound_nodes: inbound };
  });
  return {
    name: model.name,
    layers,
    input_layers: model.inputs.map((t) => ref(t.sourceLayer, t.nodeIndex, t.tensorIndex)),
    output_layers: model.outputs.map((t) => ref(t.sourceLayer, t.nodeIndex, t.tensorIndex)),
  } as unknown as JsonObject;
}

/** The Keras `model.to_json()` of a model, as tfjs-layers writes it. */
export function modelTopology(model: Model): ModelTopology {
  const top = layerObject(model);
  return { class_name: top.class_name, config: top.config as unknown as ModelTopology['config'], keras_version: 'layerwise', backend: 'layerwise' };
}

/** One layer of a saved topology, its config already camelCase; `model` is set for a nested model. */
export interface LayerSpec {
  className: string;
  config: Record<string, unknown>;
  model?: ModelSpec;
}

/** Where a call's input comes from: [layer name, node index, tensor index]. */
export type TensorSource = [string, number, number];

/** A layer of a functional topology and its calls (each a list of input sources). */
export interface GraphLayerSpec extends LayerSpec {
  name: string;
  inboundNodes: TensorSource[][];
  /** Each call's kwargs (Keras's 4th entry), camelCase. */
  callArgs: Record<string, unknown>[];
}

/** A saved model, parsed and checked but not built. */
export type ModelSpec =
  | { kind: 'sequential'; name: string | undefined; layers: LayerSpec[] }
  | { kind: 'functional'; name: string | undefined; layers: GraphLayerSpec[]; inputs: TensorSource[]; outputs: TensorSource[] };

// Keras arguments a layer might not take (a constraint, an activity regularizer): when the
// recreated layer's config lacks one the file sets, refuse the file rather than drop it silently.
const DROPPABLE_KEYS = /(Constraint|^activityRegularizer)$/;

/** Throws if the recreated layer dropped a constraint or activity regulariser its saved config sets. */
export function checkNothingDropped(layer: Layer, spec: LayerSpec): void {
  const kept = layer.getConfig();
  for (const [key, value] of Object.entries(spec.config)) {
    if (DROPPABLE_KEYS.test(key) && value !== null && (kept[key] === null || kept[key] === undefined)) {
      throw new Error(`it sets '${toSnakeCase(key)}', which layerwise's ${spec.className} does not support`);
    }
  }
}

/** Reads a saved topology (tfjs's, or a converted Keras file's) without building anything. */
/** loadModel's customObjects: class name -> maker or self-naming Layer class. */
type Custom = Readonly<Record<string, CustomObject>> | undefined;

export function parseTopology(topology: unknown, where: string, custom?: Custom): ModelSpec {
  let top = topology;
  // Converted Keras files wrap the model: { keras_version, backend, model_config: { class_name, config } }.
  if (isJsonObject(top) && isJsonObject(top.model_config)) top = top.model_config;
  if (!isJsonObject(top)) throw new Error(`${where}: modelTopology must be an object, got ${JSON.stringify(top)?.slice(0, 80)}`);
  return parseModel(top, where, 0, custom);
}

function parseModel(top: JsonObject, where: string, depth: number, custom: Custom): ModelSpec {
  if (depth > 16) throw new Error(`${where}: models are nested more than 16 deep`);
  const className = top.class_name;
  if (className === 'Sequential') return parseSequential(top.config, where, depth, custom);
  if (typeof className === 'string' && FUNCTIONAL.has(className)) return parseFunctional(top.config, where, depth, custom);
  throw new Error(`${where}: the file holds a '${String(className)}' model; layerwise loads 'Sequential' and functional ('Model', 'Functional') models`);
}

function parseSequential(config: JsonValue | undefined, where: string, depth: number, custom: Custom): ModelSpec {
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
  let pendingInputShape: JsonValue | undefined;
  const layers: LayerSpec[] = [];
  entries.forEach((entry, i) => {
    const obj = layerEntry(entry, `${where}: layer ${i}`);
    if (obj.class_name === 'InputLayer') {
      // Keras >= 2.4 writes the input as a layer of its own; it becomes the next layer's input shape.
      if (layers.length > 0) throw new Error(`${where}: an InputLayer may only come first (layer ${i})`);
      pendingInputShape = obj.config.batch_input_shape ?? obj.config.batch_shape;
      return;
    }
    const spec = parseLayer(obj, `${where}: layer ${i}`, depth, custom);
    if (pendingInputShape !== undefined && !spec.model) {
      if (spec.config.batchInputShape === undefined) spec.config.batchInputShape = fromKeras(pendingInputShape);
      pendingInputShape = undefined;
    }
    layers.push(spec);
  });
  return { kind: 'sequential', name, layers };
}

function layerEntry(entry: JsonValue, what: string): { class_name: string; config: JsonObject; raw: JsonObject } {
  if (!isJsonObject(entry) || typeof entry.class_name !== 'string' || !isJsonObject(entry.config)) {
    throw new Error(`${what} must be { class_name, config }, got ${JSON.stringify(entry)?.slice(0, 80)}`);
  }
  return { class_name: entry.class_name, config: entry.config, raw: entry };
}

/** One layer's class and config (camelCase, checked); a nested model is parsed whole. */
function parseLayer(obj: { class_name: string; config: JsonObject }, what: string, depth: number, custom: Custom): LayerSpec {
  const className = obj.class_name;
  if (className === 'Sequential' || FUNCTIONAL.has(className)) {
    const model = parseModel({ class_name: className, config: obj.config }, what, depth + 1, custom);
    return { className, config: { name: obj.config.name }, model };
  }
  const known = registeredLayerClasses(custom);
  const cfg: JsonObject = { ...obj.config };
  if (!known.includes(className)) {
    // Keras saves a Lambda's function as Python bytecode, which cannot run here.
    const lambda = className === 'Lambda' ? ' (a Keras Lambda layer, whose function is saved as Python bytecode that cannot run here: write it as a layer class)' : '';
    throw new Error(`${what} ('${String(cfg.name)}') has unknown class '${className}'; known: ${[...known].sort().join(', ')}. `
      + `To load it, pass a layer class for it${lambda} in loadModel's options, { customObjects: { ${className}: ... } }, or registerLayer it`);
  }
  // tf.keras mixed-precision files give dtype as a policy object.
  if (isJsonObject(cfg.dtype) && isJsonObject(cfg.dtype.config) && typeof cfg.dtype.config.name === 'string') cfg.dtype = cfg.dtype.config.name;
  return { className, config: fromKeras(cfg) as Record<string, unknown> };
}

function tensorSource(v: JsonValue, what: string): TensorSource {
  if (!Array.isArray(v) || v.length < 3 || typeof v[0] !== 'string' || !Number.isInteger(v[1]) || !Number.isInteger(v[2])
    || (v[1] as number) < 0 || (v[2] as number) < 0) {
    throw new Error(`${what} must be [layer name, node index, tensor index], got ${JSON.stringify(v)?.slice(0, 80)}`);
  }
  return [v[0], v[1] as number, v[2] as number];
}

function parseFunctional(config: JsonValue | undefined, where: string, depth: number, custom: Custom): ModelSpec {
  if (!isJsonObject(config) || !Array.isArray(config.layers) || !Array.isArray(config.input_layers) || !Array.isArray(config.output_layers)) {
    throw new Error(`${where}: a functional model's config must be { name, layers, input_layers, output_layers }`);
  }
  const names = new Set<string>();
  const layers: GraphLayerSpec[] = config.layers.map((entry, i) => {
    const obj = layerEntry(entry, `${where}: layer ${i}`);
    const name = obj.raw.name ?? obj.config.name;
    if (typeof name !== 'string' || name === '') throw new Error(`${where}: layer ${i} has no name`);
    if (names.has(name)) throw new Error(`${where}: two layers are named '${name}'`);
    names.add(name);
    const nodes = obj.raw.inbound_nodes ?? [];
    if (!Array.isArray(nodes)) throw new Error(`${where}: layer '${name}' inbound_nodes must be a list of calls`);
    const callArgs: Record<string, unknown>[] = [];
    const inboundNodes = nodes.map((node, k) => {
      if (!Array.isArray(node) || node.length === 0) {
        throw new Error(`${where}: layer '${name}' inbound_nodes[${k}] must be a non-empty list of [layer, node_index, tensor_index, kwargs] (Keras 2's form)`);
      }
      const kwargs = node.map((input) => (Array.isArray(input) ? input[3] : undefined)).find((kw) => kw !== undefined && kw !== null);
      if (kwargs !== undefined && !isJsonObject(kwargs)) throw new Error(`${where}: layer '${name}' inbound_nodes[${k}] kwargs must be an object`);
      callArgs.push(kwargs ? (fromKeras(kwargs) as Record<string, unknown>) : {});
      return node.map((input, j) => tensorSource(input, `${where}: layer '${name}' inbound_nodes[${k}][${j}]`));
    });
    const spec = obj.class_name === 'InputLayer'
      ? { className: 'InputLayer', config: fromKeras(obj.config) as Record<string, unknown> }
      : parseLayer(obj, `${where}: layer ${i}`, depth, custom);
    return { ...spec, name, inboundNodes, callArgs };
  });
  const refs = (list: JsonValue[], what: string) => list.map((v, i) => {
    const src = tensorSource(v, `${where}: ${what}[${i}]`);
    if (!names.has(src[0])) throw new Error(`${where}: ${what}[${i}] names layer '${src[0]}', which is not in the model`);
    return src;
  });
  for (const l of layers) {
    l.inboundNodes.forEach((node, k) => node.forEach(([from], j) => {
      if (!names.has(from)) throw new Error(`${where}: layer '${l.name}' inbound_nodes[${k}][${j}] names layer '${from}', which is not in the model`);
    }));
  }
  return {
    kind: 'functional', name: typeof config.name === 'string' ? config.name : undefined, layers,
    inputs: refs(config.input_layers, 'input_layers'), outputs: refs(config.output_layers, 'output_layers'),
  };
}

/** The layers that own weights under their own names: nested models are opened up (tfjs names weights '<layer>/<weight>' by the owning layer). */
export function weightLayers(model: Model): Layer[] {
  const out: Layer[] = [];
  const seen = new Set<Layer>();
  const walk = (layers: readonly Layer[]): void => {
    for (const l of layers) {
      if (seen.has(l)) continue;
      seen.add(l);
      if (isModel(l)) walk(l.layers);
      else out.push(l);
    }
  };
  walk(model.layers);
  return out;
}
