import { optionKeys } from '@layerwise/data';
import type { Tensor } from '../tensor/tensor.js';
import { tidy } from '../engine/scope.js';
import { add, div, maximum, mul } from '../ops/binary.js';
import { clipByValue, sqrt, square } from '../ops/unary.js';
import { sum } from '../ops/reduce.js';
import { fill, scalar, zeros } from '../ops/create.js';
import { reshape } from '../ops/reshape.js';
import { keep } from '../engine/scope.js';
import { fmtShape, shapesEqual } from '../tensor/shape.js';
import { LayerVariable } from '../layers/variable.js';
import { LearningRateSchedule } from './schedules.js';

/** The options every optimizer takes. */
export interface OptimizerArgs {
  /** A number, or a schedule of the iteration count. */
  learningRate?: number | LearningRateSchedule;
  /** Keras 2.2's name for `learningRate` (`SGD(lr=0.01)`). */
  lr?: number | LearningRateSchedule;
  /** Keras 2: all gradients are scaled so their global norm is at most this. */
  clipnorm?: number;
  /** Each gradient element is clipped to [-clipvalue, clipvalue]. */
  clipvalue?: number;
  /** Keras 2 time decay: lr / (1 + decay * iterations). */
  decay?: number;
}

/** The options every optimizer takes (Keras 2's optimizer arguments). */
export const OPTIMIZER_OPTIONS = optionKeys<OptimizerArgs>()(['learningRate', 'lr', 'clipnorm', 'clipvalue', 'decay'], {
  ignored: {
    // tf.keras's optimizers take a name; Keras 2's have none and layerwise's className is fixed.
    name: { why: "Keras 2's optimizers have no name" },
  },
});

/** Keras's spelling of the Adam family's decay rates (`beta_1`, which snake_case of `beta1` is not). */
export const KERAS_BETAS = { beta_1: 'beta1', beta_2: 'beta2' } as const;

/**
 * Base of every optimizer: clipping, decay and schedules happen here once; subclasses
 * write one `updateVariable` with their slots (kept per variable, in creation order).
 */
export abstract class Optimizer {
  /** The Keras class name ('Adam'), used when saving. */
  abstract readonly className: string;
  /** The learning rate, or a schedule of the iteration count; callbacks may set it between batches. */
  learningRate: number | LearningRateSchedule;
  /** Gradients are scaled so their global norm is at most this (undefined: no clipping). */
  readonly clipnorm: number | undefined;
  /** Gradient elements are clipped to [-clipvalue, clipvalue] (undefined: no clipping). */
  readonly clipvalue: number | undefined;
  /** Keras 2 time decay: lr / (1 + decay * iterations). */
  readonly decay: number;
  /** Steps taken so far (Keras's `iterations`). */
  iterations = 0;
  /** Per variable (keyed by id, in creation order), its slots in `slotNames` order. */
  private readonly slots = new Map<number, LayerVariable[]>();

  constructor(args: OptimizerArgs, defaultLearningRate: number) {
    // A built-in optimizer has read its options; a user's subclass gets the base ones read here.
    args = OPTIMIZER_OPTIONS.read(args, new.target.name, { unknown: 'keep' });
    if (args.lr !== undefined && args.learningRate !== undefined && args.lr !== args.learningRate) {
      throw new Error(`${new.target.name}: 'lr' (${String(args.lr)}) and 'learningRate' (${String(args.learningRate)}) name the same setting; give one`);
    }
    this.learningRate = args.learningRate ?? args.lr ?? defaultLearningRate;
    this.clipnorm = args.clipnorm;
    this.clipvalue = args.clipvalue;
    this.decay = args.decay ?? 0;
    if (!(this.learningRate instanceof LearningRateSchedule) && !(typeof this.learningRate === 'number' && this.learningRate >= 0)) {
      throw new Error(`${new.target.name}: learningRate must be a number >= 0 or a LearningRateSchedule, got ${String(this.learningRate)}`);
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
      variables.forEach((v, i) => {
        this.updateVariable(v, gs[i], lr);
        // Keras 2: every optimizer projects the updated value through the variable's constraint.
        if (v.constraint) v.assign(v.constraint.apply(v.value));
      });
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
        const shape = this.slotShape(n, variable);
        const t = initial === 0 ? zeros(shape) : fill(shape, initial);
        const slot = new LayerVariable(`${variable.name}/${n}`, t, false);
        t.dispose();
        return slot;
      });
      this.slots.set(variable.id, s);
    }
    return s;
  }

  /** The shape of slot `name` of `variable`; Keras keeps some unused slots as shape-[1] placeholders. */
  protected slotShape(_name: string, variable: LayerVariable): number[] {
    return variable.shape;
  }

  /**
   * Keras 2's optimizer weights: the iteration count, then the slots grouped by kind
   * (every variable's first slot, then every variable's second, ...: Adam's `ms + vs + vhats`).
   */
  getWeights(): Tensor[] {
    const perVariable = [...this.slots.values()];
    const grouped = this.slotNames.flatMap((_, j) => perVariable.map((s) => s[j]));
    // int32 like Keras's integer counter: float32 would lose steps past 2^24. The slots are
    // handed out as views of their buffers (buffers are never mutated; assign swaps them).
    return [keep(scalar(this.iterations, 'int32')), ...grouped.map((s) => keep(reshape(s.value, s.shape)))];
  }

  /**
   * Restores state saved by getWeights. Slots are matched to `variables` in the order the
   * optimizer would create them (the model's trainable weights order). Everything is
   * checked before any state changes. Asynchronous because the iteration count is read back
   * from the backend, and some backends (WebGPU) read back asynchronously only.
   */
  async setWeights(weights: readonly Tensor[], variables: readonly LayerVariable[]): Promise<void> {
    if (weights.length === 0) return;
    const slotNames = this.slotNames;
    const [iterations, ...rest] = weights;
    const perVariable = slotNames.length;
    if (rest.length !== perVariable * variables.length) {
      throw new Error(`${this.className}.setWeights: expected ${1 + perVariable * variables.length} weights (iterations + ${perVariable} per variable for ${variables.length} variables), got ${weights.length}`);
    }
    if (iterations.size !== 1) throw new Error(`${this.className}.setWeights: weight 0 (iterations) must be a scalar, got shape ${fmtShape(iterations.shape)}`);
    const count = (await iterations.data())[0];
    if (!(Number.isInteger(count) && count >= 0)) throw new Error(`${this.className}.setWeights: iterations must be an integer >= 0, got ${count}`);
    const at = (j: number, i: number): Tensor => rest[j * variables.length + i];
    slotNames.forEach((name, j) => variables.forEach((v, i) => {
      const expected = this.slotShape(name, v);
      const w = at(j, i);
      if (!shapesEqual(w.shape, expected) || w.dtype !== v.dtype) {
        throw new Error(`${this.className}.setWeights: weight ${1 + j * variables.length + i} ('${v.name}/${name}') is ${w.dtype} of shape ${fmtShape(w.shape)}, expected ${v.dtype} of shape ${fmtShape(expected)}`);
      }
    }));
    this.iterations = count;
    variables.forEach((v, i) => {
      const slots = this.slotsFor(v, slotNames);
      slots.forEach((slot, j) => slot.assign(at(j, i)));
    });
  }

  /** Names of the slots one variable gets, in order (for saving). */
  abstract get slotNames(): readonly string[];

  /** Its constructor arguments, for saving. */
  getConfig(): Record<string, unknown> {
    const config: Record<string, unknown> = {
      learningRate: typeof this.learningRate === 'number' ? this.learningRate : this.learningRate.toJSON(),
      decay: this.decay,
    };
    if (this.clipnorm !== undefined) config.clipnorm = this.clipnorm;
    if (this.clipvalue !== undefined) config.clipvalue = this.clipvalue;
    return config;
  }

  /** Free its slot variables. */
  dispose(): void {
    for (const s of this.slots.values()) for (const slot of s) slot.dispose();
    this.slots.clear();
  }
}

