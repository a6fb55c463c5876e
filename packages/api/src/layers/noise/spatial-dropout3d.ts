import { optionKeys } from '@layerwise/data';
import { LAYER_OPTIONS } from '../layer-options.js';
import type { DataFormat } from '../core/data-format.js';
import { SpatialDropout, type SpatialDropoutArgs } from './spatial-dropout.js';

export interface SpatialDropout3DArgs extends SpatialDropoutArgs {
  /** Where the channels axis sits: 'channelsLast' (default) or 'channelsFirst' (Keras spellings accepted). */
  dataFormat?: DataFormat | 'channels_last' | 'channels_first';
}

const OPTIONS = optionKeys<SpatialDropout3DArgs>()(['dataFormat', 'rate', 'seed'], { base: [LAYER_OPTIONS] });

/** Drops whole feature maps of [batch, d1, d2, d3, channels] (or channels first). */
export class SpatialDropout3D extends SpatialDropout {
  override readonly className: string = 'SpatialDropout3D';

  constructor(args: SpatialDropout3DArgs) {
    args = OPTIONS.readFor(args, SpatialDropout3D, new.target);
    super(3, args);
  }
}
