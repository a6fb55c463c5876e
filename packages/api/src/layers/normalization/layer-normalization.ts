import { optionKeys } from '@layerwise/data';
import { LAYER_OPTIONS } from '../layer-options.js';
import type { Tensor } from '../../tensor/tensor.js';
import type { InitializerIdentifier } from '../../initializers/index.js';
import type { RegularizerIdentifier } from '../../regularizers/index.js';
import type { ConstraintIdentifier } from '../../constraints/index.js';
import { add, moments, mul, reshape, rsqrt, sub } from '../../ops/index.js';
import { Layer, type CallArgs, type LayerArgs } from '../layer.js';
import type { LayerVariable } from '../variable.js';
import type { Shape } from '../shape.js';
import { fmtKerasShape } from '../shape.js';
import { constraintConfig, initializerConfig, regularizerConfig } from '../core/config-values.js';

export interface LayerNormalizationArgs extends LayerArgs {
  /** The axis or axes normalised within each sample; default -1. */
  axis?: number | number[];
  /** Added to the variance so it is never divided by zero. */
  epsilon?: number;
  /** Whether to add a learned offset, beta (default true). */
  center?: boolean;
  /** Whether to multiply by a learned scale, gamma (default true). */
  scale?: boolean;
  /** The offset's initializer (default 'zeros'). */
  betaInitializer?: InitializerIdentifier;
  /** The scale's initializer (default 'ones'). */
  gammaInitializer?: InitializerIdentifier;
  /** A penalty on the offset, added to the loss. */
  betaRegularizer?: RegularizerIdentifier;
  /** A penalty on the scale, added to the loss. */
  gammaRegularizer?: RegularizerIdentifier;
  /** A constraint applied to the offset after each update. */
  betaConstraint?: ConstraintIdentifier;
  /** A constraint applied to the scale after each update. */
  gammaConstraint?: ConstraintIdentifier;
}

const OPTIONS = optionKeys<LayerNormalizationArgs>()([
  'axis', 'betaConstraint', 'betaInitializer', 'betaRegularizer', 'center', 'epsilon', 'gammaConstraint',
  'gammaInitializer', 'gammaRegularizer', 'scale',
], { base: [LAYER_OPTIONS] });

/**
 * Normalises each sample over `axis` with its own mean and (population) variance, then
 * scales by gamma and shifts by beta (weights in that order, shaped like those axes).
 * Same in training and inference. Keras 2 has no such layer; this follows tf.keras / tfjs.
 */
export class LayerNormalization extends Layer {
  readonly className = 'LayerNormalization';
  /** The axes normalised within each sample, as given (default [-1]). */
  readonly axis: number[];
  /** Added to the variance so it is never divided by zero. */
  readonly epsilon: number;
  /** Whether a learned offset (beta) is added. */
  readonly center: boolean;
  /** Whether a learned scale (gamma) is applied. */
  readonly scale: boolean;
  private readonly betaInitializer: InitializerIdentifier;
  private readonly gammaInitializer: InitializerIdentifier;
  private readonly betaRegularizer: RegularizerIdentifier | null;
  private readonly gammaRegularizer: RegularizerIdentifier | null;
  private readonly betaConstraint: ConstraintIdentifier | null;
  private readonly gammaConstraint: ConstraintIdentifier | null;
  /** The learned scale once built (null without one). */
  gamma: LayerVariable | null = null;
  /** The learned offset once built (null without one). */
  beta: LayerVariable | null = null;
  private resolvedAxes: number[] = [];
  private builtShape: Shape = [];

  constructor(args: LayerNormalizationArgs = {}) {
    args = OPTIONS.readFor(args, LayerNormalization, new.target);
    super(args);
    const axis = args.axis ?? -1;
    const list = typeof axis === 'number' ? [axis] : Array.isArray(axis) ? axis.slice() : null;
    if (!list || list.length === 0 || list.some((a) => !Number.isInteger(a))) {
      throw new Error(`${this.name}: axis must be an integer or a non-empty list of integers, got ${JSON.stringify(args.axis)}`);
    }
    this.axis = list;
    this.epsilon = args.epsilon ?? 1e-3;
    if (typeof this.epsilon !== 'number' || !(this.epsilon > 0)) throw new Error(`${this.name}: epsilon must be a number > 0, got ${args.epsilon}`);
    this.center = args.center ?? true;
    this.scale = args.scale ?? true;
    this.betaInitializer = args.betaInitializer ?? 'zeros';
    this.gammaInitializer = args.gammaInitializer ?? 'ones';
    this.betaRegularizer = args.betaRegularizer ?? null;
    this.gammaRegularizer = args.gammaRegularizer ?? null;
    initializerConfig(this.betaInitializer, `${this.name}: betaInitializer`);
    initializerConfig(this.gammaInitializer, `${this.name}: gammaInitializer`);
    regularizerConfig(this.betaRegularizer, `${this.name}: betaRegularizer`);
    regularizerConfig(this.gammaRegularizer, `${this.name}: gammaRegularizer`);
    this.betaConstraint = args.betaConstraint ?? null;
    this.gammaConstraint = args.gammaConstraint ?? null;
    constraintConfig(this.betaConstraint, `${this.name}: betaConstraint`);
    constraintConfig(this.gammaConstraint, `${this.name}: gammaConstraint`);
    this.supportsMasking = true;
  }

  override build(inputShape: Shape): void {
    const rank = inputShape.length;
    const axes = this.axis.map((a) => (a < 0 ? a + rank : a));
    if (axes.some((a) => a < 1 || a >= rank) || new Set(axes).size !== axes.length) {
      throw new Error(`${this.name}: axis ${JSON.stringify(this.axis)} must name distinct non-batch axes of the input ${fmtKerasShape(inputShape)}`);
    }
    axes.sort((a, b) => a - b);
    const paramShape = axes.map((a) => inputShape[a]);
    if (paramShape.some((d) => d === null)) {
      throw new Error(`${this.name}: the normalised axes of the input ${fmtKerasShape(inputShape)} must have known sizes`);
    }
    this.resolvedAxes = axes;
    this.builtShape = inputShape.slice();
    if (this.scale) this.gamma = this.addWeight('gamma', paramShape as number[], this.gammaInitializer, { regularizer: this.gammaRegularizer, constraint: this.gammaConstraint });
    if (this.center) this.beta = this.addWeight('beta', paramShape as number[], this.betaInitializer, { regularizer: this.betaRegularizer, constraint: this.betaConstraint });
  }

  call(x: Tensor, _args: CallArgs): Tensor {
    const axes = this.resolvedAxes;
    if (x.rank !== this.builtShape.length || axes.some((a) => x.shape[a] !== this.builtShape[a])) {
      throw new Error(`${this.name}: the layer was built for inputs of shape ${fmtKerasShape(this.builtShape)}, got ${fmtKerasShape(x.shape)}`);
    }
    const { mean, variance } = moments(x, axes, true);
    let y = mul(sub(x, mean), rsqrt(add(variance, this.epsilon)));
    const broadcast = x.shape.map((d, i) => (axes.includes(i) ? d : 1));
    if (this.gamma) y = mul(y, reshape(this.gamma.value, broadcast));
    if (this.beta) y = add(y, reshape(this.beta.value, broadcast));
    return y;
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(), axis: this.axis.length === 1 ? this.axis[0] : this.axis.slice(), epsilon: this.epsilon, center: this.center, scale: this.scale,
      betaInitializer: initializerConfig(this.betaInitializer), gammaInitializer: initializerConfig(this.gammaInitializer),
      betaRegularizer: regularizerConfig(this.betaRegularizer), gammaRegularizer: regularizerConfig(this.gammaRegularizer),
      betaConstraint: constraintConfig(this.betaConstraint), gammaConstraint: constraintConfig(this.gammaConstraint),
    };
  }
}
