import { optionKeys } from '@layerwise/data';
import { LAYER_OPTIONS } from '../layer-options.js';
import type { DataFormat } from '../core/data-format.js';
import { SpatialDropout, type SpatialDropoutArgs } from './spatial-dropout.js';

export interface SpatialDropout2DArgs extends SpatialDropoutArgs {
  /** Where the channels axis sits: 'channelsLast' (default) or 'channelsFirst' (Keras spellings accepted). */
  dataFormat?: DataFormat | 'channels_last' | 'channels_first';
}

const OPTIONS = optionKeys<SpatialDropout2DArgs>()(['dataFormat', 'rate', 'seed'], { base: [LAYER_OPTIONS] });

/** Drops whole feature maps of [batch, rows, cols, channels] (or [batch, channels, rows, cols]). */
export class SpatialDropout2D extends SpatialDropout {
  override readonly className: string = 'SpatialDropout2D';

  constructor(args: SpatialDropout2DArgs) {
    args = OPTIONS.readFor(args, SpatialDropout2D, new.target);
    super(2, args);
  }
}
