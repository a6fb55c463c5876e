import { LAYER_OPTIONS } from '../layer-options.js';
import { optionKeys } from '@layerwise/data';
import type { FusedActivation } from '../../kernel/kernel.js';
import type { Tensor } from '../../tensor/tensor.js';
import type { PaddingMode } from '../../kernel/conv-info.js';
import { asFusedActivation, canonicalActivation, getActivation, kerasActivationName, type ActivationIdentifier, type ActivationName } from '../../activations/index.js';
import type { InitializerIdentifier } from '../../initializers/index.js';
import type { RegularizerIdentifier } from '../../regularizers/index.js';
import type { ConstraintIdentifier } from '../../constraints/index.js';
import { add, transpose } from '../../ops/index.js';
import { Layer, type CallArgs, type LayerArgs } from '../layer.js';
import type { LayerVariable } from '../variable.js';
import type { Shape } from '../shape.js';
import { fmtKerasShape } from '../shape.js';
import { spatialLayout, normalizeDataFormat, toChannelsFirstPerm, toChannelsLastPerm, type DataFormat } from '../core/data-format.js';
import { assertInputRank } from '../core/input-checks.js';
import { checkPadding, convOutputLength, normalizeTuple } from './window-args.js';
import { WeightSpec } from './weight-spec.js';
import { regularizerConfig, regularizerFrom } from '../core/config-values.js';

/** The arguments every layer of the convolution family takes (Keras's _Conv without the kernel). */
/** The options every convolution layer takes (Keras's `_Conv` arguments). */
export interface BaseConvArgs extends LayerArgs {
  /** The window's extent: one number for every spatial axis, or one per axis. */
  kernelSize: number | number[];
  /** The step between windows, per spatial axis (default 1). */
  strides?: number | number[];
  /** 'valid' (no padding, the default), 'same' (the output keeps the input's length at stride 1), or 'causal' (1-D only: padding on the left). */
  padding?: PaddingMode;
  /** 'channelsLast' (the default; Keras's 'channels_last') or 'channelsFirst'. */
  dataFormat?: DataFormat | 'channels_last' | 'channels_first';
  /** The spacing between the window's taps, per spatial axis (default 1; above 1 needs stride 1). */
  dilationRate?: number | number[];
  /** Applied to the output (default 'linear', none): a name or a function. */
  activation?: ActivationIdentifier;
  /** Whether to add a bias per output channel (default true). */
  useBias?: boolean;
  /** The bias's initializer (default 'zeros'). */
  biasInitializer?: InitializerIdentifier;
  /** A penalty on the bias, added to the loss. */
  biasRegularizer?: RegularizerIdentifier;
  /** A constraint applied to the bias after each update. */
  biasConstraint?: ConstraintIdentifier;
  /** A penalty on the layer's output, added to the loss. */
  activityRegularizer?: RegularizerIdentifier;
}

/** The options every convolution takes. */
export const BASE_CONV_OPTIONS = optionKeys<BaseConvArgs>()([
  'kernelSize', 'strides', 'padding', 'dataFormat', 'dilationRate', 'activation', 'useBias', 'biasInitializer',
  'biasRegularizer', 'biasConstraint', 'activityRegularizer',
], { base: [LAYER_OPTIONS] });

/**
 * Keras's _Conv less its kernel: window arguments, channels-first handling, bias and
 * activation. Subclasses make their kernels and say how they convolve.
 */
export abstract class BaseConv extends Layer {
  /** The number of spatial axes (1, 2 or 3). */
  readonly rank: number;
  /** The window's extent per spatial axis. */
  readonly kernelSize: number[];
  /** The step between windows per spatial axis. */
  readonly strides: number[];
  /** How the input is padded. */
  readonly padding: PaddingMode;
  /** Where the channels axis is. */
  readonly dataFormat: DataFormat;
  /** The spacing between taps per spatial axis. */
  readonly dilationRate: number[];
  /** The activation applied to the output. */
  readonly activation: ActivationName;
  /** Whether a bias is added. */
  readonly useBias: boolean;
  private readonly biasSpec: WeightSpec;
  /** The bias (one per output channel) once built, or null without one. */
  bias: LayerVariable | null = null;
  private builtChannels: number | null = null;

  constructor(rank: number, args: BaseConvArgs, paddings: readonly PaddingMode[] = rank === 1 ? ['valid', 'same', 'causal'] : ['valid', 'same']) {
    super(args);
    this.rank = rank;
    if (args.kernelSize === undefined) throw new Error(`${this.name}: kernelSize is required`);
    this.kernelSize = normalizeTuple(args.kernelSize, rank, this.name, 'kernelSize', 1);
    this.strides = normalizeTuple(args.strides, rank, this.name, 'strides', 1);
    this.dilationRate = normalizeTuple(args.dilationRate, rank, this.name, 'dilationRate', 1);
    this.padding = checkPadding(args.padding, paddings, this.name);
    this.dataFormat = normalizeDataFormat(args.dataFormat, this.name);
    if (this.padding === 'causal' && this.dataFormat !== 'channelsLast') {
      throw new Error(`${this.name}: causal padding needs dataFormat 'channelsLast'`);
    }
    try {
      this.activation = canonicalActivation(args.activation ?? 'linear');
    } catch (err) {
      throw new Error(`${this.name}: ${(err as Error).message}`);
    }
    this.useBias = args.useBias ?? true;
    this.biasSpec = new WeightSpec(this.name, 'bias', { initializer: args.biasInitializer, regularizer: args.biasRegularizer, constraint: args.biasConstraint }, 'zeros');
    this.activityRegularizer = regularizerFrom(args.activityRegularizer, `${this.name}: activityRegularizer`);
  }

  /** Makes the kernel weights (before the bias: Keras's weight order). */
  protected abstract buildKernels(inputShape: Shape, inChannels: number): void;

  /** Output channels for `inChannels` input channels. */
  protected abstract outputChannels(inChannels: number): number;

  /** The convolution itself (no bias, no activation) on a channels-last input. */
  protected abstract convolve(x: Tensor): Tensor;

  /**
   * `activation(convolve(x) + bias)` in one op where the subclass has one, else null (then
   * `call` composes it). Fused, the layer keeps one activation-sized tensor, not three.
   */
  protected convolveFused(_x: Tensor, _bias: Tensor | null, _activation: FusedActivation): Tensor | null {
    return null;
  }

  /** The bias: one per output channel. */
  protected biasShape(_inputShape: Shape, inChannels: number): number[] {
    return [this.outputChannels(inChannels)];
  }

  /** Adds the bias to the channels-last convolution. */
  protected addBias(y: Tensor, bias: Tensor): Tensor {
    return add(y, bias);
  }

  /** Length of output spatial axis `i` for an input length (Keras's conv_output_length). */
  protected outputLength(i: number, length: number | null): number | null {
    return convOutputLength(length, this.kernelSize[i], this.padding, this.strides[i], this.dilationRate[i]);
  }

  /** Makes a weight from its spec (initializer, regularizer, constraint). */
  protected addSpecWeight(name: string, shape: number[], spec: WeightSpec): LayerVariable {
    return this.addWeight(name, shape, spec.initializer, { regularizer: spec.regularizer, constraint: spec.constraint });
  }

  /** The input's spatial lengths (channels-first or last). */
  protected spatialOf(shape: Shape): (number | null)[] {
    const first = this.dataFormat === 'channelsLast' ? 1 : 2;
    return shape.slice(first, first + this.rank);
  }

  /** The input's channel count (an error when the model left it unknown). */
  protected channels(inputShape: Shape): number {
    assertInputRank(this.name, inputShape, [this.rank + 2], spatialLayout(this.rank, this.dataFormat));
    const c = inputShape[this.dataFormat === 'channelsLast' ? this.rank + 1 : 1];
    if (c === null) throw new Error(`${this.name}: the channel axis of the input ${fmtKerasShape(inputShape)} must be known`);
    return c;
  }

  override build(inputShape: Shape): void {
    const inChannels = this.channels(inputShape);
    this.buildKernels(inputShape, inChannels);
    if (this.useBias) this.bias = this.addSpecWeight('bias', this.biasShape(inputShape, inChannels), this.biasSpec);
    this.builtChannels = inChannels;
  }

  /** The output shape: each spatial length as Keras's conv_output_length gives it, and the output channels. */
  override computeOutputShape(inputShape: Shape): Shape {
    const channels = this.outputChannels(this.channels(inputShape));
    const spatial = this.spatialOf(inputShape).map((n, i) => this.outputLength(i, n));
    return this.dataFormat === 'channelsLast' ? [inputShape[0], ...spatial, channels] : [inputShape[0], channels, ...spatial];
  }

  call(x: Tensor, _args: CallArgs): Tensor {
    const inChannels = this.channels(x.shape);
    if (inChannels !== this.builtChannels) {
      throw new Error(`${this.name}: the layer was built for ${this.builtChannels} input channels, got input of shape ${fmtKerasShape(x.shape)}`);
    }
    const input = this.dataFormat === 'channelsFirst' ? transpose(x, toChannelsLastPerm(x.rank)) : x;
    const bias = this.bias ? this.bias.value : null;
    const fused = asFusedActivation(this.activation);
    let y = fused ? this.convolveFused(input, bias, fused) : null;
    if (!y) {
      y = this.convolve(input);
      if (bias) y = this.addBias(y, bias);
      y = getActivation(this.activation)(y);
    }
    return this.dataFormat === 'channelsFirst' ? transpose(y, toChannelsFirstPerm(y.rank)) : y;
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(), kernelSize: this.kernelSize.slice(), strides: this.strides.slice(), padding: this.padding,
      dataFormat: this.dataFormat, dilationRate: this.dilationRate.slice(), activation: kerasActivationName(this.activation),
      useBias: this.useBias, ...this.biasSpec.config(), activityRegularizer: regularizerConfig(this.activityRegularizer),
    };
  }
}
