import { optimizers, type saving } from '@layerwise/api';
import { withH5, type H5Reader } from '../hdf5/h5-reader.js';
import { checkJsonDepth, type ReadLimits } from '../limits.js';
import { parseJson } from '../config/json.js';
import { layerTree, leafClasses, toModelTopology, type ModelTopology } from '../config/model-config.js';
import { toArtifacts } from './artifacts.js';
import { apiWeightNames, readLayerGroups, readNameList, readString, type SavedLayer } from './h5-layers.js';
import { fromBackend } from './theano-kernels.js';
import { toApiOptimizerState, type OptimizerLayout } from './optimizer-state.js';
import { trainingConfigFrom } from './training-config.js';
import type { HostTensor } from './tensors.js';

/** `fn()`, or the error it threw (kept for when the loader compiles). */
export function attempt<T>(fn: () => T): T | Error {
  try {
    return fn();
  } catch (err) {
    return err as Error;
  }
}

/** Refuses files Keras 2 itself converts with Keras 1 rules layerwise does not implement. */
export function checkKerasVersion(version: string | undefined, where: string): void {
  if (version === undefined || /^1(\.|$)/.test(version)) {
    throw new Error(`${where}: the file was written by Keras 1 (keras_version ${version ?? 'missing'}), whose weight layouts differ; load it in Keras 2 and save it again`);
  }
}

/**
 * A saved layer group split by the layer that owns each weight: itself, or for a nested model
 * (whose group holds '<inner layer>/<weight>' names, as Keras writes them) its inner layers.
 */
function owners(layer: SavedLayer, nested: ReadonlyMap<string, string> | undefined, where: string): SavedLayer[] {
  if (!nested) return [layer];
  const byInner = new Map<string, HostTensor[]>();
  for (const w of layer.weights) {
    const path = w.name.startsWith(`${layer.name}/`) ? w.name.slice(layer.name.length + 1) : w.name;
    const inner = path.slice(0, path.indexOf('/'));
    if (!nested.has(inner)) throw new Error(`${where}: weight '${w.name}' of the nested model '${layer.name}' names no layer of it`);
    byInner.set(inner, [...(byInner.get(inner) ?? []), { ...w, name: path }]);
  }
  return [...byInner].map(([name, weights]) => ({ name, weights }));
}

/** Weights of the layers in `topology`, named for layerwise and in TensorFlow's layout. */
export function modelWeights(saved: readonly SavedLayer[], topology: ModelTopology, backend: string | undefined, where: string): HostTensor[] {
  const tree = new Map(layerTree(topology).map((n) => [n.name, n]));
  return saved.flatMap((layer) => {
    const node = tree.get(layer.name);
    if (node === undefined && layer.weights.length > 0) throw new Error(`${where}: the file has weights for layer '${layer.name}', which the model config does not have`);
    const nested = node?.layers ? leafClasses(node.layers) : undefined;
    return owners(layer, nested, where).flatMap((own) => {
      const names = apiWeightNames(own.name, own.weights.map((w) => w.name));
      const className = (nested ? nested.get(own.name) : node?.className) ?? '';
      return fromBackend(className, own.weights, backend).map((w, i) => ({ ...w, name: names[i] }));
    });
  });
}

/** Keras 2.0-2.3 names slots 'training/Adam/Variable_3:0' or 'm_0'; tf.keras names them after their variable. */
function optimizerLayout(names: readonly string[]): OptimizerLayout {
  // Keras 3's legacy .h5 names its variables by path: 'adam/iteration', 'adam/dense_kernel_momentum'.
  if (names.some((n) => /^[^/]+\/iteration$/.test(n))) return 'keras3';
  return names.some((n) => /(^|\/)(training\/|Variable(_\d+)?:\d+$)|_\d+:\d+$/.test(n)) || names.every((n) => /iterations:\d+$|^param_\d+$/.test(n)) ? 'keras2' : 'tf.keras';
}

function readOptimizer(h5: H5Reader, tc: saving.TrainingConfig, where: string): HostTensor[] {
  if (!h5.isGroup('optimizer_weights')) return [];
  const names = readNameList(h5, 'optimizer_weights', 'weight_names') ?? [];
  const saved = names.map((n) => {
    const { info, data } = h5.read(`optimizer_weights/${n}`);
    return { name: n, shape: info.shape, data };
  });
  const opt = optimizers.deserializeOptimizer(tc.optimizer_config as { class_name: string; config: Record<string, unknown> });
  const layout = optimizerLayout(names);
  return toApiOptimizerState(opt, saved, layout, layout === 'keras3' && names.some((n) => /\/learning_rate$/.test(n)), where);
}

/**
 * A Keras `.h5` model file (Keras 2.0-2.3, tf.keras 2.x, or Keras 3's legacy .h5) as the
 * artifacts layerwise's loadModel reads. Nothing is built here: the api's loader checks the
 * weights against the layers before it trusts them.
 */
export async function readH5Model(bytes: Uint8Array, limits: ReadLimits, where: string): Promise<saving.ModelArtifacts> {
  return withH5(bytes, limits, where, (h5) => {
    const configText = readString(h5, '', 'model_config');
    if (configText === undefined) {
      if (readNameList(h5, '', 'layer_names') !== undefined) {
        throw new Error(`${where}: the file holds only weights (Keras's save_weights), no model config; build the model and use loadKerasWeights(model, source)`);
      }
      throw new Error(`${where}: no 'model_config' attribute; this is not a Keras model file`);
    }
    const hasWeights = h5.isGroup('model_weights');
    const version = (hasWeights ? readString(h5, 'model_weights', 'keras_version') : undefined) ?? readString(h5, '', 'keras_version');
    checkKerasVersion(version, where);
    const backend = (hasWeights ? readString(h5, 'model_weights', 'backend') : undefined) ?? readString(h5, '', 'backend');
    const config = parseJson(configText, `${where}: model_config`);
    checkJsonDepth(config, limits.maxJsonDepth, `${where}: model_config`);
    const topology = toModelTopology(config, where, /^3\./.test(version ?? ''));
    const weights = hasWeights ? modelWeights(readLayerGroups(h5, 'model_weights'), topology, backend, where) : [];
    const tcText = readString(h5, '', 'training_config');
    let tc: saving.TrainingConfig | Error | null = null;
    let optimizerState: HostTensor[] = [];
    if (tcText !== undefined) {
      const raw = parseJson(tcText, `${where}: training_config`);
      checkJsonDepth(raw, limits.maxJsonDepth, `${where}: training_config`);
      tc = attempt(() => trainingConfigFrom(raw, `${where}: training_config`));
      if (!(tc instanceof Error)) optimizerState = readOptimizer(h5, tc, where);
    }
    return toArtifacts(topology, version, weights, tc, optimizerState);
  });
}
