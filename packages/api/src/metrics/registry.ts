import { LOSSES } from '../losses/registry.js';
import type { Metric } from './metric.js';
import type { MetricFunction } from './metric-function.js';
import { binaryAccuracy } from './binary-accuracy.js';
import { categoricalAccuracy } from './categorical-accuracy.js';
import { sparseCategoricalAccuracy } from './sparse-categorical-accuracy.js';
import { topKCategoricalAccuracy } from './top-k-categorical-accuracy.js';
import { sparseTopKCategoricalAccuracy } from './sparse-top-k-categorical-accuracy.js';
import { Precision } from './precision.js';
import { Recall } from './recall.js';
import { AUC } from './auc.js';

/** A built-in function metric: the name Keras 2 logs it under and the other spellings it answers to. */
export interface MetricFunctionSpec {
  /** Keras 2's name, the key in logs and History ('binary_accuracy', 'mean_squared_error'). */
  readonly name: string;
  /** The per-sample function. */
  readonly fn: MetricFunction;
  /** Other names compile accepts for it (tfjs's camelCase, Keras's short forms such as 'mse'). */
  readonly aliases: readonly string[];
}

/** A built-in stateful metric, made fresh for each compile. */
export interface StatefulMetricSpec {
  /** Its default name in logs and History ('precision'). */
  readonly name: string;
  /** Makes a fresh instance logging under `name` (Keras's 'weighted_' prefix included). */
  readonly make: (name: string) => Metric;
  /** Other names compile accepts for it (tf.keras's class names). */
  readonly aliases: readonly string[];
}

/** The built-in function metrics compile accepts by name: the accuracies and every loss. */
export const METRIC_FUNCTIONS: readonly MetricFunctionSpec[] = [
  { name: 'binary_accuracy', fn: binaryAccuracy, aliases: ['binaryAccuracy'] },
  { name: 'categorical_accuracy', fn: categoricalAccuracy, aliases: ['categoricalAccuracy'] },
  { name: 'sparse_categorical_accuracy', fn: sparseCategoricalAccuracy, aliases: ['sparseCategoricalAccuracy'] },
  // Called with two arguments, so k is 5, Keras's default.
  { name: 'top_k_categorical_accuracy', fn: topKCategoricalAccuracy, aliases: ['topKCategoricalAccuracy'] },
  { name: 'sparse_top_k_categorical_accuracy', fn: sparseTopKCategoricalAccuracy, aliases: ['sparseTopKCategoricalAccuracy'] },
  // Every loss is a metric too, logged under the loss's Keras name ('mse' logs as 'mean_squared_error').
  ...LOSSES,
];

/** The built-in stateful metrics compile accepts by name: precision, recall and auc. */
export const STATEFUL_METRICS: readonly StatefulMetricSpec[] = [
  { name: 'precision', make: (name) => new Precision({ name }), aliases: ['Precision'] },
  { name: 'recall', make: (name) => new Recall({ name }), aliases: ['Recall'] },
  { name: 'auc', make: (name) => new AUC({ name }), aliases: ['AUC'] },
];

export function findMetricFunction(id: string): MetricFunctionSpec | undefined {
  return METRIC_FUNCTIONS.find((m) => m.name === id || m.aliases.includes(id));
}

export function findStatefulMetric(id: string): StatefulMetricSpec | undefined {
  return STATEFUL_METRICS.find((m) => m.name === id || m.aliases.includes(id));
}

/** The Keras name of a built-in metric function, or undefined. */
export function builtInMetricName(fn: MetricFunction): string | undefined {
  return METRIC_FUNCTIONS.find((m) => m.fn === fn)?.name;
}

export function describeMetrics(): string {
  const all = [...METRIC_FUNCTIONS, ...STATEFUL_METRICS];
  return ['accuracy (acc)', 'crossentropy (ce)',
    ...all.map((m) => (m.aliases.length ? `${m.name} (${m.aliases.join(', ')})` : m.name))].join(', ');
}
