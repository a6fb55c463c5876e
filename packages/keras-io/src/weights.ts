import { optionKeys, saving, tensor, type Model, type Tensor } from '@layerwise/api';
import { DEFAULT_LIMITS, type ReadLimits } from './limits.js';
import { describeSource, localPath, readSource, sniffFormat, type KerasSource } from './io/source.js';
import { writeFileAtomic } from './io/atomic-write.js';
import { withH5 } from './hdf5/h5-reader.js';
import { H5Writer } from './hdf5/h5-writer.js';
import { readLayerGroups, readString } from './formats/h5-layers.js';
import { fromBackend } from './formats/theano-kernels.js';
import { checkKerasVersion } from './formats/h5-model-read.js';
import { writeLayerGroups } from './formats/h5-model-write.js';
import { decodeArtifacts } from './formats/decode-artifacts.js';
import { leafClasses, type LayerTree } from './config/model-config.js';
import { fmt, type HostTensor } from './formats/tensors.js';

/** A model's layers as a LayerTree (nested models opened up). */
function treeOf(layers: readonly Model['layers'][number][]): LayerTree[] {
  return layers.map((l) => {
    const inner = (l as Partial<Model>).layers;
    return Array.isArray(inner) && 'outputNames' in l ? { name: l.name, className: l.className, layers: treeOf(inner) } : { name: l.name, className: l.className };
  });
}

/** Options of `loadKerasWeights` (unknown keys are refused). */
export interface KerasWeightsOptions {
  /** Bounds for reading untrusted files (see ReadLimits). */
  limits?: Partial<ReadLimits>;
}

const OPTIONS = optionKeys<KerasWeightsOptions>()(['limits']);

/**
 * Loads a Keras weights file (`model.save_weights('w.h5')`, or the weights of a full `.h5`
 * model file) into a built model (Sequential or functional), matching layers by name and
 * each layer's weights in Keras's order (a nested model's group holds all its layers'
 * weights). Every shape is checked before any weight changes.
 */
export async function loadKerasWeights(model: Model, source: KerasSource, options: KerasWeightsOptions = {}): Promise<void> {
  const where = `loadKerasWeights(${describeSource(source)})`;
  options = OPTIONS.read(options, where);
  const limits: ReadLimits = { ...DEFAULT_LIMITS, ...options.limits };
  if (!model.built) throw new Error(`${where}: the model '${model.name}' is not built; give its first layer an inputShape or call build() first`);
  const bytes = await readSource(source, limits.maxFileBytes, where);
  if (sniffFormat(bytes) !== 'h5') throw new Error(`${where}: not an HDF5 weights file`);
  const saved = await withH5(bytes, limits, where, (h5) => {
    const group = h5.isGroup('model_weights') ? 'model_weights' : '';
    checkKerasVersion(readString(h5, group, 'keras_version'), where);
    const backend = readString(h5, group, 'backend');
    const layers = readLayerGroups(h5, group);
    // Theano-era files flip convolution kernels (nested models' too: by the weight's layer).
    const classOf = leafClasses(treeOf(model.layers));
    return new Map(layers.map((l) => [l.name, l.weights.flatMap((w) => fromBackend(classOf.get(w.name.split('/')[0]) ?? classOf.get(l.name) ?? '', [w], backend))]));
  });
  const plan: { layer: Model['layers'][number]; values: HostTensor[] }[] = [];
  for (const layer of model.layers) {
    const own = layer.weights;
    const values = saved.get(layer.name) ?? [];
    saved.delete(layer.name);
    if (own.length !== values.length) throw new Error(`${where}: layer '${layer.name}' has ${own.length} weights but the file has ${values.length} for it`);
    own.forEach((w, i) => {
      if (fmt(w.shape) !== fmt(values[i].shape)) throw new Error(`${where}: layer '${layer.name}' weight ${i} ('${w.name}') has shape ${fmt(w.shape)}, the file's '${values[i].name}' ${fmt(values[i].shape)}`);
    });
    if (own.length > 0) plan.push({ layer, values });
  }
  const extra = [...saved].filter(([, w]) => w.length > 0).map(([n]) => `'${n}'`);
  if (extra.length > 0) throw new Error(`${where}: the file has weights for ${extra.join(', ')}, which the model does not have`);
  for (const { layer, values } of plan) {
    const made: Tensor[] = values.map((v) => tensor(v.data, v.shape, v.data instanceof Int32Array ? 'int32' : 'float32'));
    try {
      layer.setWeights(made);
    } finally {
      for (const t of made) t.dispose();
    }
  }
}

/** Keras's `model.save_weights('w.h5')`: the model's weights alone, in Keras 2's layout. */
export async function saveKerasWeights(model: Model, target: string | URL | ((bytes: Uint8Array) => unknown)): Promise<void> {
  const where = `saveKerasWeights(${typeof target === 'function' ? 'callback' : `'${String(target)}'`})`;
  const saved = decodeArtifacts(await saving.modelArtifacts(model, { includeOptimizer: false }), where);
  const h5 = await H5Writer.create();
  let bytes: Uint8Array;
  try {
    writeLayerGroups(h5, '', saved, where);
    bytes = h5.finish();
  } catch (err) {
    h5.discard();
    throw err;
  }
  if (typeof target === 'function') {
    await target(bytes);
    return;
  }
  const path = localPath(target);
  if (path === undefined) throw new Error(`${where}: only file paths (Node) or a callback can receive the file`);
  await writeFileAtomic(path, bytes, where);
}
