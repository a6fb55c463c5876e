import { findLoss } from '../losses/registry.js';
import { binaryCrossentropy } from '../losses/binary-crossentropy.js';
import { categoricalCrossentropy } from '../losses/categorical-crossentropy.js';
import { sparseCategoricalCrossentropy } from '../losses/sparse-categorical-crossentropy.js';
import type { Tensor } from '../tensor/tensor.js';
import { Metric } from './metric.js';
import type { MetricFunction } from './metric-function.js';
import { MeanMetricWrapper } from './mean-metric-wrapper.js';
import { RenamedMetric } from './renamed-metric.js';
import { binaryAccuracy } from './binary-accuracy.js';
import { categoricalAccuracy } from './categorical-accuracy.js';
import { sparseCategoricalAccuracy } from './sparse-categorical-accuracy.js';
import { builtInMetricName, describeMetrics, findMetricFunction, findStatefulMetric } from './registry.js';

/** What compile knows about the output a metric is attached to. */
export interface MetricContext {
  /** The output's loss, by Keras name ('binary_crossentropy'; tfjs spellings are understood too). */
  lossName: string;
  /** The output's shape, batch axis included ([null, 10]). */
  outputShape: readonly (number | null)[];
  /** Whether this is a `weightedMetrics` entry: sampleWeight applies and the name gets 'weighted_'. */
  weighted: boolean;
}

type ClassMode = 'binary' | 'sparse' | 'categorical';

/** Keras 2's rule for 'acc' and 'ce': a last dimension of 1 or a binary loss is binary, then sparse by loss. */
function classMode(ctx: MetricContext): ClassMode {
  const loss = findLoss(ctx.lossName)?.name ?? ctx.lossName;
  const last = ctx.outputShape[ctx.outputShape.length - 1];
  if (last === 1 || loss === 'binary_crossentropy') return 'binary';
  if (loss === 'sparse_categorical_crossentropy') return 'sparse';
  return 'categorical';
}

const ACCURACY: Record<ClassMode, MetricFunction> = {
  binary: binaryAccuracy, sparse: sparseCategoricalAccuracy, categorical: categoricalAccuracy,
};
const CROSSENTROPY: Record<ClassMode, MetricFunction> = {
  binary: binaryCrossentropy, sparse: sparseCategoricalCrossentropy, categorical: categoricalCrossentropy,
};

/**
 * Resolves one entry of compile's `metrics` / `weightedMetrics` as Keras 2 does:
 * - 'accuracy'/'acc' and 'crossentropy'/'ce' pick the binary, sparse or categorical variant
 *   from the loss and output shape, and keep the name as written ('acc' logs as 'acc',
 *   'accuracy' as 'accuracy');
 * - other names (Keras or tfjs spelling) log under the Keras function's name ('mse' and
 *   'meanSquaredError' log as 'mean_squared_error'); 'precision', 'recall', 'auc' make
 *   fresh stateful metrics;
 * - a function logs under its Keras name if built in, else its own name ('custom_metric'
 *   for an anonymous one); a Metric instance keeps its name.
 * Weighted entries get the 'weighted_' prefix.
 */
export function getMetric(id: string | Metric | ((yTrue: Tensor, yPred: Tensor) => Tensor), ctx: MetricContext): Metric {
  if (ctx === null || typeof ctx !== 'object' || !Array.isArray(ctx.outputShape)) {
    throw new Error('getMetric: context must be { lossName, outputShape, weighted }');
  }
  const prefix = ctx.weighted ? 'weighted_' : '';
  if (id instanceof Metric) return ctx.weighted ? new RenamedMetric(id, prefix + id.name) : id;
  if (typeof id === 'function') {
    const name = builtInMetricName(id) ?? (id.name || 'custom_metric');
    return new MeanMetricWrapper(id, prefix + name, ctx.weighted);
  }
  if (typeof id !== 'string') {
    throw new Error(`metric must be a name, a Metric or a function (yTrue, yPred) => Tensor, got ${id === null ? 'null' : typeof id}`);
  }
  if (id === 'accuracy' || id === 'acc') return new MeanMetricWrapper(ACCURACY[classMode(ctx)], prefix + id, ctx.weighted);
  if (id === 'crossentropy' || id === 'ce') return new MeanMetricWrapper(CROSSENTROPY[classMode(ctx)], prefix + id, ctx.weighted);
  const stateful = findStatefulMetric(id);
  if (stateful) return stateful.make(prefix + stateful.name);
  const fn = findMetricFunction(id);
  if (fn) return new MeanMetricWrapper(fn.fn, prefix + fn.name, ctx.weighted);
  throw new Error(`unknown metric '${id}'; known metrics: ${describeMetrics()}`);
}
