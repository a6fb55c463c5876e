import type { H5Reader } from '../hdf5/h5-reader.js';
import type { HostTensor } from './tensors.js';

/**
 * Keras's save_attributes_to_hdf5_group: a list attribute too large for one HDF5 object header
 * is split into `name0`, `name1`, ...; this reads either form.
 */
export function readNameList(h5: H5Reader, path: string, name: string): string[] | undefined {
  const whole = h5.attr(path, name);
  if (whole !== undefined) return asNames(whole, h5.where, path, name);
  const out: string[] = [];
  for (let i = 0; ; i++) {
    const chunk = h5.attr(path, `${name}${i}`);
    if (chunk === undefined) return i === 0 ? undefined : out;
    out.push(...asNames(chunk, h5.where, path, `${name}${i}`));
  }
}

function asNames(v: unknown, where: string, path: string, name: string): string[] {
  if (typeof v === 'string') return [v];
  // An empty list is stored as a float array of length 0.
  if (Array.isArray(v) && v.length === 0) return [];
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v;
  throw new Error(`${where}: attribute '${name}' of '${path || '/'}' should list names, got ${JSON.stringify(v)?.slice(0, 80)}`);
}

/** A string attribute, or undefined when absent. */
export function readString(h5: H5Reader, path: string, name: string): string | undefined {
  const v = h5.attr(path, name);
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new Error(`${h5.where}: attribute '${name}' of '${path || '/'}' should be a string`);
  return v;
}

/** One layer's weights as saved, in the file's (Keras's) order. */
export interface SavedLayer {
  name: string;
  weights: HostTensor[];
}

/**
 * The layers of a Keras weights group (`model_weights` of a model file, or the root of a
 * save_weights file): `layer_names`, and per layer its `weight_names` datasets.
 */
export function readLayerGroups(h5: H5Reader, group: string): SavedLayer[] {
  const names = readNameList(h5, group, 'layer_names');
  if (names === undefined) throw new Error(`${h5.where}: '${group || '/'}' has no layer_names attribute; it is not a Keras weights group`);
  const seen = new Set<string>();
  return names.map((layer) => {
    if (seen.has(layer)) throw new Error(`${h5.where}: layer_names lists '${layer}' twice`);
    seen.add(layer);
    const path = `${group}/${layer}`;
    if (!h5.isGroup(path)) throw new Error(`${h5.where}: layer '${layer}' is listed in layer_names but the file has no group '${path}'`);
    const weightNames = readNameList(h5, path, 'weight_names') ?? [];
    const weights = weightNames.map((w) => {
      const { info, data } = h5.read(`${path}/${w}`);
      return { name: w, shape: info.shape, data };
    });
    return { name: layer, weights };
  });
}

/**
 * Names for a layer's saved weights that layerwise's loader matches: '<layer>/<weight>' from
 * the file's names ('dense_1/kernel:0' -> 'dense_1/kernel', tf.keras's
 * 'lstm/lstm_cell/kernel:0' -> 'lstm/lstm_cell/kernel'), or '<layer>/<position>' where the file
 * gives none that tell the weights apart (Keras 3's bare indices, 'param_0'): Keras itself matches
 * layers by name and a layer's weights by order.
 */
export function apiWeightNames(layer: string, kerasNames: readonly string[]): string[] {
  const rests = kerasNames.map((n) => {
    const rest = n.replace(/:\d+$/, '');
    return rest.startsWith(`${layer}/`) ? rest.slice(layer.length + 1) : rest;
  });
  const informative = rests.every((r) => /^[A-Za-z_][\w/]*$/.test(r) && !/(^|\/)(param_\d+|variable(_\d+)?)$/.test(r)) && new Set(rests).size === rests.length;
  return rests.map((r, i) => `${layer}/${informative ? r : i}`);
}
