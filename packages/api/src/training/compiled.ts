import { Tensor } from '../tensor/tensor.js';
import { add, mul } from '../ops/binary.js';
import { concat } from '../ops/layout.js';
import { reshape } from '../ops/reshape.js';
import { getLoss } from '../losses/index.js';
import type { LossEntry } from '../losses/loss.js';
import { getMetric } from '../metrics/index.js';
import { Metric } from '../metrics/metric.js';
import { RenamedMetric } from '../metrics/renamed-metric.js';
import { getOptimizer } from '../optimizers/index.js';
import type { Optimizer } from '../optimizers/optimizer.js';
import type { Shape } from '../layers/shape.js';
import type { Logs } from '../callbacks/callback.js';
import { weightedMaskedObjective } from './weighted-objective.js';
import { MeanTracker } from './mean-tracker.js';
import { perOutput, type CompileArgs, type LossIdentifier, type MetricIdentifier, type OutputNames } from './compile-args.js';

const isLoss = (v: unknown): v is LossIdentifier => typeof v === 'string' || typeof v === 'function';
const isNumber = (v: unknown): v is number => typeof v === 'number';
const isMode = (v: unknown): v is 'temporal' | null => v === 'temporal' || v === null;
const isTensor = (v: unknown): v is Tensor => v instanceof Tensor;
const isMetricList = (v: unknown): v is MetricIdentifier[] => Array.isArray(v);

/** A model output as compile sees it: its name (the producing layer's) and shape (null before the model is built). */
export interface OutputSpec {
  name: string;
  shape: Shape | null;
}

/** One output that has a loss (Keras trains only those): what its part of the step needs. */
export interface TrainedOutput {
  /** Position among the model's outputs. */
  readonly index: number;
  readonly name: string;
  readonly shape: Shape | null;
  readonly loss: LossEntry;
  readonly lossWeight: number;
  readonly temporal: boolean;
  readonly metrics: Metric[];
  readonly weightedMetrics: Metric[];
  readonly targetTensor: Tensor | null;
}

/** The per-output batch losses from `totalLoss`, and the scalar that is minimised. */
export interface LossParts {
  total: Tensor;
  perOutput: Tensor[];
}

/**
 * What `compile` resolved, for a model of any number of outputs (Keras 2.2.4's compile):
 * per output a loss, a loss weight, a sample-weight mode, metrics and weighted metrics;
 * the names of everything logged, in Keras's order; and the running epoch statistics.
 */
export class Compiled {
  readonly optimizer: Optimizer;
  readonly args: CompileArgs;
  /** Made before the model was built: resolved again once the output shapes are known. */
  readonly provisional: boolean;
  /** The outputs that have a loss, in output order. */
  readonly trained: TrainedOutput[];
  readonly outputs: readonly OutputSpec[];
  /** ['loss', per-output losses (several outputs), each output's metrics then weighted metrics]. */
  readonly metricsNames: string[];
  private readonly model: string;
  private readonly lossTrackers: MeanTracker[];

  constructor(args: CompileArgs, outputs: readonly OutputSpec[], model: string, optimizer?: Optimizer) {
    if (args === null || typeof args !== 'object') throw new Error('compile: expected an object { optimizer, loss, metrics, ... }');
    if (args.optimizer === undefined) throw new Error("compile: 'optimizer' is required (a name such as 'adam', or an optimizer instance)");
    if (args.loss === undefined) throw new Error("compile: 'loss' is required (a name such as 'mse', or a function)");
    this.args = args;
    this.outputs = outputs.map((o) => ({ name: o.name, shape: o.shape }));
    this.model = model;
    this.provisional = outputs.some((o) => o.shape === null);
    const names: OutputNames = { names: outputs.map((o) => o.name), model };
    const losses = perOutput(args.loss, names, 'loss', isLoss, true);
    const weights = perOutput(args.lossWeights, names, 'lossWeights', isNumber, false);
    const modes = perOutput(args.sampleWeightMode ?? undefined, names, 'sampleWeightMode', isMode, true);
    const targets = args.targetTensors === undefined ? names.names.map(() => undefined)
      : perOutput(args.targetTensors, names, 'targetTensors', isTensor, false);
    const metricSpecs = perOutput(args.metrics, names, 'metrics', isMetricList, true);
    const weightedSpecs = perOutput(args.weightedMetrics, names, 'weightedMetrics', isMetricList, true);
    const several = outputs.length > 1;
    const logNames = ['loss'];
    const trained: TrainedOutput[] = [];
    outputs.forEach((o, i) => {
      const id = losses[i];
      if (id === undefined || id === null) return;
      const lossWeight = weights[i] ?? 1;
      if (!Number.isFinite(lossWeight)) throw new Error(`compile: lossWeights for '${o.name}' must be a finite number, got ${weights[i]}`);
      const mode = modes[i];
      if (mode !== undefined && mode !== null && mode !== 'temporal') {
        throw new Error(`compile: sampleWeightMode must be 'temporal' or null, got ${JSON.stringify(mode)}`);
      }
      trained.push({ index: i, name: o.name, shape: o.shape, loss: getLoss(id), lossWeight, temporal: mode === 'temporal',
        metrics: [], weightedMetrics: [], targetTensor: targets[i] ?? null });
    });
    if (trained.length === 0) {
      throw new Error(several ? `compile: no output has a loss; ${names.names.map((s) => `'${s}'`).join(', ')} are all left out of 'loss'`
        : `compile: no loss given for output '${names.names[0]}'`);
    }
    if (several) for (const t of trained) logNames.push(`${t.name}_loss`);
    // Keras 2.2.4: each output's metrics, then its weighted metrics; several outputs prefix
    // the output's name, and a name already taken gets _1, _2, ...
    const seen = new Set<Metric>();
    for (const t of trained) {
      const resolve = (spec: MetricIdentifier[] | MetricIdentifier | undefined, weighted: boolean, into: Metric[]): void => {
        const items = spec === undefined || spec === null ? [] : Array.isArray(spec) ? spec : [spec];
        for (const id of items) {
          if (id instanceof Metric) {
            if (seen.has(id)) throw new Error(`compile: the metric instance '${id.name}' is given to more than one output (or twice); each needs its own instance, or pass the metric's name`);
            seen.add(id);
          }
          const m = getMetric(id, { lossName: t.loss.name, outputShape: t.shape ?? [], weighted });
          const base = several ? `${t.name}_${m.name}` : m.name;
          let name = base;
          for (let j = 1; logNames.includes(name); j++) name = `${base}_${j}`;
          logNames.push(name);
          into.push(name === m.name ? m : new RenamedMetric(m, name));
        }
      };
      resolve(metricSpecs[t.index], false, t.metrics);
      resolve(weightedSpecs[t.index], true, t.weightedMetrics);
    }
    this.trained = trained;
    this.metricsNames = logNames;
    this.lossTrackers = logNames.slice(0, several ? 1 + trained.length : 1).map(() => new MeanTracker());
    // Resolve the optimizer last: nothing above may fail after it is created.
    this.optimizer = optimizer ?? getOptimizer(args.optimizer);
  }

  /**
   * The same compilation with metrics of its own state (same optimizer), for evaluate and
   * testOnBatch: one called from a fit callback must not reset or feed the metrics whose
   * epoch values fit is accumulating. Metric instances the user passed are shared (they
   * cannot be copied).
   */
  withFreshMetrics(): Compiled {
    return new Compiled(this.args, this.outputs, this.model, this.optimizer);
  }

  /** Every metric, in the order of metricsNames (after the losses). */
  get allMetrics(): Metric[] {
    return this.trained.flatMap((t) => [...t.metrics, ...t.weightedMetrics]);
  }

  /**
   * Keras 2.2.4's total loss: for each trained output, the weighted, masked mean of its loss
   * times its loss weight, summed, plus the regularisation penalties. `ys` and `ws` follow
   * `trained`; `preds` and `masks` follow the model's outputs.
   */
  totalLoss(ys: readonly Tensor[], preds: readonly Tensor[], ws: readonly (Tensor | null)[], masks: readonly (Tensor | null)[],
    regularization: readonly Tensor[]): LossParts {
    const perOutput = this.trained.map((t, k) => weightedMaskedObjective(t.loss.fn(ys[k], preds[t.index]), ws[k], masks[t.index]));
    let total: Tensor | null = null;
    this.trained.forEach((t, k) => {
      const part = t.lossWeight === 1 ? perOutput[k] : mul(perOutput[k], t.lossWeight);
      total = total === null ? part : add(total, part);
    });
    let sum = total as unknown as Tensor;
    for (const r of regularization) sum = add(sum, r);
    return { total: sum, perOutput };
  }

  /** One 1-D tensor: [loss, per-output losses (several outputs), each metric's statistics], read back in one download. */
  batchStats(loss: LossParts, ys: readonly Tensor[], preds: readonly Tensor[], ws: readonly (Tensor | null)[], masks: readonly (Tensor | null)[]): Tensor {
    const parts = [reshape(loss.total, [1])];
    if (this.outputs.length > 1) for (const l of loss.perOutput) parts.push(reshape(l, [1]));
    this.trained.forEach((t, k) => {
      const y = ys[k];
      const p = preds[t.index];
      const mask = masks[t.index];
      for (const m of t.metrics) parts.push(reshape(m.batchStats(y, p, null, mask), [m.statsSize]));
      for (const m of t.weightedMetrics) parts.push(reshape(m.batchStats(y, p, ws[k], mask), [m.statsSize]));
    });
    return parts.length === 1 ? parts[0] : concat(parts, 0);
  }

  resetMetrics(): void {
    for (const t of this.lossTrackers) t.reset();
    for (const m of this.allMetrics) m.reset();
  }

  /** Feeds read-back statistics to the loss trackers and metrics; returns the batch's loss. */
  accumulate(stats: ArrayLike<number>, batchSize: number): number {
    this.lossTrackers.forEach((t, i) => t.add(stats[i], batchSize));
    let offset = this.lossTrackers.length;
    for (const m of this.allMetrics) {
      m.accumulate(Array.prototype.slice.call(stats, offset, offset + m.statsSize) as number[], batchSize);
      offset += m.statsSize;
    }
    return stats[0];
  }

  /** Every logged value by name: the epoch's means ('result') or the last batch's ('lastBatch'). */
  logs(which: 'result' | 'lastBatch'): Logs {
    const logs: Logs = {};
    this.lossTrackers.forEach((t, i) => { logs[this.metricsNames[i]] = which === 'result' ? t.value : t.last; });
    for (const m of this.allMetrics) logs[m.name] = which === 'result' ? m.result() : m.lastBatch();
    return logs;
  }
}
