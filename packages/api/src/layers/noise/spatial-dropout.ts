import type { LayerArgs } from '../layer.js';
import { Dropout } from '../core/dropout.js';
import { normalizeDataFormat, spatialLayout, type DataFormat } from '../core/data-format.js';
import { assertInputRank } from '../core/input-checks.js';

export interface SpatialDropoutArgs extends LayerArgs {
  /** Fraction of the feature maps to drop, in [0, 1). */
  rate: number;
  /** Seeds this layer's own random stream, as Dropout's seed does. */
  seed?: number | null;
}

/**
 * Keras's SpatialDropout1D/2D/3D: Dropout whose mask is drawn per sample and channel and
 * shared along every spatial axis, so whole feature maps are dropped.
 */
export abstract class SpatialDropout extends Dropout {
  /** Where the channels axis sits (default 'channelsLast'; always channels-last in 1D). */
  readonly dataFormat: DataFormat;

  constructor(private readonly spatialRank: number, args: SpatialDropoutArgs & { dataFormat?: string }) {
    super({ ...args, noiseShape: null });
    this.dataFormat = normalizeDataFormat(args.dataFormat, this.name);
  }

  private checkRank(shape: readonly (number | null)[]): void {
    assertInputRank(this.name, shape, [this.spatialRank + 2], spatialLayout(this.spatialRank, this.dataFormat));
  }

  override build(inputShape: (number | null)[]): void {
    this.checkRank(inputShape);
  }

  protected override resolveNoiseShape(shape: readonly number[]): number[] {
    this.checkRank(shape);
    const channelAxis = this.dataFormat === 'channelsLast' ? shape.length - 1 : 1;
    return shape.map((d, i) => (i === 0 || i === channelAxis ? d : 1));
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), dataFormat: this.dataFormat };
  }
}
