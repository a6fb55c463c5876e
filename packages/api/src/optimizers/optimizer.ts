import type { Tensor } from '../tensor/tensor.js';
import { tidy } from '../engine/scope.js';
import { add, div, maximum, mul } from '../ops/binary.js';
import { clipByValue, sqrt, square } from '../ops/unary.js';
import { sum } from '../ops/reduce.js';
import { fill, scalar, zeros } from '../ops/create.js';
import { keep } from '../engine/scope.js';
import { fmtShape, shapesEqual } from '../tensor/shape.js';
import { LayerVariable } from '../layers/variable.js';
import type { LearningRateSchedule } from './schedules.js';

export interface OptimizerArgs {
  /** A number, or a schedule of the iteration count. */
  learningRate?: number | LearningRateSchedule;
  /** Keras 2: all gradients are scaled so their global norm is at most this. */
  clipnorm?: number;
  /** Each gradient element is clipped to [-clipvalue, clipvalue]. */
  clipvalue?: number;
  /** Keras 2 time decay: lr / (1 + decay * iterations). */
  decay?: number;
}

/**
 * Base of every optimizer: clipping, decay and schedules happen here once; subclasses
 * write one `updateVariable` with their slots (kept per variable, in creation order).
 */
export abstract class Optimizer {
  abstract readonly className: string;
  learningRate: number | LearningRateSchedule;
  readonly clipnorm: number | undefined;
  readonly clipvalue: number | undefined;
  readonly decay: number;
  /** Steps taken so far (Keras's `iterations`). */
  iterations = 0;
  private readonly slots = new Map<number, LayerVariable[]>();
  private readonly slotOrder: LayerVariable[] = [];

  constructor(args: OptimizerArgs, defaultLearningRate: number) {
    this.learningRate = args.learningRate ?? defaultLearningRate;
    this.clipnorm = args.clipnorm;
    this.clipvalue = args.clipvalue;
    this.decay = args.decay ?? 0;
    if (typeof this.learningRate === 'number' && !(this.learningRate >= 0)) {
      throw new Error(`${new.target.name}: learningRate must be a number >= 0, got ${this.learningRate}`);
    }
    if (this.clipnorm !== undefined && !(this.clipnorm > 0)) throw new Error(`${new.target.name}: clipnorm must be > 0, got ${this.clipnorm}`);
    if (this.clipvalue !== undefined && !(this.clipvalue > 0)) throw new Error(`${new.target.name}: clipvalue must be > 0, got ${this.clipvalue}`);
    if (!(this.decay >= 0)) throw new Error(`${new.target.name}: decay must be >= 0, got ${this.decay}`);
  }

  /** The learning rate for the current iteration (schedule and decay applied). */
  currentLearningRate(): number {
    const base = typeof this.learningRate === 'number' ? this.learningRate : this.learningRate.at(this.iterations);
    return this.decay > 0 ? base / (1 + this.decay * this.iterations) : base;
  }

  /** One step: clips, then updates every variable with its gradient, then counts the iteration. */
  applyGradients(variables: readonly LayerVariable[], grads: readonly Tensor[]): void {
    if (variables.length !== grads.length) {
      throw new Error(`${this.className}.applyGradients: ${variables.length} variables but ${grads.length} gradients`);
    }
    variables.forEach((v, i) => {
      if (!shapesEqual(v.shape, grads[i].shape)) {
        throw new Error(`${this.className}.applyGradients: gradient ${i} for '${v.name}' has shape ${fmtShape(grads[i].shape)}, expected ${fmtShape(v.shape)}`);
      }
    });
    const lr = this.currentLearningRate();
    tidy(() => {
      let gs = grads.slice();
      if (this.clipnorm !== undefined) {
        // g * clipnorm / max(globalNorm, clipnorm), computed on the backend (no readback).
        const norm = sqrt(gs.map((g) => sum(square(g))).reduce((a, b) => add(a, b), scalar(0)));
        const scale = div(this.clipnorm, maximum(norm, this.clipnorm));
        gs = gs.map((g) => mul(g, scale));
      }
      if (this.clipvalue !== undefined) gs = gs.map((g) => clipByValue(g, -this.clipvalue!, this.clipvalue!));
      variables.forEach((v, i) => this.updateVariable(v, gs[i], lr));
    });
    this.iterations++;
  }

  /** Writes the new value of `variable` (via assign) from its gradient. */
  protected abstract updateVariable(variable: LayerVariable, grad: Tensor, lr: number): void;

  /** This optimizer's state slots for `variable`, created (zeros, or `initial`) on first use. */
  protected slotsFor(variable: LayerVariable, names: readonly string[], initial = 0): LayerVariable[] {
    let s = this.slots.get(variable.id);
    if (!s) {
      s = names.map((n) => {
        const t = initial === 0 ? zeros(variable.shape) : fill(variable.shape, initial);
        const slot = new LayerVariable(`${variable.name}/${n}`, t, false);
        t.dispose();
        return slot;
      });
      this.slots.set(variable.id, s);
      this.slotOrder.push(...s);
    }
    return s;
  }

  /** Keras's optimizer weights: the iteration count, then every slot in creation order. */
  getWeights(): Tensor[] {
    return [keep(scalar(this.iterations)), ...this.slotOrder.map((s) => keep(mul(s.value, 1)))];
  }

  /**
   * Restores state saved by getWeights. Slots are matched to `variables` in the order the
   * optimizer would create them (the model's trainable weights order).
   */
  setWeights(weights: readonly Tensor[], variables: readonly LayerVariable[]): void {
    const slotNames = this.slotNames;
    if (weights.length === 0) return;
    const [iterations, ...rest] = weights;
    const perVariable = slotNames.length;
    if (rest.length !== perVariable * variables.length) {
      throw new Error(`${this.className}.setWeights: expected ${1 + perVariable * variables.length} weights (iterations + ${perVariable} per variable), got ${weights.length}`);
    }
    this.iterations = iterations.dataSync()[0];
    variables.forEach((v, i) => {
      const slots = this.slotsFor(v, slotNames);
      slots.forEach((slot, j) => slot.assign(rest[i * perVariable + j]));
    });
  }

  /** Names of the slots one variable gets, in order (for saving). */
  abstract get slotNames(): readonly string[];

  getConfig(): Record<string, unknown> {
    const config: Record<string, unknown> = {
      learningRate: typeof this.learningRate === 'number' ? this.learningRate : this.learningRate.toJSON(),
      decay: this.decay,
    };
    if (this.clipnorm !== undefined) config.clipnorm = this.clipnorm;
    if (this.clipvalue !== undefined) config.clipvalue = this.clipvalue;
    return config;
  }

  dispose(): void {
    for (const s of this.slotOrder) s.dispose();
    this.slots.clear();
    this.slotOrder.length = 0;
  }
}

