export { Metric } from './metric.js';
export type { MetricFunction } from './metric-function.js';
export { MeanMetricWrapper } from './mean-metric-wrapper.js';
export { RenamedMetric } from './renamed-metric.js';
export { getMetric, type MetricContext } from './get-metric.js';
export { METRIC_FUNCTIONS, STATEFUL_METRICS, type MetricFunctionSpec, type StatefulMetricSpec } from './registry.js';
export { binaryAccuracy } from './binary-accuracy.js';
export { categoricalAccuracy } from './categorical-accuracy.js';
export { sparseCategoricalAccuracy } from './sparse-categorical-accuracy.js';
export { topKCategoricalAccuracy } from './top-k-categorical-accuracy.js';
export { sparseTopKCategoricalAccuracy } from './sparse-top-k-categorical-accuracy.js';
export { inTopK } from './in-top-k.js';
export { ConfusionMetric, type ConfusionTotals } from './confusion-metric.js';
export type { ConfusionKind } from './confusion.js';
export { Precision, type PrecisionArgs } from './precision.js';
export { Recall, type RecallArgs } from './recall.js';
export { AUC, type AUCArgs, type AUCCurve, type AUCSummationMethod } from './auc.js';
export { precision, recall, auc } from './factories.js';
// Every loss is a metric as well (Keras 2 and tfjs export them from metrics too).
export {
  meanSquaredError, meanAbsoluteError, meanAbsolutePercentageError, meanSquaredLogarithmicError, squaredHinge, hinge,
  categoricalHinge, logcosh, huber, categoricalCrossentropy, sparseCategoricalCrossentropy, binaryCrossentropy,
  kullbackLeiblerDivergence, poisson, cosineProximity,
  meanSquaredError as mse, meanAbsoluteError as mae, meanAbsolutePercentageError as mape,
  meanSquaredLogarithmicError as msle, kullbackLeiblerDivergence as kld, cosineProximity as cosine,
} from '../losses/index.js';
