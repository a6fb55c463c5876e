import { optionKeys } from '@layerwise/data';
import { LAYER_OPTIONS } from '../layer-options.js';
import { Cropping } from './cropping.js';
import type { SpatialLayerArgs } from './spatial-layer.js';

export interface Cropping3DArgs extends SpatialLayerArgs {
  /** n (every side), [d1, d2, d3] (both ends of each), or three [start, end] pairs; default [[1, 1], [1, 1], [1, 1]]. */
  cropping?: number | [number, number, number] | [[number, number], [number, number], [number, number]];
}

const OPTIONS = optionKeys<Cropping3DArgs>()(['cropping', 'dataFormat'], { base: [LAYER_OPTIONS] });

/** Crops the three spatial axes of [batch, d1, d2, d3, channels] (or [batch, channels, d1, d2, d3]). */
export class Cropping3D extends Cropping {
  readonly className = 'Cropping3D';

  constructor(args: Cropping3DArgs = {}) {
    args = OPTIONS.readFor(args, Cropping3D, new.target);
    super(3, args.cropping ?? [[1, 1], [1, 1], [1, 1]], args);
  }
}
