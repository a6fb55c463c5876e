import { optionKeys } from '@layerwise/data';
import { LAYER_OPTIONS } from '../layer-options.js';
import { SpatialDropout, type SpatialDropoutArgs } from './spatial-dropout.js';

/** SpatialDropout1D takes rate and seed; its input is always [batch, steps, channels]. */
export type SpatialDropout1DArgs = SpatialDropoutArgs;

const OPTIONS = optionKeys<SpatialDropout1DArgs>()(['rate', 'seed'], { base: [LAYER_OPTIONS] });

/** Drops whole channels of [batch, steps, channels] (one mask entry per sample and channel). */
export class SpatialDropout1D extends SpatialDropout {
  override readonly className: string = 'SpatialDropout1D';

  constructor(args: SpatialDropout1DArgs) {
    args = OPTIONS.readFor(args, SpatialDropout1D, new.target);
    super(1, { ...args, dataFormat: 'channelsLast' });
  }

  /** As Keras writes it: Dropout's keys, no dataFormat. */
  override getConfig(): Record<string, unknown> {
    const { dataFormat: _format, ...config } = super.getConfig();
    return config;
  }
}
