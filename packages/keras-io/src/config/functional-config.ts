import { isMap, show, type Json, type JsonMap } from './json.js';

/** `[layer name, node index, tensor index]`: one output of one call of a layer. */
export type TensorRef = [string, number, number];

/** A call's inputs in Keras 2's form, which layerwise's loader replays: `[layer, node, tensor, kwargs]` per input. */
export type Keras2Node = [string, number, number, JsonMap][];

/** How a Keras version numbers the calls of a nested model (a model used as a layer). */
interface Numbering {
  /** Names of the nested models among the graph's layers, and their kind. */
  nested: ReadonlyMap<string, 'Sequential' | 'Functional'>;
  /** Whether the config is Keras 3's (calls written as `{ args, kwargs }`). */
  keras3: boolean;
}

// Call arguments layerwise replays: `training` (a fixed Dropout/BatchNormalization mode) and
// an absent mask. Recurrent layers' initial states become extra inputs (Keras 2.2.4's form).
const STATE_KWARGS = ['initial_state'];

/**
 * Node indices as layerwise (and Keras 2) count them: a nested model's node 0 is its own graph,
 * so its calls start at 1. Keras 3 starts a nested model's calls at 0 in a call's inputs (its
 * deserialize_node indexes the calls directly, in either form), and a nested Sequential's (not
 * a Functional's) at 0 in input_layers/output_layers too.
 */
function renumber(ref: TensorRef, numbering: Numbering, inCall: boolean): TensorRef {
  const kind = numbering.nested.get(ref[0]);
  if (!numbering.keras3 || kind === undefined) return ref;
  return kind === 'Sequential' || inCall ? [ref[0], ref[1] + 1, ref[2]] : ref;
}

function isRef(v: Json): v is TensorRef {
  return Array.isArray(v) && v.length >= 3 && typeof v[0] === 'string' && Number.isInteger(v[1]) && Number.isInteger(v[2]);
}

/** A Keras 3 `__keras_tensor__` as the call output it names. */
function kerasTensorRef(v: Json): TensorRef | null {
  if (!isMap(v) || v.class_name !== '__keras_tensor__' || !isMap(v.config)) return null;
  const history = v.config.keras_history;
  return isRef(history) ? [history[0], history[1], history[2]] : null;
}

/** The tensor refs of a call argument (one tensor or a list), or null where it holds anything else. */
function refsIn(v: Json, keras3: boolean): TensorRef[] | null {
  const one = keras3 ? kerasTensorRef(v) : isRef(v) ? ([v[0], v[1], v[2]] as TensorRef) : null;
  if (one) return [one];
  if (!Array.isArray(v)) return null;
  const all = v.map((x) => (keras3 ? kerasTensorRef(x) : isRef(x) ? ([x[0], x[1], x[2]] as TensorRef) : null));
  return all.every((r): r is TensorRef => r !== null) ? all : null;
}

/**
 * The call's keyword arguments layerwise keeps (`training`), and the tensors among them that
 * become extra inputs; any other argument is refused unless it is null or false (absent).
 */
function splitKwargs(kwargs: JsonMap, keras3: boolean, here: string): { kept: JsonMap; extra: TensorRef[] } {
  const kept: JsonMap = {};
  const extra: TensorRef[] = [];
  for (const [key, value] of Object.entries(kwargs)) {
    if (key === 'training' && (typeof value === 'boolean' || value === null)) {
      if (value !== null) kept.training = value;
    } else if (STATE_KWARGS.includes(key) && value !== null) {
      const refs = refsIn(value, keras3);
      if (!refs) throw new Error(`${here}: '${key}' = ${show(value)} is not a list of layer outputs`);
      extra.push(...refs);
    } else if (value !== null && value !== false) {
      throw new Error(`${here}: the call passes '${key}' = ${show(value)}, which layerwise's functional models do not replay`);
    }
  }
  return { kept, extra };
}

/** One call of a layer (any Keras version's form) as Keras 2's list of inputs. */
function translateNode(node: Json, numbering: Numbering, here: string): Keras2Node {
  let inputs: TensorRef[];
  let kwargs: JsonMap;
  if (isMap(node)) {
    // Keras 3: { args: [x or [x1, x2, ...]], kwargs: {...} }, tensors as __keras_tensor__ objects.
    const args = Array.isArray(node.args) ? node.args : [];
    if (args.length !== 1) throw new Error(`${here}: the call passes ${args.length} positional arguments (${show(args)}); layerwise replays calls on one tensor or one list of tensors`);
    const refs = refsIn(args[0], true);
    if (!refs) throw new Error(`${here}: the call's input ${show(args[0])} is not a layer output (a constant or a nested structure)`);
    inputs = refs.map((r) => renumber(r, numbering, true));
    kwargs = isMap(node.kwargs) ? node.kwargs : {};
  } else if (Array.isArray(node) && node.length > 0) {
    // Keras 2 / tf.keras: [[layer, node, tensor, kwargs], ...], kwargs repeated on every input.
    inputs = node.map((input, j) => {
      if (Array.isArray(input) && input[0] === '_CONSTANT_VALUE') throw new Error(`${here}: input ${j} is a constant (${show(input[2])}), not a layer output; layerwise replays calls on layer outputs only`);
      if (!isRef(input)) throw new Error(`${here}: input ${j} must be [layer, node_index, tensor_index, kwargs], got ${show(input)}`);
      return renumber([input[0], input[1], input[2]], numbering, true);
    });
    const first = node.find((input) => Array.isArray(input) && isMap(input[3]));
    kwargs = first ? ((first as Json[])[3] as JsonMap) : {};
  } else {
    throw new Error(`${here}: a call must be a list of inputs (Keras 2) or { args, kwargs } (Keras 3), got ${show(node)}`);
  }
  const { kept, extra } = splitKwargs(kwargs, isMap(node), here);
  return [...inputs, ...extra.map((r) => renumber(r, numbering, true))].map(([l, n, t]) => [l, n, t, kept]);
}

/** The calls of one layer of a functional config, as Keras 2 writes them. */
export function translateNodes(nodes: Json | undefined, numbering: Numbering, here: string): Keras2Node[] {
  if (nodes === undefined || nodes === null) return [];
  if (!Array.isArray(nodes)) throw new Error(`${here}: inbound_nodes must be a list of calls, got ${show(nodes)}`);
  return nodes.map((node, k) => translateNode(node, numbering, `${here} call ${k}`));
}

/** A model's input_layers or output_layers: a list of refs, one ref (Keras 3, one tensor) or a dict of refs (by name). */
export function translateEnds(value: Json | undefined, numbering: Numbering, what: string): TensorRef[] {
  const list = isRef(value as Json) ? [value as Json] : isMap(value) ? Object.values(value) : value;
  if (!Array.isArray(list) || list.length === 0) throw new Error(`${what} must list [layer, node_index, tensor_index] entries, got ${show(value ?? null)}`);
  return list.map((v, i) => {
    if (!isRef(v)) throw new Error(`${what}[${i}] must be [layer, node_index, tensor_index], got ${show(v)}`);
    return renumber([v[0], v[1], v[2]], numbering, false);
  });
}

/**
 * How the graph's calls are numbered (see renumber): its nested models, and whether Keras 3
 * wrote it (`keras3`: the file says so; calls in `{ args, kwargs }` form say so too).
 */
export function numberingOf(entries: readonly JsonMap[], isModelClass: (c: string) => 'Sequential' | 'Functional' | null, keras3: boolean): Numbering {
  const nested = new Map<string, 'Sequential' | 'Functional'>();
  for (const e of entries) {
    const kind = isModelClass(String(e.class_name));
    if (kind) nested.set(String(e.name ?? (e.config as JsonMap).name), kind);
  }
  return { nested, keras3: keras3 || entries.some((e) => Array.isArray(e.inbound_nodes) && e.inbound_nodes.some(isMap)) };
}
