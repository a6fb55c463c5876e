import { optionKeys } from '@layerwise/data';
import type { InitializerIdentifier } from '../../initializers/index.js';
import type { RegularizerIdentifier } from '../../regularizers/index.js';
import type { ConstraintIdentifier } from '../../constraints/index.js';
import type { LayerVariable } from '../variable.js';
import type { Shape } from '../shape.js';
import { BASE_CONV_OPTIONS, BaseConv, type BaseConvArgs } from './base-conv.js';
import { WeightSpec } from './weight-spec.js';
import { checkDepthMultiplier } from './depthwise-conv2d.js';

export interface SeparableConvArgs extends BaseConvArgs {
  /** Number of output channels (of the pointwise step). */
  filters: number;
  /** Depthwise output channels per input channel (default 1). */
  depthMultiplier?: number;
  /** The depthwise kernel's initializer (default 'glorotUniform'). */
  depthwiseInitializer?: InitializerIdentifier;
  /** The pointwise kernel's initializer (default 'glorotUniform'). */
  pointwiseInitializer?: InitializerIdentifier;
  /** A penalty on the depthwise kernel, added to the loss. */
  depthwiseRegularizer?: RegularizerIdentifier;
  /** A penalty on the pointwise kernel, added to the loss. */
  pointwiseRegularizer?: RegularizerIdentifier;
  /** A constraint applied to the depthwise kernel after each update. */
  depthwiseConstraint?: ConstraintIdentifier;
  /** A constraint applied to the pointwise kernel after each update. */
  pointwiseConstraint?: ConstraintIdentifier;
}

/** SeparableConv1D/2D's options. */
export const SEPARABLE_CONV_OPTIONS = optionKeys<SeparableConvArgs>()([
  'filters', 'depthMultiplier', 'depthwiseInitializer', 'pointwiseInitializer', 'depthwiseRegularizer',
  'pointwiseRegularizer', 'depthwiseConstraint', 'pointwiseConstraint',
], { base: [BASE_CONV_OPTIONS] });

/**
 * Keras's _SeparableConv: a depthwise convolution, then a 1x1 ('pointwise') convolution
 * mixing its channels. Weights: 'depthwise_kernel' [...kernelSize, inChannels,
 * depthMultiplier], 'pointwise_kernel' [1 (per spatial axis), inChannels * depthMultiplier,
 * filters], then bias [filters].
 */
export abstract class SeparableConv extends BaseConv {
  /** The number of output channels. */
  readonly filters: number;
  /** Output channels per input channel of the depthwise step. */
  readonly depthMultiplier: number;
  private readonly depthwiseSpec: WeightSpec;
  private readonly pointwiseSpec: WeightSpec;
  /** The depthwise kernel once built. */
  depthwiseKernel: LayerVariable | null = null;
  /** The pointwise (1x1) kernel once built. */
  pointwiseKernel: LayerVariable | null = null;

  constructor(rank: number, args: SeparableConvArgs) {
    super(rank, args);
    if (!Number.isInteger(args.filters) || args.filters < 1) throw new Error(`${this.name}: filters must be a positive integer, got ${args.filters}`);
    this.filters = args.filters;
    this.depthMultiplier = checkDepthMultiplier(this.name, args.depthMultiplier);
    this.depthwiseSpec = new WeightSpec(this.name, 'depthwise', { initializer: args.depthwiseInitializer, regularizer: args.depthwiseRegularizer, constraint: args.depthwiseConstraint });
    this.pointwiseSpec = new WeightSpec(this.name, 'pointwise', { initializer: args.pointwiseInitializer, regularizer: args.pointwiseRegularizer, constraint: args.pointwiseConstraint });
  }

  protected buildKernels(_inputShape: Shape, inChannels: number): void {
    this.depthwiseKernel = this.addSpecWeight('depthwise_kernel', [...this.kernelSize, inChannels, this.depthMultiplier], this.depthwiseSpec);
    const ones = this.kernelSize.map(() => 1);
    this.pointwiseKernel = this.addSpecWeight('pointwise_kernel', [...ones, inChannels * this.depthMultiplier, this.filters], this.pointwiseSpec);
  }

  protected outputChannels(_inChannels: number): number {
    return this.filters;
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(), filters: this.filters, depthMultiplier: this.depthMultiplier,
      ...this.depthwiseSpec.config(), ...this.pointwiseSpec.config(),
    };
  }
}
