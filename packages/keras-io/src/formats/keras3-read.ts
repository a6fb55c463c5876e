import { optimizers, saving, type saving as savingTypes } from '@layerwise/api';
import { ZipReader } from '../zip/zip-read.js';
import { withH5, type H5Reader } from '../hdf5/h5-reader.js';
import { checkJsonDepth, type ReadLimits } from '../limits.js';
import { isMap, parseJson, type JsonMap } from '../config/json.js';
import { layerTree, toModelTopology, type LayerTree } from '../config/model-config.js';
import { toArtifacts } from './artifacts.js';
import { apiWeightNames } from './h5-layers.js';
import { toApiOptimizerState } from './optimizer-state.js';
import { trainingConfigFrom } from './training-config.js';
import { attempt } from './h5-model-read.js';
import type { HostTensor } from './tensors.js';

const CONFIG = 'config.json';
const METADATA = 'metadata.json';
const WEIGHTS = 'model.weights.h5';

/** Keras 3's path key for an object: its class name in snake_case, numbered from the second of a kind. */
export function uniqueKeys(classNames: readonly string[]): string[] {
  const used = new Map<string, number>();
  return classNames.map((c) => {
    const base = saving.toSnakeCase(c.replace(/\W+/g, ''));
    const n = used.get(base);
    used.set(base, n === undefined ? 0 : n + 1);
    return n === undefined ? base : `${base}_${n + 1}`;
  });
}

// Keras walks an object's attributes in sorted order, private ('_...') ones last.
const walkKey = (name: string): string => (name.startsWith('_') ? `~${name}` : name);

/** The variables saved under `path`: its own `vars/0..n`, then its children's, as Keras walks them. */
function varsUnder(h5: H5Reader, path: string, depth = 0): HostTensor[] {
  if (depth > 8) throw new Error(`${h5.where}: '${path}' nests too deeply`);
  const out: HostTensor[] = [];
  const keys = h5.keys(path);
  if (keys.includes('vars') && h5.isGroup(`${path}/vars`)) {
    const indices = h5.keys(`${path}/vars`).map(Number);
    if (indices.some((i) => !Number.isInteger(i))) throw new Error(`${h5.where}: '${path}/vars' holds names other than variable indices`);
    indices.sort((a, b) => a - b).forEach((i, k) => {
      if (i !== k) throw new Error(`${h5.where}: '${path}/vars' skips variable ${k}`);
      const { info, data } = h5.read(`${path}/vars/${i}`);
      out.push({ name: `${path}/vars/${i}`, shape: info.shape, data });
    });
  }
  for (const child of keys.filter((k) => k !== 'vars' && h5.isGroup(`${path}/${k}`)).sort((a, b) => (walkKey(a) < walkKey(b) ? -1 : 1))) {
    out.push(...varsUnder(h5, `${path}/${child}`, depth + 1));
  }
  return out;
}

/** Keras 3's class name of a layer of a translated topology (functional models are 'Functional'). */
const keras3Class = (className: string): string => (className === 'Model' ? 'Functional' : className);

/**
 * Where Keras 3 keeps each weight-owning layer's variables: `<root>/<key>` with the key made
 * from the class (uniqueKeys) in the model's layer order, a nested model's layers under its own
 * `<key>/layers`. A layer shared between models keeps its first place.
 */
export function keras3LayerPaths(tree: readonly LayerTree[], root: string, seen = new Set<string>()): { name: string; path: string }[] {
  const keys = uniqueKeys(tree.map((n) => keras3Class(n.className)));
  return tree.flatMap((n, i) => {
    const path = `${root}/${keys[i]}`;
    if (n.layers) return keras3LayerPaths(n.layers, `${path}/layers`, seen);
    if (seen.has(n.name)) return [];
    seen.add(n.name);
    return [{ name: n.name, path }];
  });
}

/**
 * A Keras 3 `.keras` archive (config.json, metadata.json, model.weights.h5) as the artifacts
 * layerwise's loadModel reads. Weights are found where Keras 3 puts them (keras3LayerPaths):
 * `layers/<class in snake_case>[_n]/vars/<i>` (a recurrent layer's under `.../cell/vars`),
 * the optimizer's under `optimizer/vars`.
 */
export async function readKerasArchive(bytes: Uint8Array, limits: ReadLimits, where: string): Promise<savingTypes.ModelArtifacts> {
  const zip = new ZipReader(bytes, limits.maxExpansion, where);
  for (const name of [CONFIG, WEIGHTS]) {
    if (!zip.has(name)) throw new Error(`${where}: the .keras archive has no '${name}' (it holds ${zip.names().join(', ') || 'nothing'})`);
  }
  const text = new TextDecoder();
  const config = parseJson(text.decode(await zip.read(CONFIG)), `${where}: ${CONFIG}`);
  checkJsonDepth(config, limits.maxJsonDepth, `${where}: ${CONFIG}`);
  let version: string | undefined;
  if (zip.has(METADATA)) {
    const meta = parseJson(text.decode(await zip.read(METADATA)), `${where}: ${METADATA}`);
    if (isMap(meta) && typeof meta.keras_version === 'string') version = meta.keras_version;
  }
  const topology = toModelTopology(config, where, true);
  const compile = isMap(config) && isMap(config.compile_config) && Object.keys(config.compile_config).length > 0 ? config.compile_config : null;
  const tc = compile ? attempt(() => trainingConfigFrom(compile, `${where}: compile_config`)) : null;
  const weightBytes = await zip.read(WEIGHTS);
  return withH5(weightBytes, limits, `${where}: ${WEIGHTS}`, (h5) => {
    // Keras 3.0 named the layer list '_layer_checkpoint_dependencies', later versions 'layers'.
    const list = h5.isGroup('_layer_checkpoint_dependencies') && !h5.isGroup('layers') ? '_layer_checkpoint_dependencies' : 'layers';
    const weights = keras3LayerPaths(layerTree(topology), list).flatMap(({ name, path }) => {
      const at = list === 'layers' ? path : path.replace(/\/layers\//g, `/${list}/`);
      if (!h5.isGroup(at)) return [];
      const vars = varsUnder(h5, at);
      const names = apiWeightNames(name, vars.map((_, k) => String(k)));
      return vars.map((t, k) => ({ ...t, name: names[k] }));
    });
    let optimizerState: HostTensor[] = [];
    if (tc && !(tc instanceof Error) && h5.isGroup('optimizer')) {
      const saved = varsUnder(h5, 'optimizer');
      const opt = optimizers.deserializeOptimizer(tc.optimizer_config as { class_name: string; config: Record<string, unknown> });
      const lr = (tc.optimizer_config as unknown as { config: JsonMap }).config.learning_rate;
      optimizerState = toApiOptimizerState(opt, saved, 'keras3', typeof lr === 'number' || lr === undefined, where);
    }
    return toArtifacts(topology, version, weights, tc, optimizerState);
  });
}
