import { optionKeys } from '@layerwise/data';
import { LAYER_OPTIONS } from '../layer-options.js';
import { Cropping } from './cropping.js';
import type { SpatialLayerArgs } from './spatial-layer.js';

export interface Cropping2DArgs extends SpatialLayerArgs {
  /** n (every side), [rows, cols] (both ends of each), or [[top, bottom], [left, right]]; default [[0, 0], [0, 0]]. */
  cropping?: number | [number, number] | [[number, number], [number, number]];
}

const OPTIONS = optionKeys<Cropping2DArgs>()(['cropping', 'dataFormat'], { base: [LAYER_OPTIONS] });

/** Crops the rows and cols of [batch, rows, cols, channels] (or [batch, channels, rows, cols]). */
export class Cropping2D extends Cropping {
  readonly className = 'Cropping2D';

  constructor(args: Cropping2DArgs = {}) {
    args = OPTIONS.readFor(args, Cropping2D, new.target);
    super(2, args.cropping ?? [[0, 0], [0, 0]], args);
  }
}
