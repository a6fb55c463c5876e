import type { FusedActivation } from '../../kernel/kernel.js';
import type { Tensor } from '../../tensor/tensor.js';
import type { PaddingMode } from '../../kernel/conv-info.js';
import { asFusedActivation, canonicalActivation, getActivation, kerasActivationName, type ActivationName } from '../../activations/index.js';
import type { InitializerIdentifier } from '../../initializers/index.js';
import type { RegularizerIdentifier } from '../../regularizers/index.js';
import type { ConstraintIdentifier } from '../../constraints/index.js';
import { add, transpose } from '../../ops/index.js';
import { Layer, type CallArgs, type LayerArgs } from '../layer.js';
import type { LayerVariable } from '../variable.js';
import type { Shape } from '../shape.js';
import { fmtKerasShape } from '../shape.js';
import { constraintConfig, initializerConfig, regularizerConfig, regularizerFrom } from '../core/config-values.js';
import { normalizeDataFormat, toChannelsFirstPerm, toChannelsLastPerm, type DataFormat } from '../core/data-format.js';
import { assertInputRank } from '../core/input-checks.js';
import { checkPadding, convOutputLength, normalizeTuple } from './window-args.js';

export interface ConvArgs extends LayerArgs {
  /** Number of output channels. */
  filters: number;
  kernelSize: number | number[];
  strides?: number | number[];
  padding?: PaddingMode;
  dataFormat?: DataFormat | 'channels_last' | 'channels_first';
  dilationRate?: number | number[];
  activation?: string;
  useBias?: boolean;
  kernelInitializer?: InitializerIdentifier;
  biasInitializer?: InitializerIdentifier;
  kernelRegularizer?: RegularizerIdentifier;
  biasRegularizer?: RegularizerIdentifier;
  /** A penalty on the layer's output, added to the loss. */
  activityRegularizer?: RegularizerIdentifier;
  kernelConstraint?: ConstraintIdentifier;
  biasConstraint?: ConstraintIdentifier;
}

/** Keras's _Conv: kernel [...kernelSize, inChannels, filters], then bias [filters]. */
export abstract class Conv extends Layer {
  readonly rank: number;
  readonly filters: number;
  readonly kernelSize: number[];
  readonly strides: number[];
  readonly padding: PaddingMode;
  readonly dataFormat: DataFormat;
  readonly dilationRate: number[];
  readonly activation: ActivationName;
  readonly useBias: boolean;
  private readonly kernelInitializer: InitializerIdentifier;
  private readonly biasInitializer: InitializerIdentifier;
  private readonly kernelRegularizer: RegularizerIdentifier | null;
  private readonly biasRegularizer: RegularizerIdentifier | null;
  private readonly kernelConstraint: ConstraintIdentifier | null;
  private readonly biasConstraint: ConstraintIdentifier | null;
  kernel: LayerVariable | null = null;
  bias: LayerVariable | null = null;

  constructor(rank: number, args: ConvArgs) {
    super(args);
    this.rank = rank;
    if (!Number.isInteger(args.filters) || args.filters < 1) throw new Error(`${this.name}: filters must be a positive integer, got ${args.filters}`);
    this.filters = args.filters;
    if (args.kernelSize === undefined) throw new Error(`${this.name}: kernelSize is required`);
    this.kernelSize = normalizeTuple(args.kernelSize, rank, this.name, 'kernelSize', 1);
    this.strides = normalizeTuple(args.strides, rank, this.name, 'strides', 1);
    this.dilationRate = normalizeTuple(args.dilationRate, rank, this.name, 'dilationRate', 1);
    this.padding = checkPadding(args.padding, rank === 1 ? ['valid', 'same', 'causal'] : ['valid', 'same'], this.name);
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
    this.kernelInitializer = args.kernelInitializer ?? 'glorotUniform';
    this.biasInitializer = args.biasInitializer ?? 'zeros';
    this.kernelRegularizer = args.kernelRegularizer ?? null;
    this.biasRegularizer = args.biasRegularizer ?? null;
    // Resolving them now reports a bad initializer or regularizer before any weight exists.
    initializerConfig(this.kernelInitializer, `${this.name}: kernelInitializer`);
    initializerConfig(this.biasInitializer, `${this.name}: biasInitializer`);
    regularizerConfig(this.kernelRegularizer, `${this.name}: kernelRegularizer`);
    regularizerConfig(this.biasRegularizer, `${this.name}: biasRegularizer`);
    this.kernelConstraint = args.kernelConstraint ?? null;
    this.biasConstraint = args.biasConstraint ?? null;
    constraintConfig(this.kernelConstraint, `${this.name}: kernelConstraint`);
    constraintConfig(this.biasConstraint, `${this.name}: biasConstraint`);
    this.activityRegularizer = regularizerFrom(args.activityRegularizer, `${this.name}: activityRegularizer`);
  }

  /** The convolution itself on a channels-last input. */
  protected abstract convolve(x: Tensor, kernel: Tensor): Tensor;

  /**
   * `activation(convolve(x, kernel) + bias)` in one op where the subclass has one, else null
   * (then `call` composes it). Fused, the layer keeps one activation-sized tensor, not three.
   */
  protected convolveFused(_x: Tensor, _kernel: Tensor, _bias: Tensor | null, _activation: FusedActivation): Tensor | null {
    return null;
  }

  private layout(): string {
    const spatial = this.rank === 1 ? 'steps' : 'rows, cols';
    return this.dataFormat === 'channelsLast' ? `(batch, ${spatial}, channels)` : `(batch, channels, ${spatial})`;
  }

  private channels(inputShape: Shape): number {
    assertInputRank(this.name, inputShape, [this.rank + 2], this.layout());
    const c = inputShape[this.dataFormat === 'channelsLast' ? this.rank + 1 : 1];
    if (c === null) throw new Error(`${this.name}: the channel axis of the input ${fmtKerasShape(inputShape)} must be known`);
    return c;
  }

  override build(inputShape: Shape): void {
    const inChannels = this.channels(inputShape);
    this.kernel = this.addWeight('kernel', [...this.kernelSize, inChannels, this.filters], this.kernelInitializer, {
      regularizer: this.kernelRegularizer, constraint: this.kernelConstraint,
    });
    if (this.useBias) this.bias = this.addWeight('bias', [this.filters], this.biasInitializer, { regularizer: this.biasRegularizer, constraint: this.biasConstraint });
  }

  override computeOutputShape(inputShape: Shape): Shape {
    this.channels(inputShape);
    const first = this.dataFormat === 'channelsLast' ? 1 : 2;
    const spatial = this.kernelSize.map((k, i) => convOutputLength(inputShape[first + i], k, this.padding, this.strides[i], this.dilationRate[i]));
    return this.dataFormat === 'channelsLast' ? [inputShape[0], ...spatial, this.filters] : [inputShape[0], this.filters, ...spatial];
  }

  call(x: Tensor, _args: CallArgs): Tensor {
    const inChannels = this.channels(x.shape);
    const expected = this.kernel!.shape[this.rank];
    if (inChannels !== expected) {
      throw new Error(`${this.name}: the layer was built for ${expected} input channels, got input of shape ${fmtKerasShape(x.shape)}`);
    }
    const input = this.dataFormat === 'channelsFirst' ? transpose(x, toChannelsLastPerm(x.rank)) : x;
    const bias = this.bias ? this.bias.value : null;
    const fused = asFusedActivation(this.activation);
    let y = fused ? this.convolveFused(input, this.kernel!.value, bias, fused) : null;
    if (!y) {
      y = this.convolve(input, this.kernel!.value);
      if (bias) y = add(y, bias);
      y = getActivation(this.activation)(y);
    }
    return this.dataFormat === 'channelsFirst' ? transpose(y, toChannelsFirstPerm(y.rank)) : y;
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(), filters: this.filters, kernelSize: this.kernelSize.slice(), strides: this.strides.slice(),
      padding: this.padding, dataFormat: this.dataFormat, dilationRate: this.dilationRate.slice(),
      activation: kerasActivationName(this.activation), useBias: this.useBias,
      kernelInitializer: initializerConfig(this.kernelInitializer), biasInitializer: initializerConfig(this.biasInitializer),
      kernelRegularizer: regularizerConfig(this.kernelRegularizer), biasRegularizer: regularizerConfig(this.biasRegularizer),
      activityRegularizer: regularizerConfig(this.activityRegularizer),
      kernelConstraint: constraintConfig(this.kernelConstraint), biasConstraint: constraintConfig(this.biasConstraint),
    };
  }
}
