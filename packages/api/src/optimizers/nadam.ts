import { optionKeys } from '@layerwise/data';
import type { Tensor } from '../tensor/tensor.js';
import type { LayerVariable } from '../layers/variable.js';
import { keep } from '../engine/scope.js';
import { scalar } from '../ops/create.js';
import { add, div, mul, sub } from '../ops/binary.js';
import { sqrt, square } from '../ops/unary.js';
import { fmtShape } from '../tensor/shape.js';
import { KERAS_BETAS, Optimizer, OPTIMIZER_OPTIONS, type OptimizerArgs } from './optimizer.js';
import { checkEpsilon, checkUnitInterval } from './checks.js';

/** The options of `Nadam`. */
export interface NadamArgs extends OptimizerArgs {
  /** Decay rate of the first-moment (mean) estimates. */
  beta1?: number;
  /** Decay rate of the second-moment estimates. */
  beta2?: number;
  /** Added to the denominator for numerical stability. */
  epsilon?: number;
  /** Warms up the momentum: mu_t = beta1 (1 - 0.5 * 0.96^(t * scheduleDecay)). */
  scheduleDecay?: number;
}

const OPTIONS = optionKeys<NadamArgs>()([
  'beta1', 'beta2', 'epsilon', 'scheduleDecay',
], { base: [OPTIMIZER_OPTIONS], aliases: KERAS_BETAS });

/**
 * Keras 2 Nadam (Adam with Nesterov momentum, Dozat 2016). `mSchedule` is the running
 * product of the momentum cache; it is state, so getWeights/setWeights carry it, at
 * index 1 as in Keras 2 (`[iterations, m_schedule] + ms + vs`). Keras 2 Nadam takes no
 * `decay`; use a LearningRateSchedule instead.
 */
export class Nadam extends Optimizer {
  /** The Keras class name, used when saving. */
  readonly className = 'Nadam';
  /** Decay rate of the first-moment (mean) estimates. */
  readonly beta1: number;
  /** Decay rate of the second-moment estimates. */
  readonly beta2: number;
  /** Added to the denominator for numerical stability. */
  readonly epsilon: number;
  /** Keras 2's schedule_decay: how fast the momentum schedule warms up. */
  readonly scheduleDecay: number;
  /** Product of the momentum caches mu_1 ... mu_t so far (Keras's `m_schedule`). */
  mSchedule = 1;

  constructor(args: NadamArgs = {}) {
    args = OPTIONS.readFor(args, Nadam, new.target);
    if (args.decay !== undefined && args.decay !== 0) {
      throw new Error(`Nadam: Keras 2 Nadam has no 'decay' (got ${args.decay}); use scheduleDecay or a LearningRateSchedule`);
    }
    super(args, 0.002);
    this.beta1 = args.beta1 ?? 0.9;
    this.beta2 = args.beta2 ?? 0.999;
    this.epsilon = args.epsilon ?? 1e-7;
    this.scheduleDecay = args.scheduleDecay ?? 0.004;
    checkUnitInterval('Nadam', { beta1: this.beta1, beta2: this.beta2 });
    checkEpsilon('Nadam', this.epsilon);
    if (!(typeof this.scheduleDecay === 'number' && this.scheduleDecay >= 0)) {
      throw new Error(`Nadam: scheduleDecay must be a number >= 0, got ${this.scheduleDecay}`);
    }
  }

  get slotNames(): readonly string[] {
    return ['m', 'v'];
  }

  private momentumCache(t: number): number {
    return this.beta1 * (1 - 0.5 * 0.96 ** (t * this.scheduleDecay));
  }

  override applyGradients(variables: readonly LayerVariable[], grads: readonly Tensor[]): void {
    const t = this.iterations + 1;
    super.applyGradients(variables, grads);
    // Kept in float32, as Keras's variable is, so getWeights -> setWeights restores it exactly.
    this.mSchedule = Math.fround(this.mSchedule * this.momentumCache(t));
  }

  protected updateVariable(variable: LayerVariable, grad: Tensor, lr: number): void {
    const [mSlot, vSlot] = this.slotsFor(variable, this.slotNames);
    const t = this.iterations + 1;
    const muT = this.momentumCache(t);
    const muNext = this.momentumCache(t + 1);
    const scheduleNew = this.mSchedule * muT;
    const scheduleNext = scheduleNew * muNext;
    const gPrime = div(grad, 1 - scheduleNew);
    const m = add(mul(mSlot.value, this.beta1), mul(grad, 1 - this.beta1));
    const mPrime = div(m, 1 - scheduleNext);
    const v = add(mul(vSlot.value, this.beta2), mul(square(grad), 1 - this.beta2));
    const vPrime = div(v, 1 - this.beta2 ** t);
    const mBar = add(mul(gPrime, 1 - muT), mul(mPrime, muNext));
    mSlot.assign(m);
    vSlot.assign(v);
    variable.assign(sub(variable.value, div(mul(mBar, lr), add(sqrt(vPrime), this.epsilon))));
  }

  /** `[iterations, m_schedule, ...ms, ...vs]`, Keras 2's order. */
  override getWeights(): Tensor[] {
    const [iterations, ...slots] = super.getWeights();
    return [iterations, keep(scalar(this.mSchedule)), ...slots];
  }

  override async setWeights(weights: readonly Tensor[], variables: readonly LayerVariable[]): Promise<void> {
    if (weights.length === 0) return;
    const expected = 2 + this.slotNames.length * variables.length;
    if (weights.length !== expected) {
      throw new Error(`Nadam.setWeights: expected ${expected} weights (iterations, m_schedule + ${this.slotNames.length} per variable for ${variables.length} variables), got ${weights.length}`);
    }
    const schedule = weights[1];
    if (schedule.size !== 1) throw new Error(`Nadam.setWeights: weight 1 (m_schedule) must be a scalar, got shape ${fmtShape(schedule.shape)}`);
    const value = (await schedule.data())[0];
    if (!Number.isFinite(value)) throw new Error(`Nadam.setWeights: m_schedule must be finite, got ${value}`);
    await super.setWeights([weights[0], ...weights.slice(2)], variables);
    this.mSchedule = value;
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon, scheduleDecay: this.scheduleDecay };
  }
}
