import type { Model } from '../models/model.js';
import { weightLayers } from './topology.js';
import type { WeightCheck } from '../layers/weight-budget.js';
import type { WeightSpec } from './artifacts.js';
import type { LayerVariable } from '../layers/variable.js';
import type { Tensor } from '../tensor/tensor.js';
import { tensor } from '../ops/create.js';
import { fmtShape, shapesEqual } from '../tensor/shape.js';
import type { HostWeight } from './weight-data.js';

/** The last part of a weight name: 'lstm/lstm_cell/kernel' -> 'kernel'. */
export const shortName = (name: string): string => name.slice(name.lastIndexOf('/') + 1);

/** A weight's own name without its scopes and TensorFlow's uniquifying suffix: 'rnn_1/kernel_1' -> 'kernel'. */
function baseName(name: string): string {
  return shortName(name).replace(/_\d+$/, '');
}

/** What a model's weights were paired with: the saved value of each (null: none), and the name it was saved under. */
export interface MatchedWeights {
  values: (HostWeight | null)[];
  savedNames: Map<LayerVariable, string>;
}

/**
 * Pairs each model weight with its saved value: by tfjs's name, else by layer and weight name
 * in order (Keras's nested cell scopes: a stack's second kernel is 'rnn_1/kernel_1' in Keras
 * 2.2.4, 'rnn/lstm_cell_1/kernel' in tf.keras, 'rnn/RNNCell_1/kernel' in tfjs), else by layer and position ('<layer>/<i>': Keras loads a layer's
 * weights in order, and Keras 3 files name them only by index).
 */
export function matchWeights(model: Model, saved: readonly HostWeight[], strict: boolean, where: string): MatchedWeights {
  const byName = new Map<string, HostWeight>();
  for (const w of saved) {
    if (byName.has(w.spec.name)) throw new Error(`${where}: the weights manifest names '${w.spec.name}' twice`);
    byName.set(w.spec.name, w);
  }
  const used = new Set<HostWeight>();
  const take = (w: HostWeight | undefined): HostWeight | null => (w && !used.has(w) ? (used.add(w), w) : null);
  const missing: string[] = [];
  const savedNames = new Map<LayerVariable, string>();
  const values = weightLayers(model).flatMap((layer) => layer.weights.map((v, index) => {
    const short = shortName(v.name);
    const found = take(byName.get(`${layer.name}/${short}`)) ?? take(byName.get(v.name))
      ?? take(saved.find((w) => !used.has(w) && w.spec.name.startsWith(`${layer.name}/`) && baseName(w.spec.name) === baseName(short)))
      ?? take(byName.get(`${layer.name}/${index}`));
    if (!found) {
      missing.push(`${layer.name}/${short}`);
      return null;
    }
    if (!shapesEqual(found.spec.shape, v.shape) || found.spec.dtype !== v.dtype) {
      throw new Error(`${where}: saved weight '${found.spec.name}' is ${found.spec.dtype} of shape ${fmtShape(found.spec.shape)}, but the model's '${v.name}' is ${v.dtype} of shape ${fmtShape(v.shape)}`);
    }
    savedNames.set(v, found.spec.name);
    return found;
  }));
  if (strict) {
    const extra = saved.filter((w) => !used.has(w)).map((w) => `'${w.spec.name}'`);
    if (missing.length > 0 || extra.length > 0) {
      const parts = [];
      if (missing.length > 0) parts.push(`${missing.length} model weight(s) have no saved value (${missing.map((m) => `'${m}'`).join(', ')})`);
      if (extra.length > 0) parts.push(`${extra.length} saved weight(s) match no model weight (${extra.join(', ')})`);
      throw new Error(`${where}: the saved weights do not fit the model: ${parts.join('; ')}; the model has ${values.length} weights, the file ${saved.length}`);
    }
  }
  return { values, savedNames };
}

/** Sets the model's weights to the matched values (weights without one keep theirs), all at once. */
export function assignWeights(model: Model, matched: readonly (HostWeight | null)[]): void {
  const made: Tensor[] = [];
  try {
    // matched follows weightLayers' order (nested models' layers included); setWeights takes model.weights'.
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

class WeightCheckFailed extends Error {}

/** The WeightCheckFailed in `err`'s cause chain (layers wrap build errors with their name), or `err`. */
export function rootCheckError(err: unknown): unknown {
  for (let e: unknown = err; e instanceof Error; e = e.cause) if (e instanceof WeightCheckFailed) return e;
  return err;
}

/**
 * The check loadModel gives withWeightBudget while the saved topology builds its layers: a
 * weight the file saves under the same name must have the file's shape and dtype, so a config
 * that contradicts its weights fails before the layer's initializer allocates anything (the
 * budget already bounds the total; this names the weight).
 */
export function manifestWeightCheck(specs: readonly WeightSpec[], where: string): WeightCheck {
  const byName = new Map(specs.map((s) => [s.name, s] as const));
  return (layerName, weightName, shape, dtype) => {
    const exact = byName.get(`${layerName}/${weightName}`);
    if (!exact || (shapesEqual(exact.shape, shape) && exact.dtype === dtype)) return;
    throw new WeightCheckFailed(`${where}: the topology gives layer '${layerName}' a weight '${weightName}' of ${dtype} shape ${fmtShape(shape)}, but the file's '${exact.name}' is ${exact.dtype} of shape ${fmtShape(exact.shape)}; nothing was allocated`);
  };
}
