import type { Model } from '../models/model.js';
import type { Tensor } from '../tensor/tensor.js';
import { tensor } from '../ops/create.js';
import { fmtShape, shapesEqual } from '../tensor/shape.js';
import { concatWeightData, LAYERS_MODEL_FORMAT, type IOHandler } from './artifacts.js';
import { isJsonObject } from './keras-case.js';
import { parseTopology, weightLayers } from './topology.js';
import { buildModel } from './build-model.js';
import type { CustomObject } from '../layers/registry.js';
import { compileArgsFrom } from './training-config.js';
import { restoreOptimizer } from './optimizer-state.js';
import { checkWeightSpecs, decodeWeights, type HostWeight } from './weight-data.js';
import { resolveHandler } from './resolve-handler.js';
import '../layers/index.js';

export interface LoadOptions {
  /** Compile from the saved training config and restore the optimizer state. Default true (Keras's `compile=True`). */
  compile?: boolean;
  /** Every weight in the file must match one of the model's, and every model weight must be in the file. Default true. */
  strict?: boolean;
  /**
   * Layer classes for this load only, by the class name the file gives (Keras's
   * `custom_objects`): a self-naming Layer class or a maker `(config) => Layer`. Searched
   * before the classes registerLayer made known.
   */
  customObjects?: Readonly<Record<string, CustomObject>>;
}

/** A weight's own name without its scopes and TensorFlow's uniquifying suffix: 'rnn_1/kernel_1' -> 'kernel'. */
function baseName(name: string): string {
  return name.slice(name.lastIndexOf('/') + 1).replace(/_\d+$/, '');
}

/**
 * Pairs each model weight with its saved value: by tfjs's name, else by layer and weight name
 * in order (Keras's nested cell scopes: a stack's second kernel is 'rnn_1/kernel_1' in Keras
 * 2.2.4, 'rnn/lstm_cell_1/kernel' in tf.keras, 'rnn/RNNCell_1/kernel' in tfjs).
 */
function matchWeights(model: Model, saved: readonly HostWeight[], strict: boolean, where: string): (HostWeight | null)[] {
  const byName = new Map<string, HostWeight>();
  for (const w of saved) {
    if (byName.has(w.spec.name)) throw new Error(`${where}: the weights manifest names '${w.spec.name}' twice`);
    byName.set(w.spec.name, w);
  }
  const used = new Set<HostWeight>();
  const take = (w: HostWeight | undefined): HostWeight | null => (w && !used.has(w) ? (used.add(w), w) : null);
  const missing: string[] = [];
  const matched = weightLayers(model).flatMap((layer) => layer.weights.map((v) => {
    const short = v.name.slice(v.name.lastIndexOf('/') + 1);
    const found = take(byName.get(`${layer.name}/${short}`)) ?? take(byName.get(v.name))
      ?? take(saved.find((w) => !used.has(w) && w.spec.name.startsWith(`${layer.name}/`) && baseName(w.spec.name) === baseName(short)));
    if (!found) {
      missing.push(`${layer.name}/${short}`);
      return null;
    }
    if (!shapesEqual(found.spec.shape, v.shape) || found.spec.dtype !== v.dtype) {
      throw new Error(`${where}: saved weight '${found.spec.name}' is ${found.spec.dtype} of shape ${fmtShape(found.spec.shape)}, but the model's '${v.name}' is ${v.dtype} of shape ${fmtShape(v.shape)}`);
    }
    return found;
  }));
  if (strict) {
    const extra = saved.filter((w) => !used.has(w)).map((w) => `'${w.spec.name}'`);
    if (missing.length > 0 || extra.length > 0) {
      const parts = [];
      if (missing.length > 0) parts.push(`${missing.length} model weight(s) have no saved value (${missing.map((m) => `'${m}'`).join(', ')})`);
      if (extra.length > 0) parts.push(`${extra.length} saved weight(s) match no model weight (${extra.join(', ')})`);
      throw new Error(`${where}: the saved weights do not fit the model: ${parts.join('; ')}; the model has ${matched.length} weights, the file ${saved.length}`);
    }
  }
  return matched;
}

function assignWeights(model: Model, matched: readonly (HostWeight | null)[]): void {
  const made: Tensor[] = [];
  try {
    const owners = weightLayers(model).flatMap((l) => l.weights);
    const byVariable = new Map(owners.map((v, i) => [v, matched[i]] as const));
    const values = model.weights.map((v) => {
      const h = byVariable.get(v);
      if (!h) return v.value;
      const t = tensor(h.data, h.spec.shape.slice(), h.spec.dtype);
      made.push(t);
      return t;
    });
    model.setWeights(values);
  } finally {
    for (const t of made) t.dispose();
  }
}

/**
 * Loads a model saved by `model.save` or by TensorFlow.js (`LayersModel.save`, tensorflowjs_converter
 * on a Keras Sequential or functional model): a directory or model.json path in Node, or any IOHandler. Everything in
 * the artifacts is checked before a layer is made; a failure later frees what was made.
 */
export async function loadModel(pathOrHandler: string | IOHandler, options: LoadOptions = {}): Promise<Model> {
  const where = typeof pathOrHandler === 'string' ? `loadModel('${pathOrHandler}')` : 'loadModel';
  const handler = resolveHandler(pathOrHandler, 'load', where);
  const artifacts = await handler.load!();
  if (!isJsonObject(artifacts)) throw new Error(`${where}: the handler's load() returned ${artifacts === null ? 'null' : typeof artifacts}, not model artifacts`);
  if (artifacts.format !== undefined && artifacts.format !== null && artifacts.format !== LAYERS_MODEL_FORMAT) {
    throw new Error(`${where}: the artifacts are in format '${artifacts.format}'; only '${LAYERS_MODEL_FORMAT}' models can be loaded`);
  }
  const spec = parseTopology(artifacts.modelTopology, where, options.customObjects);
  if (artifacts.weightData !== undefined && artifacts.weightData !== null && !Array.isArray(artifacts.weightSpecs)) {
    throw new Error(`${where}: the artifacts have weight data but no weight specs`);
  }
  const data = artifacts.weightData ? concatWeightData(artifacts.weightData) : new ArrayBuffer(0);
  const host = decodeWeights(data, checkWeightSpecs(artifacts.weightSpecs ?? [], data, where));
  const modelHost = host.filter((w) => w.spec.group !== 'optimizer');
  const optimizerHost = host.filter((w) => w.spec.group === 'optimizer');
  const compile = options.compile ?? true;
  const compileArgs = compile && artifacts.trainingConfig ? compileArgsFrom(artifacts.trainingConfig, where) : null;

  const model = buildModel(spec, where, options.customObjects);
  try {
    if (modelHost.length > 0 && !model.built) {
      throw new Error(`${where}: the first layer has no batch_input_shape, so the model cannot be built to receive its ${modelHost.length} saved weights`);
    }
    assignWeights(model, matchWeights(model, modelHost, options.strict ?? true, where));
    if (compileArgs) {
      model.compile(compileArgs);
      await restoreOptimizer(model.optimizer!, optimizerHost, model.trainableWeights, where);
    }
  } catch (err) {
    model.dispose();
    throw err;
  }
  return model;
}
