import { Tensor } from '../tensor/tensor.js';
import { add, mul } from '../ops/binary.js';
import { concat } from '../ops/layout.js';
import { reshape } from '../ops/reshape.js';
import { getLoss } from '../losses/index.js';
import type { LossEntry, LossFunction } from '../losses/loss.js';
import { getMetric } from '../metrics/index.js';
import type { Metric } from '../metrics/metric.js';
import { getOptimizer } from '../optimizers/index.js';
import type { Optimizer } from '../optimizers/optimizer.js';
import type { Shape } from '../layers/shape.js';
import { weightedMaskedObjective } from './weighted-objective.js';
import { byOutputName, forOutput, type CompileArgs, type LossIdentifier } from './compile-args.js';

const isLoss = (v: unknown): v is LossIdentifier => typeof v === 'string' || typeof v === 'function';
const isNumber = (v: unknown): v is number => typeof v === 'number';
const isMode = (v: unknown): v is 'temporal' | null => v === 'temporal' || v === null;

/** What `compile` resolved: everything the training step needs, for the model's one output. */
export class Compiled {
  readonly optimizer: Optimizer;
  readonly loss: LossEntry;
  readonly lossWeight: number;
  readonly temporal: boolean;
  readonly metrics: Metric[];
  readonly weightedMetrics: Metric[];
  readonly targetTensor: Tensor | null;
  readonly args: CompileArgs;
  /** Made before the model was built: resolved again once the output shape is known. */
  readonly provisional: boolean;
  private readonly outputName: string;
  private readonly outputShape: Shape | null;

  constructor(args: CompileArgs, outputName: string, outputShape: Shape | null, optimizer?: Optimizer) {
    this.provisional = outputShape === null;
    this.outputName = outputName;
    this.outputShape = outputShape;
    if (args === null || typeof args !== 'object') throw new Error('compile: expected an object { optimizer, loss, metrics, ... }');
    if (args.optimizer === undefined) throw new Error("compile: 'optimizer' is required (a name such as 'adam', or an optimizer instance)");
    if (args.loss === undefined) throw new Error("compile: 'loss' is required (a name such as 'mse', or a function)");
    this.args = args;
    const lossId = forOutput(args.loss, outputName, 'loss', isLoss);
    if (lossId === undefined) throw new Error(`compile: no loss given for output '${outputName}'`);
    this.loss = getLoss(lossId);
    const lw = forOutput(args.lossWeights, outputName, 'lossWeights', isNumber);
    this.lossWeight = lw ?? 1;
    if (!Number.isFinite(this.lossWeight)) throw new Error(`compile: lossWeights for '${outputName}' must be a finite number, got ${lw}`);
    const mode = forOutput(args.sampleWeightMode ?? undefined, outputName, 'sampleWeightMode', isMode);
    if (mode !== undefined && mode !== null && mode !== 'temporal') {
      throw new Error(`compile: sampleWeightMode must be 'temporal' or null, got ${JSON.stringify(mode)}`);
    }
    this.temporal = mode === 'temporal';
    const shape = outputShape ?? [];
    const resolve = (spec: CompileArgs['metrics'], weighted: boolean, what: string): Metric[] => {
      if (spec === undefined || spec === null) return [];
      // A list applies to the single output; a record addresses it by name (one metric or a list).
      const picked = Array.isArray(spec) ? spec : byOutputName(spec, outputName, what);
      const items = picked === undefined ? [] : Array.isArray(picked) ? picked : [picked];
      return items.map((m) => getMetric(m, { lossName: this.loss.name, outputShape: shape, weighted }));
    };
    this.metrics = resolve(args.metrics, false, 'metrics');
    this.weightedMetrics = resolve(args.weightedMetrics, true, 'weightedMetrics');
    const names = this.metricsNames;
    const dup = names.find((n, i) => names.indexOf(n) !== i);
    if (dup) throw new Error(`compile: metric name '${dup}' appears twice`);
    const target = args.targetTensors;
    this.targetTensor = target === undefined ? null
      : (forOutput(target, outputName, 'targetTensors', (v: unknown): v is Tensor => v instanceof Tensor) ?? null);
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
    return new Compiled(this.args, this.outputName, this.outputShape, this.optimizer);
  }

  /** ['loss', metric names..., weighted metric names...], as Keras 2 orders them. */
  get metricsNames(): string[] {
    return ['loss', ...this.metrics.map((m) => m.name), ...this.weightedMetrics.map((m) => m.name)];
  }

  get allMetrics(): Metric[] {
    return [...this.metrics, ...this.weightedMetrics];
  }

  get lossFunction(): LossFunction {
    return this.loss.fn;
  }

  /** Weighted, masked, scaled loss plus regularisation: the scalar that is minimised. */
  totalLoss(yTrue: Tensor, yPred: Tensor, sampleWeight: Tensor | null, mask: Tensor | null, regularization: Tensor[]): Tensor {
    let loss = weightedMaskedObjective(this.loss.fn(yTrue, yPred), sampleWeight, mask);
    if (this.lossWeight !== 1) loss = mul(loss, this.lossWeight);
    for (const r of regularization) loss = add(loss, r);
    return loss;
  }

  /** One 1-D tensor: [loss, ...each metric's batch statistics], read back in one download. */
  batchStats(loss: Tensor, yTrue: Tensor, yPred: Tensor, sampleWeight: Tensor | null, mask: Tensor | null): Tensor {
    const parts = [reshape(loss, [1])];
    for (const m of this.metrics) parts.push(reshape(m.batchStats(yTrue, yPred, null, mask), [m.statsSize]));
    for (const m of this.weightedMetrics) parts.push(reshape(m.batchStats(yTrue, yPred, sampleWeight, mask), [m.statsSize]));
    return parts.length === 1 ? parts[0] : concat(parts, 0);
  }

  resetMetrics(): void {
    for (const m of this.allMetrics) m.reset();
  }

  /** Feeds read-back statistics to the metrics; returns the batch's loss. */
  accumulate(stats: ArrayLike<number>, batchSize: number): number {
    let offset = 1;
    for (const m of this.allMetrics) {
      m.accumulate(Array.prototype.slice.call(stats, offset, offset + m.statsSize) as number[], batchSize);
      offset += m.statsSize;
    }
    return stats[0];
  }
}
