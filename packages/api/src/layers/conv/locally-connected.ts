import { LAYER_OPTIONS } from '../layer-options.js';
import { optionKeys } from '@layerwise/data';
import type { Tensor } from '../../tensor/tensor.js';
import { localConv } from '../../ops/index.js';
import type { Shape } from '../shape.js';
import { fmtKerasShape } from '../shape.js';
import { Conv, type ConvArgs } from './conv.js';

/** LocallyConnected1D/2D's options: a convolution's, without dilationRate, with padding 'valid' only. */
export interface LocallyConnectedArgs extends Omit<ConvArgs, 'dilationRate' | 'padding'> {
  /** Only 'valid', as in Keras 2.2.4. */
  padding?: 'valid';
  /**
   * Only 1 (Keras 2.2.4 has just this one: patches times one weight matrix per output
   * position). tf.keras's 2 and 3 keep other kernel layouts, so they are refused rather
   * than read as Keras 2.2.4's.
   */
  implementation?: 1;
}

/** LocallyConnected1D/2D's options (a convolution's, less dilationRate). */
export const LOCALLY_CONNECTED_OPTIONS = optionKeys<LocallyConnectedArgs>()([
  'kernelSize', 'strides', 'padding', 'dataFormat', 'activation', 'useBias', 'biasInitializer', 'biasRegularizer',
  'biasConstraint', 'activityRegularizer', 'filters', 'kernelInitializer', 'kernelRegularizer', 'kernelConstraint',
  'implementation',
], { base: [LAYER_OPTIONS] });

/**
 * Keras's LocallyConnected1D/2D: a convolution ('valid' padding) whose weights differ at
 * every output position. Kernel [outPositions, kernelTaps * inChannels, filters], bias
 * [...outSpatial, filters]; the spatial input shape must be known when it is built.
 */
export abstract class LocallyConnected extends Conv {
  private builtSpatial: number[] | null = null;

  constructor(rank: number, args: LocallyConnectedArgs) {
    super(rank, args, ['valid']);
    const extra = args as { dilationRate?: unknown; implementation?: unknown };
    if (extra.dilationRate !== undefined && this.dilationRate.some((d) => d !== 1)) {
      throw new Error(`${this.name}: locally connected layers take no dilationRate (Keras 2.2.4 has none), got ${JSON.stringify(extra.dilationRate)}`);
    }
    if (extra.implementation !== undefined && extra.implementation !== 1) {
      throw new Error(`${this.name}: implementation must be 1 (Keras 2.2.4's only kernel layout); tf.keras's implementation ${JSON.stringify(extra.implementation)} stores its kernel differently`);
    }
  }

  /** Whether each patch's features are ordered channel by channel (Keras's order for channels-first input). */
  protected abstract channelsMajor(): boolean;

  private outSpatial(inputShape: Shape): number[] {
    const spatial = this.spatialOf(inputShape);
    if (spatial.some((n) => n === null)) {
      throw new Error(`${this.name}: the spatial axes of the input ${fmtKerasShape(inputShape)} must be known (one weight matrix per output position)`);
    }
    return spatial.map((n, i) => this.outputLength(i, n)!);
  }

  protected override kernelShape(inputShape: Shape, inChannels: number): number[] {
    const positions = this.outSpatial(inputShape).reduce((a, b) => a * b, 1);
    const taps = this.kernelSize.reduce((a, b) => a * b, 1);
    return [positions, taps * inChannels, this.filters];
  }

  protected override buildKernels(inputShape: Shape, inChannels: number): void {
    super.buildKernels(inputShape, inChannels);
    this.builtSpatial = this.spatialOf(inputShape) as number[];
  }

  protected override biasShape(inputShape: Shape, _inChannels: number): number[] {
    return [...this.outSpatial(inputShape), this.filters];
  }

  protected convolve(x: Tensor): Tensor {
    const spatial = x.shape.slice(1, this.rank + 1);
    if (spatial.some((n, i) => n !== this.builtSpatial![i])) {
      throw new Error(`${this.name}: the layer was built for spatial shape (${this.builtSpatial!.join(', ')}), got input of shape ${fmtKerasShape(x.shape)}`);
    }
    return localConv(x, this.kernel!.value, { kernelSize: this.kernelSize, strides: this.strides, channelsMajor: this.channelsMajor() });
  }

  override getConfig(): Record<string, unknown> {
    const { dilationRate: _, ...config } = super.getConfig();
    return config;
  }
}
