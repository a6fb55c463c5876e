import type { saving } from '@layerwise/api';
import { H5Writer } from '../hdf5/h5-writer.js';
import type { JsonMap } from '../config/json.js';
import { decodeArtifacts, weightsByLayer, type SavedModel } from './decode-artifacts.js';
import { keras2OptimizerConfig, keras2OptimizerWeights } from './keras2-optimizer.js';
import type { HostTensor } from './tensors.js';

/** The Keras version whose file layout and semantics layerwise writes (and follows). */
export const KERAS_VERSION = '2.2.4';
/** Layerwise's convolutions correlate, as TensorFlow's do; Keras reads the attribute to decide whether to flip kernels. */
export const BACKEND = 'tensorflow';

/** Keras names a weight '<layer>/<weight>:0'. */
const kerasWeightName = (apiName: string): string => `${apiName}:0`;

/** Iteration counts are int64 in Keras files. */
function h5Data(t: HostTensor): Float32Array | Int32Array | BigInt64Array {
  return /iterations:0$/.test(t.name) ? BigInt64Array.from(t.data, (x) => BigInt(x)) : t.data;
}

/**
 * Writes a Keras weights group (Keras's save_weights_to_hdf5_group): `layer_names`, `backend`
 * and `keras_version` attributes, one group per layer with `weight_names` and its datasets
 * at '<layer>/<weight name>' (so 'dense_1/dense_1/kernel:0').
 */
export function writeLayerGroups(h5: H5Writer, group: string, model: Pick<SavedModel, 'layers' | 'weights'>, where: string): void {
  const byLayer = weightsByLayer(model, where);
  h5.ensureGroup(group);
  h5.namesAttr(group, 'layer_names', model.layers.map((l) => l.name));
  h5.stringAttr(group, 'backend', BACKEND);
  h5.stringAttr(group, 'keras_version', KERAS_VERSION);
  for (const layer of model.layers) {
    const path = `${group}/${layer.name}`;
    const weights = byLayer.get(layer.name)!;
    h5.ensureGroup(path);
    h5.namesAttr(path, 'weight_names', weights.map((w) => kerasWeightName(w.name)));
    for (const w of weights) h5.dataset(`${path}/${kerasWeightName(w.name)}`, w.data, w.shape);
  }
}

/** Keras 2.2.4's training_config for a layerwise one. */
function keras2TrainingConfig(tc: saving.TrainingConfig, where: string): JsonMap {
  return {
    optimizer_config: keras2OptimizerConfig(tc.optimizer_config as unknown as { class_name: string; config: JsonMap }, where),
    loss: tc.loss,
    metrics: tc.metrics ?? [],
    sample_weight_mode: tc.sample_weight_mode ?? null,
    loss_weights: tc.loss_weights ?? null,
  } as JsonMap;
}

/**
 * The `.h5` file Keras 2.2.4's `model.save` writes for this model: root attributes
 * `keras_version`, `backend`, `model_config` and `training_config`, the `model_weights` group,
 * and `optimizer_weights` when the optimizer has state.
 */
export async function writeH5Model(artifacts: saving.ModelArtifacts, where: string): Promise<Uint8Array> {
  const model = decodeArtifacts(artifacts, where);
  const training = model.trainingConfig ? keras2TrainingConfig(model.trainingConfig, where) : null;
  const optimizerWeights = model.trainingConfig ? keras2OptimizerWeights(model.trainingConfig, model.optimizerState) : [];
  const h5 = await H5Writer.create();
  try {
    h5.stringAttr('', 'keras_version', KERAS_VERSION);
    h5.stringAttr('', 'backend', BACKEND);
    h5.stringAttr('', 'model_config', JSON.stringify(model.modelConfig));
    writeLayerGroups(h5, 'model_weights', model, where);
    if (training) h5.stringAttr('', 'training_config', JSON.stringify(training));
    if (optimizerWeights.length > 0) {
      h5.ensureGroup('optimizer_weights');
      h5.namesAttr('optimizer_weights', 'weight_names', optimizerWeights.map((w) => w.name));
      for (const w of optimizerWeights) h5.dataset(`optimizer_weights/${w.name}`, h5Data(w), w.shape);
    }
    return h5.finish();
  } catch (err) {
    h5.discard();
    throw err;
  }
}
