import { LAYER_OPTIONS } from '../layer-options.js';
import { optionKeys } from '@layerwise/data';
import type { Tensor } from '../../tensor/tensor.js';
import { transpose } from '../../ops/index.js';
import { Layer, type CallArgs, type LayerArgs } from '../layer.js';
import type { Shape } from '../shape.js';
import { spatialLayout, normalizeDataFormat, toChannelsFirstPerm, toChannelsLastPerm, type DataFormat } from '../core/data-format.js';
import { assertInputRank } from '../core/input-checks.js';
import { checkPadding, convOutputLength, normalizeTuple } from '../conv/window-args.js';

export interface PoolingArgs extends LayerArgs {
  /** Window size; default 2 along each spatial axis. */
  poolSize?: number | number[];
  /** Step between windows; default poolSize. */
  strides?: number | number[] | null;
  /** 'valid' (the default: windows inside the input) or 'same' (the output length is ceil(length / stride)). */
  padding?: 'valid' | 'same';
  /** 'channelsLast' (the default; Keras's 'channels_last') or 'channelsFirst'. */
  dataFormat?: DataFormat | 'channels_last' | 'channels_first';
}

/** The options of every windowed pooling layer. */
export const POOLING_OPTIONS = optionKeys<PoolingArgs>()(['poolSize', 'strides', 'padding', 'dataFormat'], { base: [LAYER_OPTIONS] });

/** Keras's _Pooling1D/2D/3D: a window reduction over the spatial axes, channels unchanged. */
export abstract class Pooling extends Layer {
  /** The number of spatial axes (1, 2 or 3). */
  readonly rank: number;
  /** The window size per spatial axis. */
  readonly poolSize: number[];
  /** The step between windows per spatial axis. */
  readonly strides: number[];
  /** How the input is padded. */
  readonly padding: 'valid' | 'same';
  /** Where the channels axis is. */
  readonly dataFormat: DataFormat;

  constructor(rank: number, args: PoolingArgs) {
    super(args);
    this.rank = rank;
    this.poolSize = normalizeTuple(args.poolSize, rank, this.name, 'poolSize', 2);
    this.strides = args.strides === undefined || args.strides === null ? this.poolSize.slice() : normalizeTuple(args.strides, rank, this.name, 'strides', 1);
    this.padding = checkPadding(args.padding, ['valid', 'same'] as const, this.name);
    this.dataFormat = normalizeDataFormat(args.dataFormat, this.name);
  }

  /** The pooling itself on a channels-last input. */
  protected abstract pool(x: Tensor): Tensor;

  private checkRank(shape: readonly (number | null)[]): void {
    assertInputRank(this.name, shape, [this.rank + 2], spatialLayout(this.rank, this.dataFormat));
  }

  override build(inputShape: Shape): void {
    this.checkRank(inputShape);
  }

  override computeOutputShape(inputShape: Shape): Shape {
    this.checkRank(inputShape);
    const first = this.dataFormat === 'channelsLast' ? 1 : 2;
    const spatial = this.poolSize.map((p, i) => convOutputLength(inputShape[first + i], p, this.padding, this.strides[i]));
    const channels = inputShape[this.dataFormat === 'channelsLast' ? this.rank + 1 : 1];
    return this.dataFormat === 'channelsLast' ? [inputShape[0], ...spatial, channels] : [inputShape[0], channels, ...spatial];
  }

  call(x: Tensor, _args: CallArgs): Tensor {
    this.checkRank(x.shape);
    if (this.dataFormat === 'channelsLast') return this.pool(x);
    const y = this.pool(transpose(x, toChannelsLastPerm(x.rank)));
    return transpose(y, toChannelsFirstPerm(y.rank));
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), poolSize: this.poolSize.slice(), strides: this.strides.slice(), padding: this.padding, dataFormat: this.dataFormat };
  }
}
