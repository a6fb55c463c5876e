import { optionKeys } from '@layerwise/data';
import { LAYER_OPTIONS } from '../layer-options.js';
import type { Tensor } from '../../tensor/tensor.js';
import type { InitializerIdentifier } from '../../initializers/index.js';
import type { RegularizerIdentifier } from '../../regularizers/index.js';
import type { ConstraintIdentifier } from '../../constraints/index.js';
import { activeTape, setActiveTape } from '../../autodiff/tape.js';
import { add, moments, mul, reshape, rsqrt, sub } from '../../ops/index.js';
import { Layer, type CallArgs, type LayerArgs } from '../layer.js';
import type { LayerVariable } from '../variable.js';
import type { Shape } from '../shape.js';
import { fmtKerasShape } from '../shape.js';
import { constraintConfig, initializerConfig, regularizerConfig } from '../core/config-values.js';

export interface BatchNormalizationArgs extends LayerArgs {
  /** The features axis (not reduced); default -1. */
  axis?: number;
  /** Weight of the old value in the moving statistics; default 0.99. */
  momentum?: number;
  /** Added to the variance so it is never divided by zero. */
  epsilon?: number;
  /** Learn an offset beta; default true. */
  center?: boolean;
  /** Learn a scale gamma; default true. */
  scale?: boolean;
  /** The offset's initializer (default 'zeros'). */
  betaInitializer?: InitializerIdentifier;
  /** The scale's initializer (default 'ones'). */
  gammaInitializer?: InitializerIdentifier;
  /** The moving mean's initializer (default 'zeros'). */
  movingMeanInitializer?: InitializerIdentifier;
  /** The moving variance's initializer (default 'ones'). */
  movingVarianceInitializer?: InitializerIdentifier;
  /** A penalty on the offset, added to the loss. */
  betaRegularizer?: RegularizerIdentifier;
  /** A penalty on the scale, added to the loss. */
  gammaRegularizer?: RegularizerIdentifier;
  /** A constraint applied to the offset after each update. */
  betaConstraint?: ConstraintIdentifier;
  /** A constraint applied to the scale after each update. */
  gammaConstraint?: ConstraintIdentifier;
}

const OPTIONS = optionKeys<BatchNormalizationArgs>()([
  'axis', 'betaConstraint', 'betaInitializer', 'betaRegularizer', 'center', 'epsilon', 'gammaConstraint',
  'gammaInitializer', 'gammaRegularizer', 'momentum', 'movingMeanInitializer', 'movingVarianceInitializer', 'scale',
], { base: [LAYER_OPTIONS] });

/**
 * Keras 2's BatchNormalization. Weights: gamma, beta (trainable), moving_mean,
 * moving_variance (not trainable), each of the size of `axis`.
 * Training: normalises with the batch mean and (population) variance over every other
 * axis and moves the statistics: moving = moving * momentum + batch * (1 - momentum),
 * where the batch variance is first scaled by n / (n - (1 + epsilon)) as Keras 2 does.
 * Inference: normalises with the moving statistics.
 */
export class BatchNormalization extends Layer {
  readonly className = 'BatchNormalization';
  /** The features axis, as given (default -1); the statistics are taken over every other axis. */
  readonly axis: number;
  /** The weight of the old value in the moving statistics (default 0.99). */
  readonly momentum: number;
  /** Added to the variance so it is never divided by zero. */
  readonly epsilon: number;
  /** Whether a learned offset (beta) is added. */
  readonly center: boolean;
  /** Whether a learned scale (gamma) is applied. */
  readonly scale: boolean;
  private readonly initializers: Record<'beta' | 'gamma' | 'movingMean' | 'movingVariance', InitializerIdentifier>;
  private readonly betaRegularizer: RegularizerIdentifier | null;
  private readonly gammaRegularizer: RegularizerIdentifier | null;
  private readonly betaConstraint: ConstraintIdentifier | null;
  private readonly gammaConstraint: ConstraintIdentifier | null;
  /** The learned scale once built (null without one). */
  gamma: LayerVariable | null = null;
  /** The learned offset once built (null without one). */
  beta: LayerVariable | null = null;
  /** The moving mean (Keras's moving_mean, not trainable) once built (null before). */
  movingMean: LayerVariable | null = null;
  /** The moving variance (Keras's moving_variance, not trainable) once built (null before). */
  movingVariance: LayerVariable | null = null;
  /** The axis resolved against the input rank at build time, and that rank. */
  private resolvedAxis = -1;
  private builtRank = 0;

  constructor(args: BatchNormalizationArgs = {}) {
    args = OPTIONS.readFor(args, BatchNormalization, new.target);
    super(args);
    this.axis = args.axis ?? -1;
    this.momentum = args.momentum ?? 0.99;
    this.epsilon = args.epsilon ?? 1e-3;
    if (!Number.isInteger(this.axis)) throw new Error(`${this.name}: axis must be an integer, got ${JSON.stringify(args.axis)}`);
    if (typeof this.momentum !== 'number' || !(this.momentum >= 0 && this.momentum <= 1)) {
      throw new Error(`${this.name}: momentum must be a number in [0, 1], got ${args.momentum}`);
    }
    if (typeof this.epsilon !== 'number' || !(this.epsilon > 0)) throw new Error(`${this.name}: epsilon must be a number > 0, got ${args.epsilon}`);
    this.center = args.center ?? true;
    this.scale = args.scale ?? true;
    this.initializers = {
      beta: args.betaInitializer ?? 'zeros', gamma: args.gammaInitializer ?? 'ones',
      movingMean: args.movingMeanInitializer ?? 'zeros', movingVariance: args.movingVarianceInitializer ?? 'ones',
    };
    this.betaRegularizer = args.betaRegularizer ?? null;
    this.gammaRegularizer = args.gammaRegularizer ?? null;
    // Resolving them now reports a bad initializer or regularizer before any weight exists.
    Object.entries(this.initializers).forEach(([key, id]) => initializerConfig(id, `${this.name}: ${key}Initializer`));
    regularizerConfig(this.betaRegularizer, `${this.name}: betaRegularizer`);
    regularizerConfig(this.gammaRegularizer, `${this.name}: gammaRegularizer`);
    this.betaConstraint = args.betaConstraint ?? null;
    this.gammaConstraint = args.gammaConstraint ?? null;
    constraintConfig(this.betaConstraint, `${this.name}: betaConstraint`);
    constraintConfig(this.gammaConstraint, `${this.name}: gammaConstraint`);
    this.supportsMasking = true;
  }

  private featureAxis(inputShape: readonly (number | null)[]): number {
    const rank = inputShape.length;
    if (this.axis < -rank || this.axis >= rank || rank < 2) {
      throw new Error(`${this.name}: axis ${this.axis} is out of range for input of shape ${fmtKerasShape(inputShape as Shape)}`);
    }
    return this.axis < 0 ? this.axis + rank : this.axis;
  }

  override build(inputShape: Shape): void {
    const axis = this.featureAxis(inputShape);
    if (axis === 0) throw new Error(`${this.name}: axis ${this.axis} is the batch axis of input ${fmtKerasShape(inputShape)}; pick a features axis`);
    const dim = inputShape[axis];
    if (dim === null) throw new Error(`${this.name}: axis ${this.axis} of the input ${fmtKerasShape(inputShape)} must have a known size`);
    this.resolvedAxis = axis;
    this.builtRank = inputShape.length;
    if (this.scale) this.gamma = this.addWeight('gamma', [dim], this.initializers.gamma, { regularizer: this.gammaRegularizer, constraint: this.gammaConstraint });
    if (this.center) this.beta = this.addWeight('beta', [dim], this.initializers.beta, { regularizer: this.betaRegularizer, constraint: this.betaConstraint });
    this.movingMean = this.addWeight('moving_mean', [dim], this.initializers.movingMean, { trainable: false });
    this.movingVariance = this.addWeight('moving_variance', [dim], this.initializers.movingVariance, { trainable: false });
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }

  /** gamma * (x - mean) / sqrt(variance + epsilon) + beta, with the statistics shaped to broadcast. */
  private normalize(x: Tensor, mean: Tensor, variance: Tensor, broadcast: number[]): Tensor {
    let y = mul(sub(x, reshape(mean, broadcast)), rsqrt(add(reshape(variance, broadcast), this.epsilon)));
    if (this.gamma) y = mul(y, reshape(this.gamma.value, broadcast));
    if (this.beta) y = add(y, reshape(this.beta.value, broadcast));
    return y;
  }

  call(x: Tensor, args: CallArgs): Tensor {
    const axis = this.resolvedAxis;
    const dim = this.movingMean!.shape[0];
    if (x.rank !== this.builtRank || x.shape[axis] !== dim) {
      throw new Error(`${this.name}: the layer was built for inputs of rank ${this.builtRank} with ${dim} features on axis ${axis}, got shape ${fmtKerasShape(x.shape)}`);
    }
    const broadcast = x.shape.map((d, i) => (i === axis ? d : 1));
    if (!args.training) return this.normalize(x, this.movingMean!.value, this.movingVariance!.value, broadcast);
    const reductionAxes = x.shape.map((_, i) => i).filter((i) => i !== axis);
    const { mean, variance } = moments(x, reductionAxes);
    const y = this.normalize(x, mean, variance, broadcast);
    // As in Keras 2, a frozen layer (trainable false) still normalises with batch statistics but does not move them.
    if (this.trainable) this.updateMovingStatistics(mean, variance, reductionAxes.reduce((n, a) => n * x.shape[a], 1));
    return y;
  }

  /** Keras 2's add_update: not part of the loss, so it is kept off the gradient tape. */
  private updateMovingStatistics(mean: Tensor, variance: Tensor, sampleSize: number): void {
    const tape = activeTape();
    setActiveTape(null);
    try {
      // Keras 2 (since 2.1.4): the unbiased estimate, variance * n / (n - (1 + epsilon)).
      const unbiased = sampleSize > 1 + this.epsilon ? mul(variance, sampleSize / (sampleSize - (1 + this.epsilon))) : variance;
      const decay = 1 - this.momentum;
      this.movingMean!.assign(sub(this.movingMean!.value, mul(sub(this.movingMean!.value, mean), decay)));
      this.movingVariance!.assign(sub(this.movingVariance!.value, mul(sub(this.movingVariance!.value, unbiased), decay)));
    } finally {
      setActiveTape(tape);
    }
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(), axis: this.axis, momentum: this.momentum, epsilon: this.epsilon, center: this.center, scale: this.scale,
      betaInitializer: initializerConfig(this.initializers.beta), gammaInitializer: initializerConfig(this.initializers.gamma),
      movingMeanInitializer: initializerConfig(this.initializers.movingMean),
      movingVarianceInitializer: initializerConfig(this.initializers.movingVariance),
      betaRegularizer: regularizerConfig(this.betaRegularizer), gammaRegularizer: regularizerConfig(this.gammaRegularizer),
      betaConstraint: constraintConfig(this.betaConstraint), gammaConstraint: constraintConfig(this.gammaConstraint),
    };
  }
}
