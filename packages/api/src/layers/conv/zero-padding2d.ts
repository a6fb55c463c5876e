import { optionKeys } from '@layerwise/data';
import { LAYER_OPTIONS } from '../layer-options.js';
import { ZeroPadding } from './zero-padding.js';
import type { SpatialLayerArgs } from './spatial-layer.js';

export interface ZeroPadding2DArgs extends SpatialLayerArgs {
  /** n (every side), [rows, cols] (both ends of each), or [[top, bottom], [left, right]]; default 1. */
  padding?: number | [number, number] | [[number, number], [number, number]];
}

const OPTIONS = optionKeys<ZeroPadding2DArgs>()(['dataFormat', 'padding'], { base: [LAYER_OPTIONS] });

/** Zero-pads the rows and cols of [batch, rows, cols, channels] (or [batch, channels, rows, cols]). */
export class ZeroPadding2D extends ZeroPadding {
  readonly className = 'ZeroPadding2D';

  constructor(args: ZeroPadding2DArgs = {}) {
    args = OPTIONS.readFor(args, ZeroPadding2D, new.target);
    super(2, args.padding ?? 1, args);
  }
}
