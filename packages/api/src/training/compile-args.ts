import { optionKeys } from '@layerwise/data';
import type { Tensor } from '../tensor/tensor.js';
import type { LossFunction } from '../losses/loss.js';
import type { Metric } from '../metrics/metric.js';
import type { Optimizer } from '../optimizers/optimizer.js';

/** A loss: a Keras or tfjs name ('categorical_crossentropy', 'meanSquaredError', ...) or a function. */
export type LossIdentifier = string | LossFunction;
/** A metric: a Keras or tfjs name ('accuracy', 'acc', 'mae', ...), a Metric, or a function of (yTrue, yPred). */
export type MetricIdentifier = string | Metric | ((yTrue: Tensor, yPred: Tensor) => Tensor);

/** `model.compile` arguments (Keras 2's, camelCase). Per-output forms address the outputs by position (a list) or name (a record). */
export interface CompileArgs {
  /** 'sgd', 'rmsprop', 'adagrad', 'adadelta', 'adam', 'adamax', 'nadam' (default settings), or an instance. */
  optimizer: string | Optimizer;
  /** One loss for every output, a list (one per output) or a record by output name (an output left out is not trained). */
  loss: LossIdentifier | LossIdentifier[] | Record<string, LossIdentifier>;
  /** A list applies to every output; a record gives each output its own (one metric or a list). */
  metrics?: MetricIdentifier[] | Record<string, MetricIdentifier | MetricIdentifier[]>;
  /** The total loss is the sum of each output's loss times its weight (default 1). */
  lossWeights?: number[] | Record<string, number>;
  /** 'temporal' weights each timestep ([samples, timesteps] sampleWeight); one mode, a list or a record. */
  sampleWeightMode?: 'temporal' | null | ('temporal' | null)[] | Record<string, 'temporal' | null>;
  /** Metrics that sampleWeight and classWeight apply to (named 'weighted_<metric>'). */
  weightedMetrics?: MetricIdentifier[] | Record<string, MetricIdentifier | MetricIdentifier[]>;
  /** Targets fed from tensors: `fit` may then omit `y`. */
  targetTensors?: Tensor | Tensor[] | Record<string, Tensor>;
}

/** The model's outputs as compile sees them, and how errors describe the model. */
export interface OutputNames {
  names: readonly string[];
  /** 'a Sequential model' or "model 'm'", for messages. */
  model: string;
}

function outputsPhrase(o: OutputNames): string {
  const n = o.names.length;
  return `${o.model} has ${n} output${n === 1 ? '' : 's'} (${o.names.map((s) => `'${s}'`).join(', ')})`;
}

/**
 * A per-output compile argument as one entry per output (undefined where not given): a
 * single value applies to every output when `broadcast` (else only to a single-output model),
 * a list must have one entry per output, a record is keyed by output name.
 */
export function perOutput<T>(spec: T | T[] | Record<string, T> | undefined | null, outputs: OutputNames, what: string,
  isSingle: (v: unknown) => v is T, broadcast: boolean): (T | undefined)[] {
  const n = outputs.names.length;
  if (spec === undefined || spec === null) return outputs.names.map(() => undefined);
  if (isSingle(spec)) {
    if (!broadcast && n !== 1) throw new Error(`compile: ${what} is a single value but ${outputsPhrase(outputs)}; give a list or a record by output name`);
    return outputs.names.map(() => spec);
  }
  if (Array.isArray(spec)) {
    if (spec.length !== n) throw new Error(`compile: ${what} has ${spec.length} entries but ${outputsPhrase(outputs)}`);
    return spec.slice();
  }
  if (typeof spec === 'object') {
    const record = spec as Record<string, T>;
    const unknown = Object.keys(record).filter((k) => !outputs.names.includes(k));
    if (unknown.length > 0) {
      const known = n === 1 ? `the only output is '${outputs.names[0]}'` : `the outputs are ${outputs.names.map((s) => `'${s}'`).join(', ')}`;
      throw new Error(`compile: ${what} names unknown output(s) ${unknown.map((k) => `'${k}'`).join(', ')}; ${known}`);
    }
    return outputs.names.map((name) => (Object.prototype.hasOwnProperty.call(record, name) ? record[name] : undefined));
  }
  throw new Error(`compile: ${what} has an unsupported form: ${JSON.stringify(spec)}`);
}

/** compile's options, read once per call (Keras's snake_case accepted, unknown keys refused). */
export const COMPILE_OPTIONS = optionKeys<CompileArgs>()([
  'optimizer', 'loss', 'metrics', 'lossWeights', 'sampleWeightMode', 'weightedMetrics', 'targetTensors',
]);
