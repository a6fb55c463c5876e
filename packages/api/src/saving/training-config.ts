import type { Compiled } from '../training/compiled.js';
import type { CompileArgs, MetricIdentifier } from '../training/compile-args.js';
import { findLoss } from '../losses/registry.js';
import { getMetric, type MetricContext } from '../metrics/get-metric.js';
import { deserializeOptimizer } from '../optimizers/deserialize-optimizer.js';
import { tfjsOptimizerForm } from '../optimizers/tfjs-form.js';
import type { Optimizer } from '../optimizers/optimizer.js';
import type { JsonObject, TrainingConfig } from './artifacts.js';
import { isJsonObject, toKeras, toSnakeCase } from './keras-case.js';

const CUSTOM_HINT = 'save with { includeOptimizer: false } and compile the loaded model yourself';

/** Keras spells the numbered optimizer settings 'beta_1'; tfjs reads either spelling. */
function optimizerKey(key: string): string {
  return toSnakeCase(key).replace(/([a-z])(\d+)$/, '$1_$2');
}

/** The optimizer as tfjs-layers reads it where tfjs has its equal (see tfjsOptimizerForm), else as Keras writes it. */
export function optimizerConfig(optimizer: Optimizer): { class_name: string; config: JsonObject } {
  const tfjs = tfjsOptimizerForm(optimizer);
  const config: JsonObject = {};
  for (const [k, v] of Object.entries(tfjs?.config ?? optimizer.getConfig())) config[optimizerKey(k)] = toKeras(v, `save: optimizer ${optimizer.className} '${k}'`, k);
  return { class_name: tfjs?.className ?? optimizer.className, config };
}

/**
 * Whether tfjs-layers 4.22 can compile a model from `tc`: its optimizer has a tfjs equal and
 * nothing tfjs refuses ("Loading loss_weights is not supported yet") is set.
 */
export function tfjsCanRead(tc: TrainingConfig, optimizer: Optimizer): boolean {
  return tfjsOptimizerForm(optimizer) !== null && tc.loss_weights == null && tc.sample_weight_mode == null && tc.weighted_metrics == null;
}

/** A metric as the name that resolves to it again, or an error for a custom one. */
function metricName(id: MetricIdentifier, ctx: MetricContext, where: string): string {
  if (typeof id === 'string') return id;
  const name = getMetric(id, ctx).name;
  let again: string | null = null;
  try {
    again = getMetric(name, ctx).name;
  } catch {
    again = null;
  }
  if (again !== name) throw new Error(`${where}: metric '${name}' is a custom metric and cannot be written to the training config; ${CUSTOM_HINT}`);
  return name;
}

function metricNames(spec: CompileArgs['metrics'], ctx: MetricContext, where: string): string[] | null {
  if (spec === undefined || spec === null) return null;
  const items = Array.isArray(spec) ? spec : Object.values(spec).flatMap((v) => (Array.isArray(v) ? v : [v]));
  return items.map((m) => metricName(m, ctx, where));
}

/** Keras's training_config for what `compile` was given (per-output forms for several outputs, by output name). */
export function trainingConfig(compiled: Compiled): TrainingConfig {
  const where = 'save';
  const several = compiled.outputs.length > 1;
  const losses: Record<string, string> = {};
  const weights: Record<string, number> = {};
  const modes: Record<string, string | null> = {};
  for (const t of compiled.trained) {
    const spec = findLoss(t.loss.name);
    if (!spec || spec.fn !== t.loss.fn) {
      throw new Error(`${where}: the loss '${t.loss.name}' is a custom function and cannot be written to the training config; ${CUSTOM_HINT}`);
    }
    losses[t.name] = spec.name;
    weights[t.name] = t.lossWeight;
    modes[t.name] = t.temporal ? 'temporal' : null;
  }
  const first = compiled.trained[0];
  const ctx: MetricContext = { lossName: first.loss.name, outputShape: first.shape ?? [], weighted: false };
  const args = compiled.args;
  const metrics = (spec: CompileArgs['metrics']) => (several ? metricRecord(spec, compiled, where) : metricNames(spec, ctx, where));
  const weighted = args.lossWeights !== undefined || compiled.trained.some((t) => t.lossWeight !== 1);
  return {
    loss: several ? losses : losses[first.name],
    metrics: metrics(args.metrics),
    optimizer_config: optimizerConfig(compiled.optimizer),
    loss_weights: !weighted ? null : several ? weights : [first.lossWeight],
    sample_weight_mode: several ? (compiled.trained.some((t) => t.temporal) ? modes : null) : modes[first.name],
    weighted_metrics: metrics(args.weightedMetrics),
  } as TrainingConfig;
}

/** Per-output metric names, by output name (a list given to compile applies to every trained output). */
function metricRecord(spec: CompileArgs['metrics'], compiled: Compiled, where: string): Record<string, string[]> | null {
  if (spec === undefined || spec === null) return null;
  const out: Record<string, string[]> = {};
  for (const t of compiled.trained) {
    const ctx: MetricContext = { lossName: t.loss.name, outputShape: t.shape ?? [], weighted: false };
    const own = Array.isArray(spec) ? spec : spec[t.name];
    const items = own === undefined ? [] : Array.isArray(own) ? own : [own];
    out[t.name] = items.map((m) => metricName(m, ctx, where));
  }
  return out;
}

function stringList(v: unknown, what: string, where: string): string[] | Record<string, string | string[]> | undefined {
  if (v === undefined || v === null) return undefined;
  const ok = (x: unknown) => typeof x === 'string' || (Array.isArray(x) && x.every((y) => typeof y === 'string'));
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
  if (isJsonObject(v) && Object.values(v).every(ok)) return v as Record<string, string | string[]>;
  throw new Error(`${where}: trainingConfig.${what} must be a list of metric names, got ${JSON.stringify(v)}`);
}

/** compile() arguments from a saved training_config (Keras's, tfjs's or ours). */
export function compileArgsFrom(tc: unknown, where: string): CompileArgs {
  if (!isJsonObject(tc)) throw new Error(`${where}: trainingConfig must be an object, got ${JSON.stringify(tc)}`);
  const loss = tc.loss;
  const lossOk = typeof loss === 'string' || (Array.isArray(loss) && loss.every((l) => typeof l === 'string'))
    || (isJsonObject(loss) && Object.values(loss).every((l) => typeof l === 'string'));
  if (!lossOk) throw new Error(`${where}: trainingConfig.loss must be a loss name (or one per output), got ${JSON.stringify(loss)}`);
  if (!isJsonObject(tc.optimizer_config)) throw new Error(`${where}: trainingConfig.optimizer_config must be { class_name, config }`);
  let optimizer: Optimizer;
  try {
    optimizer = deserializeOptimizer(tc.optimizer_config as { class_name: string; config?: Record<string, unknown> });
  } catch (err) {
    throw new Error(`${where}: trainingConfig.optimizer_config: ${(err as Error).message}; pass { compile: false } to load the model uncompiled`, { cause: err });
  }
  const args: CompileArgs = { optimizer, loss: loss as CompileArgs['loss'] };
  const metrics = stringList(tc.metrics, 'metrics', where);
  if (metrics) args.metrics = metrics;
  const weighted = stringList(tc.weighted_metrics, 'weighted_metrics', where);
  if (weighted) args.weightedMetrics = weighted;
  const lw = tc.loss_weights;
  if (lw !== undefined && lw !== null) args.lossWeights = lw as number[] | Record<string, number>;
  const mode = tc.sample_weight_mode;
  if (mode !== undefined && mode !== null) args.sampleWeightMode = mode as 'temporal';
  return args;
}
