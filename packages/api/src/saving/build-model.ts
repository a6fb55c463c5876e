import { readingSavedConfig } from '@layerwise/data';
import type { Layer } from '../layers/layer.js';
import { deserializeLayer, type CustomObject } from '../layers/registry.js';
import { InputLayer, type InputLayerArgs } from '../layers/input-layer.js';
import type { SymbolicTensor } from '../layers/symbolic-tensor.js';
import { Model } from '../models/model.js';
import { Sequential } from '../models/sequential.js';
import { checkNothingDropped, type GraphLayerSpec, type LayerSpec, type ModelSpec, type TensorSource } from './topology.js';
import '../layers/index.js';

/**
 * Makes the model a parsed topology describes (nested models included). Layers are made
 * first, then each functional call is replayed once its inputs exist, in the order Keras's
 * and tfjs's from_config use (a layer shared at several depths waits for its inputs). If
 * anything fails, every layer made is freed and the error names the layer.
 */
export function buildModel(spec: ModelSpec, where: string, custom?: Readonly<Record<string, CustomObject>>): Model {
  const made: Layer[] = [];
  try {
    return build(spec, where, { made, custom });
  } catch (err) {
    for (const l of made) l.dispose();
    throw err;
  }
}

/** What building shares down the tree: every layer made so far (freed on failure), loadModel's customObjects. */
interface Building {
  made: Layer[];
  custom: Readonly<Record<string, CustomObject>> | undefined;
}

function build(spec: ModelSpec, where: string, ctx: Building): Model {
  if (spec.kind === 'sequential') {
    const layers = spec.layers.map((l, i) => makeLayer(l, i, where, ctx));
    try {
      return new Sequential({ name: spec.name, layers });
    } catch (err) {
      throw new Error(`${where}: ${(err as Error).message}`, { cause: err });
    }
  }
  return buildFunctional(spec, where, ctx);
}

function makeLayer(spec: LayerSpec, index: number, where: string, ctx: Building): Layer {
  if (spec.model) {
    const nested = build({ ...spec.model, name: spec.model.name ?? (spec.config.name as string | undefined) }, `${where}: layer ${index} ('${String(spec.config.name)}')`, ctx);
    ctx.made.push(nested);
    return nested;
  }
  try {
    const layer = spec.className === 'InputLayer' ? readingSavedConfig(() => new InputLayer(spec.config as InputLayerArgs)) : deserializeLayer(spec.className, spec.config, ctx.custom);
    ctx.made.push(layer);
    checkNothingDropped(layer, spec);
    return layer;
  } catch (err) {
    throw new Error(`${where}: cannot recreate layer ${index} ('${String(spec.config.name)}', ${spec.className}): ${(err as Error).message}`, { cause: err });
  }
}

function buildFunctional(spec: Extract<ModelSpec, { kind: 'functional' }>, where: string, ctx: Building): Model {
  const created = new Map<string, Layer>();
  spec.layers.forEach((l, i) => created.set(l.name, makeLayer(l, i, where, ctx)));
  const tensorAt = ([name, nodeIndex, tensorIndex]: TensorSource): SymbolicTensor | null => {
    const node = created.get(name)!.inboundNodes[nodeIndex];
    if (!node) return null;
    const t = node.outputTensors[tensorIndex];
    if (!t) throw new Error(`${where}: layer '${name}' call ${nodeIndex} has no output ${tensorIndex}`);
    return t;
  };
  // Replay calls in file order, a pass at a time, until none is left; a pass that makes no
  // progress means a call waits on one that never comes.
  let pending: { layer: GraphLayerSpec; node: number }[] = spec.layers.flatMap((layer) => layer.inboundNodes.map((_, node) => ({ layer, node })));
  while (pending.length > 0) {
    const waiting: typeof pending = [];
    const blocked = new Set<string>();
    for (const call of pending) {
      const layer = created.get(call.layer.name)!;
      if (blocked.has(call.layer.name)) {
        waiting.push(call);
        continue;
      }
      const inputs = call.layer.inboundNodes[call.node].map(tensorAt);
      if (inputs.some((t) => t === null)) {
        // A layer's calls run in order: later ones wait too.
        blocked.add(call.layer.name);
        waiting.push(call);
        continue;
      }
      const training = call.layer.callArgs[call.node].training;
      try {
        const list = inputs as SymbolicTensor[];
        layer.applyMulti(list.length === 1 ? list[0] : list, typeof training === 'boolean' ? { training } : {});
      } catch (err) {
        throw new Error(`${where}: replaying call ${call.node} of layer '${call.layer.name}': ${(err as Error).message}`, { cause: err });
      }
    }
    if (waiting.length === pending.length) {
      throw new Error(`${where}: the graph cannot be rebuilt: the calls of ${[...new Set(waiting.map((c) => `'${c.layer.name}'`))].join(', ')} wait on inputs that are never made`);
    }
    pending = waiting;
  }
  const resolve = (src: TensorSource, what: string): SymbolicTensor => {
    const t = tensorAt(src);
    if (!t) throw new Error(`${where}: ${what} refers to call ${src[1]} of layer '${src[0]}', which the file never makes`);
    return t;
  };
  const inputs = spec.inputs.map((s, i) => resolve(s, `input_layers[${i}]`));
  const outputs = spec.outputs.map((s, i) => resolve(s, `output_layers[${i}]`));
  try {
    return new Model({ inputs, outputs, name: spec.name });
  } catch (err) {
    throw new Error(`${where}: ${(err as Error).message}`, { cause: err });
  }
}
