import { optionKeys } from '@layerwise/data';
import type { Tensor } from '../../tensor/tensor.js';
import type { InitializerIdentifier } from '../../initializers/index.js';
import type { RegularizerIdentifier } from '../../regularizers/index.js';
import type { ConstraintIdentifier } from '../../constraints/index.js';
import { depthwiseConv2d } from '../../ops/index.js';
import type { LayerVariable } from '../variable.js';
import type { Shape } from '../shape.js';
import { BASE_CONV_OPTIONS, BaseConv, type BaseConvArgs } from './base-conv.js';
import { WeightSpec } from './weight-spec.js';
import type { WindowedArgs } from './window-args.js';

/** DepthwiseConv2D's options: kernelSize (a number or [kh, kw]) is required; strides and dilationRate default 1, padding 'valid'. */
export type DepthwiseConv2DArgs = WindowedArgs<BaseConvArgs & {
  /** Output channels per input channel (default 1). */
  depthMultiplier?: number;
  /** The depthwise kernel's initializer (default 'glorotUniform'). */
  depthwiseInitializer?: InitializerIdentifier;
  /** A penalty on the depthwise kernel, added to the loss. */
  depthwiseRegularizer?: RegularizerIdentifier;
  /** A constraint applied to the depthwise kernel after each update. */
  depthwiseConstraint?: ConstraintIdentifier;
}, 2>;

/** A positive integer depth multiplier, or an error naming the layer. */
export function checkDepthMultiplier(layerName: string, value: number | undefined): number {
  const m = value ?? 1;
  if (!Number.isInteger(m) || m < 1) throw new Error(`${layerName}: depthMultiplier must be a positive integer, got ${JSON.stringify(value)}`);
  return m;
}

const OPTIONS = optionKeys<DepthwiseConv2DArgs>()([
  'depthMultiplier', 'depthwiseInitializer', 'depthwiseRegularizer', 'depthwiseConstraint',
], { base: [BASE_CONV_OPTIONS] });

/**
 * Depthwise 2-D convolution: each input channel convolved with its own depthMultiplier
 * filters (output channel c * depthMultiplier + j). Kernel 'depthwise_kernel'
 * [kh, kw, inChannels, depthMultiplier], then bias [inChannels * depthMultiplier].
 */
export class DepthwiseConv2D extends BaseConv {
  readonly className = 'DepthwiseConv2D';
  /** Output channels per input channel of the depthwise step. */
  readonly depthMultiplier: number;
  private readonly depthwiseSpec: WeightSpec;
  /** The depthwise kernel once built. */
  depthwiseKernel: LayerVariable | null = null;

  constructor(args: DepthwiseConv2DArgs) {
    args = OPTIONS.readFor(args, DepthwiseConv2D, new.target);
    super(2, args);
    this.depthMultiplier = checkDepthMultiplier(this.name, args.depthMultiplier);
    this.depthwiseSpec = new WeightSpec(this.name, 'depthwise', { initializer: args.depthwiseInitializer, regularizer: args.depthwiseRegularizer, constraint: args.depthwiseConstraint });
  }

  protected buildKernels(_inputShape: Shape, inChannels: number): void {
    this.depthwiseKernel = this.addSpecWeight('depthwise_kernel', [...this.kernelSize, inChannels, this.depthMultiplier], this.depthwiseSpec);
  }

  protected outputChannels(inChannels: number): number {
    return inChannels * this.depthMultiplier;
  }

  protected convolve(x: Tensor): Tensor {
    const [s, d] = [this.strides, this.dilationRate];
    return depthwiseConv2d(x, this.depthwiseKernel!.value, { strides: [s[0], s[1]], padding: this.padding as 'valid' | 'same', dilations: [d[0], d[1]] });
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), depthMultiplier: this.depthMultiplier, ...this.depthwiseSpec.config() };
  }
}
