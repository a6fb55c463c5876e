import { optimizers, saving } from '@layerwise/api';
import { stripWrappers } from '../config/keras-object.js';
import { dropIgnorableKeys } from '../config/ignorable-keys.js';
import { isMap, show, type Json, type JsonMap } from '../config/json.js';

// Keyword arguments every Keras 2 optimizer takes besides its own settings.
const COMMON_OPTIMIZER_KEYS = ['name', 'lr', 'learning_rate', 'clipnorm', 'clipvalue', 'decay'];

/** Keras's spelling of a layerwise optimizer setting ('beta1' -> 'beta_1'). */
export function kerasOptimizerKey(key: string): string {
  return saving.toSnakeCase(key).replace(/([a-z])(\d+)$/, '$1_$2');
}

/**
 * A Keras optimizer config (any version) that layerwise's deserializer reads: Keras 3 and
 * tf.keras 2.11 wrappers and 'Custom>' prefixes removed, settings layerwise lacks dropped where
 * they change nothing, refused where they would.
 */
export function optimizerConfigFrom(raw: Json, where: string): { class_name: string; config: JsonMap } {
  const stripped = stripWrappers(raw);
  if (!isMap(stripped) || typeof stripped.class_name !== 'string') throw new Error(`${where}: the optimizer config must be { class_name, config }, got ${show(raw)}`);
  const className = stripped.class_name.replace(/^Custom>/, '');
  const config = isMap(stripped.config) ? stripped.config : {};
  let fresh: optimizers.Optimizer;
  try {
    fresh = optimizers.deserializeOptimizer({ class_name: className, config: {} });
  } catch (err) {
    throw new Error(`${where}: ${(err as Error).message}`, { cause: err });
  }
  const known = new Set([...Object.keys(fresh.getConfig()).map(kerasOptimizerKey), ...COMMON_OPTIMIZER_KEYS]);
  return { class_name: fresh.className, config: dropIgnorableKeys(config, known, `${where}: optimizer ${fresh.className}`) };
}

// Keys of a serialized loss or metric that only name it, and settings at their Keras 2 behaviour.
const NAME_KEYS = ['name', 'fn', 'dtype'];
const NO_OP_LOSS_SETTINGS: Readonly<Record<string, (v: Json) => boolean>> = {
  reduction: (v) => v === 'auto' || v === 'sum_over_batch_size' || v === null,
  from_logits: (v) => v === false,
  label_smoothing: (v) => v === 0,
  axis: (v) => v === -1,
  ignore_class: (v) => v === null,
};

/** A loss or metric as the name layerwise resolves: strings pass; Keras 3 objects give their config name. */
function lossOrMetricName(v: Json, where: string): Json {
  if (typeof v === 'string' || v === null) return v;
  if (Array.isArray(v)) return v.map((x) => lossOrMetricName(x, where));
  if (isMap(v) && typeof v.class_name === 'string') {
    const cfg = isMap(v.config) ? v.config : {};
    for (const [key, value] of Object.entries(cfg)) {
      if (!NAME_KEYS.includes(key) && !(key in NO_OP_LOSS_SETTINGS && NO_OP_LOSS_SETTINGS[key](value))) {
        throw new Error(`${where}: ${v.class_name} sets '${key}' = ${show(value)}, which layerwise's losses and metrics do not read; pass { compile: false } and compile the model yourself`);
      }
    }
    if (typeof cfg.fn === 'string') return cfg.fn;
    if (typeof cfg.name === 'string') return cfg.name;
    return saving.toSnakeCase(v.class_name);
  }
  if (isMap(v)) {
    const out: JsonMap = {};
    for (const [k, x] of Object.entries(v)) out[k] = lossOrMetricName(x, where);
    return out;
  }
  throw new Error(`${where}: ${show(v)} is not a loss or metric name`);
}

/**
 * The api's training config from Keras 2's `training_config` or Keras 3's `compile_config`
 * (where `optimizer` replaces `optimizer_config` and losses may be serialized objects).
 */
export function trainingConfigFrom(raw: Json, where: string): saving.TrainingConfig {
  if (!isMap(raw)) throw new Error(`${where}: the training config must be an object, got ${show(raw)}`);
  const optimizer = raw.optimizer_config ?? raw.optimizer;
  if (optimizer === undefined || optimizer === null) throw new Error(`${where}: the training config names no optimizer`);
  const tc: JsonMap = {
    loss: lossOrMetricName(raw.loss ?? null, where),
    metrics: lossOrMetricName(raw.metrics ?? null, where),
    optimizer_config: optimizerConfigFrom(optimizer, where) as unknown as JsonMap,
    loss_weights: raw.loss_weights ?? null,
    sample_weight_mode: raw.sample_weight_mode ?? null,
    weighted_metrics: lossOrMetricName(raw.weighted_metrics ?? null, where),
  };
  // Keras 3 wraps one output's metrics in a list per output.
  if (Array.isArray(tc.metrics) && tc.metrics.length === 1 && Array.isArray(tc.metrics[0])) tc.metrics = tc.metrics[0];
  return tc as unknown as saving.TrainingConfig;
}
