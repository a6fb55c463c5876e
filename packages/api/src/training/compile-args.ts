import type { Tensor } from '../tensor/tensor.js';
import type { LossFunction } from '../losses/loss.js';
import type { Metric } from '../metrics/metric.js';
import type { Optimizer } from '../optimizers/optimizer.js';

export type LossIdentifier = string | LossFunction;
export type MetricIdentifier = string | Metric | ((yTrue: Tensor, yPred: Tensor) => Tensor);

/** `model.compile` arguments (Keras 2's, camelCase). Per-output forms address the output by position or name. */
export interface CompileArgs {
  optimizer: string | Optimizer;
  loss: LossIdentifier | LossIdentifier[] | Record<string, LossIdentifier>;
  metrics?: MetricIdentifier[] | Record<string, MetricIdentifier | MetricIdentifier[]>;
  lossWeights?: number[] | Record<string, number>;
  /** 'temporal' weights each timestep ([samples, timesteps] sampleWeight). */
  sampleWeightMode?: 'temporal' | null | ('temporal' | null)[] | Record<string, 'temporal' | null>;
  weightedMetrics?: MetricIdentifier[] | Record<string, MetricIdentifier | MetricIdentifier[]>;
  /** Targets fed from tensors: `fit` may then omit `y`. */
  targetTensors?: Tensor | Tensor[] | Record<string, Tensor>;
}

/** Picks the entry for the model's (single) output from a per-output spec. */
export function forOutput<T>(spec: T | T[] | Record<string, T> | undefined, outputName: string, what: string,
  isSingle: (v: unknown) => v is T): T | undefined {
  if (spec === undefined || spec === null) return undefined;
  if (isSingle(spec)) return spec;
  if (Array.isArray(spec)) {
    if (spec.length !== 1) {
      throw new Error(`compile: ${what} has ${spec.length} entries but a Sequential model has 1 output ('${outputName}')`);
    }
    return spec[0];
  }
  if (typeof spec === 'object') return byOutputName(spec as Record<string, T>, outputName, what);
  throw new Error(`compile: ${what} has an unsupported form: ${JSON.stringify(spec)}`);
}

/** The entry of a record keyed by output name; any other key is an error. */
export function byOutputName<T>(spec: Record<string, T>, outputName: string, what: string): T | undefined {
  const unknown = Object.keys(spec).filter((k) => k !== outputName);
  if (unknown.length > 0) {
    throw new Error(`compile: ${what} names unknown output(s) ${unknown.map((k) => `'${k}'`).join(', ')}; the only output is '${outputName}'`);
  }
  return spec[outputName];
}
