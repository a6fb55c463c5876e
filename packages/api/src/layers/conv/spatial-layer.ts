import type { Tensor } from '../../tensor/tensor.js';
import { Layer, type LayerArgs } from '../layer.js';
import type { Shape } from '../shape.js';
import { normalizeDataFormat, spatialLayout, type DataFormat } from '../core/data-format.js';
import { assertInputRank } from '../core/input-checks.js';

/** The options of a layer over spatial axes (pooling, cropping, padding, upsampling). */
export interface SpatialLayerArgs extends LayerArgs {
  /** 'channelsLast' (the default; Keras's 'channels_last') or 'channelsFirst'. */
  dataFormat?: DataFormat | 'channels_last' | 'channels_first';
}

/**
 * The weightless layers that change the length of each spatial axis (Keras's _Cropping,
 * _ZeroPadding, _UpSampling): input [batch, ...spatial, channels] (channelsLast) or
 * [batch, channels, ...spatial] (channelsFirst), of rank `rank + 2`.
 */
export abstract class SpatialLayer extends Layer {
  /** The number of spatial axes (1, 2 or 3). */
  readonly rank: number;
  /** Where the channels axis is. */
  readonly dataFormat: DataFormat;
  /** Whether the Keras class takes data_format (the 1-D ones are channels-last only and do not write it). */
  private readonly hasDataFormat: boolean;

  constructor(rank: number, args: SpatialLayerArgs, hasDataFormat = true) {
    super(args);
    this.rank = rank;
    this.hasDataFormat = hasDataFormat;
    this.dataFormat = hasDataFormat ? normalizeDataFormat(args.dataFormat, this.name) : 'channelsLast';
  }

  /** The output length of spatial axis `i` whose input length is `length`; throws where it would not be positive. */
  protected abstract spatialLength(length: number, i: number): number;

  /** Positions of the spatial axes in the input. */
  protected spatialAxes(): number[] {
    const first = this.dataFormat === 'channelsLast' ? 1 : 2;
    return Array.from({ length: this.rank }, (_, i) => first + i);
  }

  /** Throws unless `shape` has the batch, spatial and channel axes this layer expects. */
  protected checkRank(shape: readonly (number | null)[]): void {
    assertInputRank(this.name, shape, [this.rank + 2], spatialLayout(this.rank, this.dataFormat));
  }

  override build(inputShape: Shape): void {
    this.computeOutputShape(inputShape);
  }

  /** The output shape: each spatial axis through `spatialLength`, the others unchanged. */
  override computeOutputShape(inputShape: Shape): Shape {
    this.checkRank(inputShape);
    const axes = this.spatialAxes();
    return inputShape.map((d, a) => (d === null || !axes.includes(a) ? d : this.spatialLength(d, axes.indexOf(a))));
  }

  /** The input's output shape, checked (the batch and any axis the model left unknown are known now). */
  protected outputShapeOf(x: Tensor): number[] {
    return this.computeOutputShape(x.shape) as number[];
  }

  override getConfig(): Record<string, unknown> {
    return this.hasDataFormat ? { ...super.getConfig(), dataFormat: this.dataFormat } : super.getConfig();
  }
}

/**
 * Keras's normalisation of cropping and padding amounts to one [before, after] pair per
 * spatial axis: n, [n per axis], or [[before, after] per axis]; with one axis, n or
 * [before, after].
 */
export function normalizePairs(value: unknown, rank: number, layerName: string, arg: string): [number, number][] {
  const ok = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
  const pair = (v: unknown): [number, number] | null => (ok(v) ? [v, v] : Array.isArray(v) && v.length === 2 && ok(v[0]) && ok(v[1]) ? [v[0], v[1]] : null);
  let pairs: ([number, number] | null)[] | null = null;
  if (rank === 1) pairs = [pair(value)];
  else if (ok(value)) pairs = Array.from({ length: rank }, () => [value, value]);
  else if (Array.isArray(value) && value.length === rank) pairs = value.map(pair);
  if (!pairs || pairs.some((p) => p === null)) {
    const forms = rank === 1 ? 'an integer >= 0 or [before, after]' : `an integer >= 0, ${rank} integers, or ${rank} [before, after] pairs`;
    throw new Error(`${layerName}: ${arg} must be ${forms}, got ${JSON.stringify(value)}`);
  }
  return pairs as [number, number][];
}
