import { optionKeys } from '@layerwise/data';
import type { Model } from '../models/model.js';
import { isJsonObject } from './keras-case.js';
import { concatWeightData, LAYERS_MODEL_FORMAT, WEIGHTS_FORMAT, type IOHandler } from './artifacts.js';
import { checkArtifacts } from './json-limits.js';
import { parseTopology } from './topology.js';
import { buildModel } from './build-model.js';
import type { CustomObject } from '../layers/registry.js';
import { compileArgsFrom } from './training-config.js';
import { restoreOptimizer } from './optimizer-state.js';
import { checkWeightSpecs, decodeWeights } from './weight-data.js';
import { assignWeights, manifestWeightCheck, matchWeights, rootCheckError } from './match-weights.js';
import { resolveHandler } from './resolve-handler.js';
import { withWeightBudget } from '../layers/weight-budget.js';
import '../layers/index.js';

/** Values (4 MiB of float32) a model may create beyond twice what its file holds. */
const WEIGHT_BUDGET_SLACK = 2 ** 20;

/** Options of `loadModel`. */
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

const OPTIONS = optionKeys<LoadOptions>()(['compile', 'strict', 'customObjects']);

/**
 * Loads a model saved by `model.save` or by TensorFlow.js (`LayersModel.save`, tensorflowjs_converter
 * on a Keras Sequential or functional model): a directory or model.json path in Node, or any
 * IOHandler. Nothing in the files is trusted: weight files are read only from inside the model's
 * folder, sizes, nesting and the topology's weight shapes are checked against the manifest before
 * anything is allocated, and weights and optimizer state are matched by name. A failure frees
 * what was made.
 */
export async function loadModel(pathOrHandler: string | IOHandler, options: LoadOptions = {}): Promise<Model> {
  const where = typeof pathOrHandler === 'string' ? `loadModel('${pathOrHandler}')` : 'loadModel';
  options = OPTIONS.read(options, where);
  const handler = resolveHandler(pathOrHandler, 'load', where);
  const artifacts = checkArtifacts(await handler.load!(), where);
  if (artifacts.format === WEIGHTS_FORMAT) {
    throw new Error(`${where}: the artifacts hold weights only (written by saveWeights); build the model and call model.loadWeights(...)`);
  }
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
  // tfjs keeps it beside the topology; a converted Keras file (tensorflowjs_converter) inside it.
  // Read only to compile: { compile: false } must load a model whose training config cannot be honoured.
  const savedTc = compile
    ? artifacts.trainingConfig ?? (isJsonObject(artifacts.modelTopology) ? artifacts.modelTopology.training_config ?? undefined : undefined)
    : undefined;
  const compileArgs = savedTc ? compileArgsFrom(savedTc, where) : null;

  // With every model weight in the file, the file's sizes bound what building may allocate (the
  // slack lets small mismatches reach matchWeights, whose messages name each weight); a weight
  // the file saves under the same name must have the file's shape before it is allocated.
  const strict = options.strict ?? true;
  const budget = 2 * modelHost.reduce((n, w) => n + w.data.length, 0) + WEIGHT_BUDGET_SLACK;
  const build = (): Model => {
    try {
      return buildModel(spec, where, options.customObjects);
    } catch (err) {
      // Layers wrap build errors with their name: the check's own message says it all.
      throw rootCheckError(err);
    }
  };
  const model = strict ? withWeightBudget(budget, build, manifestWeightCheck(modelHost.map((w) => w.spec), where)) : build();
  try {
    if (modelHost.length > 0 && !model.built) {
      throw new Error(`${where}: the first layer has no batch_input_shape, so the model cannot be built to receive its ${modelHost.length} saved weights`);
    }
    const matched = matchWeights(model, modelHost, strict, where);
    assignWeights(model, matched.values);
    if (compileArgs) {
      model.compile(compileArgs);
      await restoreOptimizer(model.optimizer!, optimizerHost, model.trainableWeights, matched.savedNames, where);
    }
  } catch (err) {
    model.dispose();
    throw err;
  }
  return model;
}
