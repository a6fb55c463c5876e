import { optionKeys } from '@layerwise/data';
import type { Model } from '../models/model.js';
import { concatWeightData, WEIGHTS_FORMAT, type IOHandler, type SaveResult } from './artifacts.js';
import { checkArtifacts } from './json-limits.js';
import { assignWeights, matchWeights } from './match-weights.js';
import { resolveHandler } from './resolve-handler.js';
import { encodeModelWeights, GENERATED_BY, savedWeightNames } from './save-model.js';
import { checkWeightSpecs, decodeWeights, type HostWeight } from './weight-data.js';
import { weightLayers } from './topology.js';
import { shapesEqual } from '../tensor/shape.js';

/** The manifest file saveWeights writes inside a folder (its weights go to model-weights.bin). */
export const WEIGHTS_FILE = 'model-weights.json';

/** Options of `model.loadWeights`. */
export interface LoadWeightsOptions {
  /** Every saved weight must match a model weight and every model weight must be saved. Default true. */
  strict?: boolean;
  /**
   * Keras's `by_name`. true: weights are paired by layer and weight name only. false (the
   * default): by name, and where the names do not pair them all (a model built again in the
   * same process is 'dense_2', not 'dense'), in order, as Keras 2's load_weights pairs them,
   * provided every shape agrees.
   */
  byName?: boolean;
}

/**
 * `model.saveWeights(pathOrHandler)` (Keras's save_weights): the model's weights alone, no
 * architecture and no optimizer state. A folder gets model-weights.json (the weights
 * manifest, tfjs's format) and model-weights.bin, written as crash-safely as `save`; a path
 * ending in .json names the manifest itself; an IOHandler gets weights-only artifacts.
 */
export async function saveWeights(model: Model, pathOrHandler: string | IOHandler): Promise<SaveResult> {
  const handler = resolveHandler(pathOrHandler, 'save', 'saveWeights', { modelFile: WEIGHTS_FILE });
  if (model.layers.length === 0) throw new Error(`saveWeights: the model '${model.name}' has no layers`);
  const { specs, data } = await encodeModelWeights(model, savedWeightNames(model));
  return handler.save!({ format: WEIGHTS_FORMAT, generatedBy: GENERATED_BY, convertedBy: null, weightSpecs: specs, weightData: data });
}

const OPTIONS = optionKeys<LoadWeightsOptions>()(['strict', 'byName']);

/**
 * `model.loadWeights(pathOrHandler)` (Keras's load_weights): sets the weights of a built model
 * from saveWeights' files (or a full model.json's), matched by name, else in order (see
 * `byName`); optimizer state in the
 * file is ignored. Loads from a folder (model-weights.json, else model.json), a .json path
 * or an IOHandler, with loadModel's checks; nothing changes unless every weight fits.
 */
export async function loadWeights(model: Model, pathOrHandler: string | IOHandler, options: LoadWeightsOptions = {}): Promise<void> {
  const where = typeof pathOrHandler === 'string' ? `loadWeights('${pathOrHandler}')` : 'loadWeights';
  options = OPTIONS.read(options, where);
  const handler = resolveHandler(pathOrHandler, 'load', where, { modelFile: [WEIGHTS_FILE, 'model.json'], weightsOnly: true, where });
  if (!model.built) throw new Error(`${where}: the model '${model.name}' is not built yet; give its first layer an inputShape, or call build() first`);
  const artifacts = checkArtifacts(await handler.load!(), where);
  const data = artifacts.weightData ? concatWeightData(artifacts.weightData) : new ArrayBuffer(0);
  const host = decodeWeights(data, checkWeightSpecs(artifacts.weightSpecs ?? [], data, where)).filter((w) => w.spec.group !== 'optimizer');
  let matched: ReturnType<typeof matchWeights>['values'];
  try {
    matched = matchWeights(model, host, options.strict ?? true, where).values;
  } catch (err) {
    const inOrder = options.byName === true ? null : pairInOrder(model, host);
    if (!inOrder) throw err;
    matched = inOrder;
  }
  assignWeights(model, matched);
}

/** The saved weights in the model's weight order, or null unless their count and every shape and dtype agree. */
function pairInOrder(model: Model, saved: readonly HostWeight[]): HostWeight[] | null {
  const variables = weightLayers(model).flatMap((l) => l.weights);
  if (variables.length !== saved.length || saved.length === 0) return null;
  const fits = variables.every((v, i) => shapesEqual(v.shape, saved[i].spec.shape) && v.dtype === saved[i].spec.dtype);
  return fits ? saved.slice() : null;
}
