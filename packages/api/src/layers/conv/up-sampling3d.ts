import { optionKeys } from '@layerwise/data';
import { LAYER_OPTIONS } from '../layer-options.js';
import { UpSampling } from './up-sampling.js';
import type { SpatialLayerArgs } from './spatial-layer.js';

export interface UpSampling3DArgs extends SpatialLayerArgs {
  /** Factors for the three spatial axes (integers); default [2, 2, 2]. */
  size?: number | [number, number, number];
}

const OPTIONS = optionKeys<UpSampling3DArgs>()(['dataFormat', 'size'], { base: [LAYER_OPTIONS] });

/** Repeats each element of the three spatial axes of [batch, d1, d2, d3, channels] (or channels first) size[i] times. */
export class UpSampling3D extends UpSampling {
  readonly className = 'UpSampling3D';

  constructor(args: UpSampling3DArgs = {}) {
    args = OPTIONS.readFor(args, UpSampling3D, new.target);
    super(3, args.size ?? [2, 2, 2], args);
  }
}
