import { ZeroPadding } from './zero-padding.js';
import type { SpatialLayerArgs } from './spatial-layer.js';

export interface ZeroPadding3DArgs extends SpatialLayerArgs {
  /** n (every side), [d1, d2, d3] (both ends of each), or three [start, end] pairs; default 1. */
  padding?: number | [number, number, number] | [[number, number], [number, number], [number, number]];
}

/** Zero-pads the three spatial axes of [batch, d1, d2, d3, channels] (or [batch, channels, d1, d2, d3]). */
export class ZeroPadding3D extends ZeroPadding {
  readonly className = 'ZeroPadding3D';

  constructor(args: ZeroPadding3DArgs = {}) {
    super(3, args.padding ?? 1, args);
  }
}
