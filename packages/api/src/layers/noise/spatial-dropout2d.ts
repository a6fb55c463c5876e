import type { DataFormat } from '../core/data-format.js';
import { SpatialDropout, type SpatialDropoutArgs } from './spatial-dropout.js';

export interface SpatialDropout2DArgs extends SpatialDropoutArgs {
  dataFormat?: DataFormat | 'channels_last' | 'channels_first';
}

/** Drops whole feature maps of [batch, rows, cols, channels] (or [batch, channels, rows, cols]). */
export class SpatialDropout2D extends SpatialDropout {
  override readonly className: string = 'SpatialDropout2D';

  constructor(args: SpatialDropout2DArgs) {
    super(2, args);
  }
}
