import { optionKeys } from '@layerwise/data';
import type { Tensor } from '../tensor/tensor.js';
import { add, div, greaterEqual, mul } from '../ops/binary.js';
import { cast } from '../ops/cast.js';
import { clipByValue, sqrt, square } from '../ops/unary.js';
import { sum } from '../ops/reduce.js';
import { normAxes } from '../ops/validate.js';
import { fmtShape } from '../tensor/shape.js';

/** Keras 2's `K.epsilon()`, which the norm constraints add to the norm they divide by. */
const EPSILON = 1e-7;

/** A constraint in Keras's serialised form (`{ className: 'MaxNorm', config: { maxValue: 2, axis: 0 } }`). */
export interface ConstraintConfig {
  /** The Keras class name. */
  className: string;
  /** Its constructor arguments. */
  config: Record<string, unknown>;
}

/**
 * A projection applied to a weight after each optimizer step (Keras's `Constraint`):
 * the optimizer replaces the updated value `w` by `apply(w)`.
 */
export abstract class Constraint {
  /** The Keras class name ('MaxNorm'), used when saving. */
  abstract readonly className: string;
  /** The projected weight: a new tensor of `w`'s shape (the caller owns it). */
  abstract apply(w: Tensor): Tensor;
  /** Throws unless the constraint can apply to a weight of `shape`; called when the weight is made, so no step fails halfway. */
  check(shape: readonly number[], where: string): void {
    void shape;
    void where;
  }
  /** Its constructor arguments, for saving. */
  getConfig(): Record<string, unknown> {
    return {};
  }
  /** The serialised form: class name and config. */
  toJSON(): ConstraintConfig {
    return { className: this.className, config: this.getConfig() };
  }
}

/**
 * The axis or axes a norm constraint takes each norm over (negative counts from the end).
 * Keras's default 0 suits a Dense kernel [in, out]: one norm per output unit; a channels-last
 * Conv2D kernel wants [0, 1, 2].
 */
export type NormAxis = number | number[];

function checkAxis(axis: NormAxis, className: string): NormAxis {
  const list = typeof axis === 'number' ? [axis] : Array.isArray(axis) ? axis : null;
  if (!list || list.length === 0 || list.some((a) => !Number.isInteger(a))) {
    throw new Error(`${className}: axis must be an integer or a non-empty list of integers, got ${JSON.stringify(axis)}`);
  }
  return typeof axis === 'number' ? axis : axis.slice();
}

function checkNumber(value: unknown, name: string, className: string, min = 0): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
    throw new Error(`${className}: ${name} must be a finite number >= ${min}, got ${JSON.stringify(value)}`);
  }
  return value;
}

// Each constraint's options (Keras's snake_case accepted, unknown keys refused).
const MAX_NORM_OPTIONS = optionKeys<{ maxValue?: number; axis?: NormAxis }>()(['maxValue', 'axis']);
const UNIT_NORM_OPTIONS = optionKeys<{ axis?: NormAxis }>()(['axis']);
const MIN_MAX_NORM_OPTIONS = optionKeys<{ minValue?: number; maxValue?: number; rate?: number; axis?: NormAxis }>()([
  'minValue', 'maxValue', 'rate', 'axis',
]);

/** The norm constraints: each rescales the weight by desired(norms) / (epsilon + norms), norms taken over `axis`. */
abstract class NormConstraint extends Constraint {
  /** The axis or axes each norm is taken over (default 0). */
  readonly axis: NormAxis;
  constructor(axis: NormAxis, className: string) {
    super();
    this.axis = checkAxis(axis, className);
  }
  override check(shape: readonly number[], where: string): void {
    try {
      normAxes(this.className, this.axis, shape.length);
    } catch {
      throw new Error(`${where}: ${this.className} axis ${JSON.stringify(this.axis)} does not fit a weight of shape ${fmtShape(shape)}`);
    }
  }
  /** The L2 norm of each slice of `w` over `axis`, the axes kept with size 1 so it broadcasts against `w`. */
  protected norms(w: Tensor): Tensor {
    return sqrt(sum(square(w), this.axis, true));
  }
}

/** Keras's MaxNorm: each slice along `axis` is scaled down to a norm of at most `maxValue`. */
export class MaxNorm extends NormConstraint {
  readonly className = 'MaxNorm';
  /** The largest norm a slice may keep (Keras's max_value, default 2). */
  readonly maxValue: number;
  constructor(args: { maxValue?: number; axis?: NormAxis } = {}) {
    args = MAX_NORM_OPTIONS.read(args, 'MaxNorm');
    super(args.axis ?? 0, 'MaxNorm');
    this.maxValue = checkNumber(args.maxValue ?? 2, 'maxValue', 'MaxNorm');
  }
  apply(w: Tensor): Tensor {
    const norms = this.norms(w);
    return mul(w, div(clipByValue(norms, 0, this.maxValue), add(norms, EPSILON)));
  }
  override getConfig(): Record<string, unknown> {
    return { maxValue: this.maxValue, axis: this.axis };
  }
}

/** Keras's NonNeg: negative weights become zero (w * (w >= 0)). */
export class NonNeg extends Constraint {
  readonly className = 'NonNeg';
  apply(w: Tensor): Tensor {
    return mul(w, cast(greaterEqual(w, 0), w.dtype));
  }
}

/** Keras's UnitNorm: each slice along `axis` is divided by (epsilon + its norm). */
export class UnitNorm extends NormConstraint {
  readonly className = 'UnitNorm';
  constructor(args: { axis?: NormAxis } = {}) {
    args = UNIT_NORM_OPTIONS.read(args, 'UnitNorm');
    super(args.axis ?? 0, 'UnitNorm');
  }
  apply(w: Tensor): Tensor {
    return div(w, add(this.norms(w), EPSILON));
  }
  override getConfig(): Record<string, unknown> {
    return { axis: this.axis };
  }
}

/**
 * Keras's MinMaxNorm: each slice's norm moves to rate * clip(norm, minValue, maxValue) +
 * (1 - rate) * norm (rate 1 enforces the bounds at once).
 */
export class MinMaxNorm extends NormConstraint {
  readonly className = 'MinMaxNorm';
  /** Lower bound of the norm (Keras's min_value, default 0). */
  readonly minValue: number;
  /** Upper bound of the norm (Keras's max_value, default 1). */
  readonly maxValue: number;
  /** How far each step moves the norm toward the bounds (default 1: all the way; Keras's rate). */
  readonly rate: number;
  constructor(args: { minValue?: number; maxValue?: number; rate?: number; axis?: NormAxis } = {}) {
    args = MIN_MAX_NORM_OPTIONS.read(args, 'MinMaxNorm');
    super(args.axis ?? 0, 'MinMaxNorm');
    this.minValue = checkNumber(args.minValue ?? 0, 'minValue', 'MinMaxNorm');
    this.maxValue = checkNumber(args.maxValue ?? 1, 'maxValue', 'MinMaxNorm');
    this.rate = checkNumber(args.rate ?? 1, 'rate', 'MinMaxNorm');
    if (this.minValue > this.maxValue) throw new Error(`MinMaxNorm: minValue ${this.minValue} must be <= maxValue ${this.maxValue}`);
  }
  apply(w: Tensor): Tensor {
    const norms = this.norms(w);
    const desired = add(mul(clipByValue(norms, this.minValue, this.maxValue), this.rate), mul(norms, 1 - this.rate));
    return mul(w, div(desired, add(norms, EPSILON)));
  }
  override getConfig(): Record<string, unknown> {
    return { minValue: this.minValue, maxValue: this.maxValue, rate: this.rate, axis: this.axis };
  }
}
