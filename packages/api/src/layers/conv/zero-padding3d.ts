import { optionKeys } from '@layerwise/data';
import { LAYER_OPTIONS } from '../layer-options.js';
import { ZeroPadding } from './zero-padding.js';
import type { SpatialLayerArgs } from './spatial-layer.js';

export interface ZeroPadding3DArgs extends SpatialLayerArgs {
  /** n (every side), [d1, d2, d3] (both ends of each), or three [start, end] pairs; default 1. */
  padding?: number | [number, number, number] | [[number, number], [number, number], [number, number]];
}

const OPTIONS = optionKeys<ZeroPadding3DArgs>()(['dataFormat', 'padding'], { base: [LAYER_OPTIONS] });

/** Zero-pads the three spatial axes of [batch, d1, d2, d3, channels] (or [batch, channels, d1, d2, d3]). */
export class ZeroPadding3D extends ZeroPadding {
  readonly className = 'ZeroPadding3D';

  constructor(args: ZeroPadding3DArgs = {}) {
    args = OPTIONS.readFor(args, ZeroPadding3D, new.target);
    super(3, args.padding ?? 1, args);
  }
}
