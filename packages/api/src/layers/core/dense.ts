import type { Tensor } from '../../tensor/tensor.js';
import { asFusedActivation, canonicalActivation, getActivation, kerasActivationName, type ActivationIdentifier, type ActivationName } from '../../activations/index.js';
import type { InitializerIdentifier } from '../../initializers/index.js';
import type { RegularizerIdentifier } from '../../regularizers/index.js';
import type { ConstraintIdentifier } from '../../constraints/index.js';
import { denseForward } from '../../ops/fused.js';
import { optionKeys } from '@layerwise/data';
import { LAYER_OPTIONS } from '../layer-options.js';
import { Layer, type CallArgs, type LayerArgs } from '../layer.js';
import type { LayerVariable } from '../variable.js';
import type { Shape } from '../shape.js';
import { fmtKerasShape } from '../shape.js';
import { constraintConfig, initializerConfig, regularizerConfig, regularizerFrom } from './config-values.js';

export interface DenseArgs extends LayerArgs {
  /** The number of output units. */
  units: number;
  /** Applied to the output: a name ('relu', 'softmax', ...) or a function; default 'linear' (none). */
  activation?: ActivationIdentifier;
  /** Whether to add a bias (default true). */
  useBias?: boolean;
  /** The kernel's initializer (default 'glorotUniform'). */
  kernelInitializer?: InitializerIdentifier;
  /** The bias's initializer (default 'zeros'). */
  biasInitializer?: InitializerIdentifier;
  /** A penalty on the kernel, added to the loss. */
  kernelRegularizer?: RegularizerIdentifier;
  /** A penalty on the bias, added to the loss. */
  biasRegularizer?: RegularizerIdentifier;
  /** A penalty on the layer's output, added to the loss. */
  activityRegularizer?: RegularizerIdentifier;
  /** A constraint applied to the kernel after each update. */
  kernelConstraint?: ConstraintIdentifier;
  /** A constraint applied to the bias after each update. */
  biasConstraint?: ConstraintIdentifier;
}

const OPTIONS = optionKeys<DenseArgs>()([
  'units', 'activation', 'useBias', 'kernelInitializer', 'biasInitializer', 'kernelRegularizer', 'biasRegularizer',
  'activityRegularizer', 'kernelConstraint', 'biasConstraint',
], { base: [LAYER_OPTIONS] });

/** `activation(x @ kernel + bias)` on the last axis; kernel is [inputDim, units]. */
export class Dense extends Layer {
  readonly className = 'Dense';
  /** The number of output units. */
  readonly units: number;
  /** The activation's name as tfjs spells it ('linear' when none was given). */
  readonly activation: ActivationName;
  /** Whether a bias is added. */
  readonly useBias: boolean;
  private readonly args: DenseArgs;
  /** The kernel once built (null before). */
  kernel: LayerVariable | null = null;
  /** The bias, [units], once built (null before, or when useBias is false). */
  bias: LayerVariable | null = null;

  constructor(args: DenseArgs) {
    args = OPTIONS.readFor(args, Dense, new.target);
    super(args);
    if (!Number.isInteger(args.units) || args.units < 1) throw new Error(`${this.name}: units must be a positive integer, got ${args.units}`);
    this.units = args.units;
    try {
      this.activation = canonicalActivation(args.activation ?? 'linear');
    } catch (err) {
      throw new Error(`${this.name}: ${(err as Error).message}`);
    }
    this.useBias = args.useBias ?? true;
    this.args = args;
    // Resolving them now reports a bad initializer or regularizer before any weight exists.
    initializerConfig(args.kernelInitializer ?? 'glorotUniform', `${this.name}: kernelInitializer`);
    initializerConfig(args.biasInitializer ?? 'zeros', `${this.name}: biasInitializer`);
    regularizerConfig(args.kernelRegularizer, `${this.name}: kernelRegularizer`);
    regularizerConfig(args.biasRegularizer, `${this.name}: biasRegularizer`);
    constraintConfig(args.kernelConstraint, `${this.name}: kernelConstraint`);
    constraintConfig(args.biasConstraint, `${this.name}: biasConstraint`);
    this.activityRegularizer = regularizerFrom(args.activityRegularizer, `${this.name}: activityRegularizer`);
    this.supportsMasking = true;
  }

  override build(inputShape: Shape): void {
    const inputDim = inputShape[inputShape.length - 1];
    if (inputShape.length < 2 || inputDim === null) {
      throw new Error(`${this.name}: expected input of shape (batch, ..., features) with known features, got ${fmtKerasShape(inputShape)}`);
    }
    this.kernel = this.addWeight('kernel', [inputDim, this.units], this.args.kernelInitializer ?? 'glorotUniform', {
      regularizer: this.args.kernelRegularizer, constraint: this.args.kernelConstraint,
    });
    if (this.useBias) {
      this.bias = this.addWeight('bias', [this.units], this.args.biasInitializer ?? 'zeros', { regularizer: this.args.biasRegularizer, constraint: this.args.biasConstraint });
    }
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return [...inputShape.slice(0, -1), this.units];
  }

  call(x: Tensor, _args: CallArgs): Tensor {
    const fused = asFusedActivation(this.activation);
    const y = denseForward(x, this.kernel!.value, this.bias ? this.bias.value : null, fused ?? 'linear');
    return fused ? y : getActivation(this.activation)(y);
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(), units: this.units, activation: kerasActivationName(this.activation), useBias: this.useBias,
      kernelInitializer: initializerConfig(this.args.kernelInitializer ?? 'glorotUniform'),
      biasInitializer: initializerConfig(this.args.biasInitializer ?? 'zeros'),
      kernelRegularizer: regularizerConfig(this.args.kernelRegularizer),
      biasRegularizer: regularizerConfig(this.args.biasRegularizer),
      activityRegularizer: regularizerConfig(this.activityRegularizer),
      kernelConstraint: constraintConfig(this.args.kernelConstraint), biasConstraint: constraintConfig(this.args.biasConstraint),
    };
  }
}
