import { optionKeys } from '@layerwise/data';
import type { PaddingMode } from '../../kernel/conv-info.js';
import type { InitializerIdentifier } from '../../initializers/index.js';
import type { RegularizerIdentifier } from '../../regularizers/index.js';
import type { ConstraintIdentifier } from '../../constraints/index.js';
import type { LayerVariable } from '../variable.js';
import type { Shape } from '../shape.js';
import { BASE_CONV_OPTIONS, BaseConv, type BaseConvArgs } from './base-conv.js';
import { WeightSpec } from './weight-spec.js';

export interface ConvArgs extends BaseConvArgs {
  /** Number of output channels. */
  filters: number;
  /** The kernel's initializer (default 'glorotUniform'). */
  kernelInitializer?: InitializerIdentifier;
  /** A penalty on the kernel, added to the loss. */
  kernelRegularizer?: RegularizerIdentifier;
  /** A constraint applied to the kernel after each update. */
  kernelConstraint?: ConstraintIdentifier;
}

/** Conv1D/2D/3D's options. */
export const CONV_OPTIONS = optionKeys<ConvArgs>()([
  'filters', 'kernelInitializer', 'kernelRegularizer', 'kernelConstraint',
], { base: [BASE_CONV_OPTIONS] });

/** Keras's _Conv: kernel [...kernelSize, inChannels, filters], then bias [filters]. */
export abstract class Conv extends BaseConv {
  /** The number of output channels. */
  readonly filters: number;
  private readonly kernelSpec: WeightSpec;
  /** The kernel once built (null before). */
  kernel: LayerVariable | null = null;

  constructor(rank: number, args: ConvArgs, paddings?: readonly PaddingMode[]) {
    super(rank, args, paddings);
    if (!Number.isInteger(args.filters) || args.filters < 1) throw new Error(`${this.name}: filters must be a positive integer, got ${args.filters}`);
    this.filters = args.filters;
    this.kernelSpec = new WeightSpec(this.name, 'kernel', { initializer: args.kernelInitializer, regularizer: args.kernelRegularizer, constraint: args.kernelConstraint });
  }

  /** Keras's kernel layout for this layer. */
  protected kernelShape(_inputShape: Shape, inChannels: number): number[] {
    return [...this.kernelSize, inChannels, this.filters];
  }

  protected buildKernels(inputShape: Shape, inChannels: number): void {
    this.kernel = this.addSpecWeight('kernel', this.kernelShape(inputShape, inChannels), this.kernelSpec);
  }

  protected outputChannels(_inChannels: number): number {
    return this.filters;
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), filters: this.filters, ...this.kernelSpec.config() };
  }
}
