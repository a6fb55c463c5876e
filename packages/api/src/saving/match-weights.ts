import type { Model } from '../models/model.js';
import { weightLayers } from './topology.js';
import type { WeightCheck } from '../layers/weight-check.js';
import type { WeightSpec } from './artifacts.js';
import { bytesPerElement } from '../kernel/dtypes.js';
import type { LayerVariable } from '../layers/variable.js';
import type { Tensor } from '../tensor/tensor.js';
import { tensor } from '../ops/create.js';
import { fmtShape, shapesEqual, sizeOf } from '../tensor/shape.js';
import { specsBytes, type HostWeight } from './weight-data.js';

/** The last part of a weight name: 'lstm/lstm_cell/kernel' -> 'kernel'. */
export const shortName = (name: string): string => name.slice(name.lastIndexOf('/') + 1);

/** What a model's weights were paired with: the saved value of each (null: none), and the name it was saved under. */
export interface MatchedWeights {
  values: (HostWeight | null)[];
  savedNames: Map<LayerVariable, string>;
}

/** Pairs each model weight with its saved value: by tfjs's name, else by layer and weight name (Keras's nested cell names). */
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
  const values = weightLayers(model).flatMap((layer) => layer.weights.map((v) => {
    const short = shortName(v.name);
    const found = take(byName.get(`${layer.name}/${short}`)) ?? take(byName.get(v.name))
      ?? take(saved.find((w) => !used.has(w) && w.spec.name.startsWith(`${layer.name}/`) && w.spec.name.endsWith(`/${short}`)));
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

/** Weights without a saved counterpart that a strict load still builds (to report them all together) take at most this many bytes, or the file's size if larger. */
const UNMATCHED_BUDGET = 1 << 20;

/**
 * The check loadModel applies while the saved topology builds its layers, before each
 * weight's initializer runs: a weight saved under its exact name must have the saved shape
 * and dtype, and (strict) weights with no saved counterpart of their name, shape and dtype
 * may not add up to more than the file holds. So a 1 KB model.json declaring a huge layer
 * fails before anything is allocated; small mismatches are reported all together afterwards.
 */
export function manifestWeightCheck(specs: readonly WeightSpec[], strict: boolean, where: string): WeightCheck {
  const budget = Math.max(UNMATCHED_BUDGET, specsBytes(specs));
  let unmatched = 0;
  return (layerName, weightName, shape, dtype) => {
    const short = shortName(weightName);
    const fits = (s: WeightSpec): boolean => shapesEqual(s.shape, shape) && s.dtype === dtype;
    if (specs.some((s) => shortName(s.name) === short && fits(s))) return;
    const exact = specs.find((s) => s.name === `${layerName}/${weightName}`);
    const declared = `the topology gives layer '${layerName}' a weight '${weightName}' of ${dtype} shape ${fmtShape(shape)}`;
    if (exact) throw new WeightCheckFailed(`${where}: ${declared}, but the file's '${exact.name}' is ${exact.dtype} of shape ${fmtShape(exact.shape)}; nothing was allocated`);
    if (!strict) return;
    unmatched += sizeOf(shape) * bytesPerElement(dtype);
    if (unmatched > budget) {
      const same = specs.filter((s) => shortName(s.name) === short).map((s) => `'${s.name}' ${fmtShape(s.shape)}`);
      throw new WeightCheckFailed(`${where}: ${declared}, which no saved weight matches (the file has ${same.length > 0 ? same.join(', ') : `no '${short}' weight`}); nothing was allocated`);
    }
  };
}
