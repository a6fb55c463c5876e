import { optionKeys } from '@layerwise/data';
import { LAYER_OPTIONS } from '../layer-options.js';
import type { Tensor } from '../../tensor/tensor.js';
import { upsampleBilinear } from '../../ops/index.js';
import { UpSampling } from './up-sampling.js';
import type { SpatialLayerArgs } from './spatial-layer.js';

/** How UpSampling2D fills new pixels: 'nearest' repeats them, 'bilinear' interpolates. */
export type Interpolation = 'nearest' | 'bilinear';

export interface UpSampling2DArgs extends SpatialLayerArgs {
  /** Factors for rows and cols (integers); default [2, 2]. */
  size?: number | [number, number];
  /**
   * 'nearest' (default) repeats each pixel; 'bilinear' interpolates as Keras 2.2.4 on
   * TensorFlow 1.x (resize_bilinear with align_corners false and no half-pixel centres:
   * output pixel o samples input position o / size, and the last row and column repeat).
   */
  interpolation?: Interpolation;
}

const OPTIONS = optionKeys<UpSampling2DArgs>()(['dataFormat', 'interpolation', 'size'], { base: [LAYER_OPTIONS] });

/** Upsamples the rows and cols of [batch, rows, cols, channels] (or [batch, channels, rows, cols]). */
export class UpSampling2D extends UpSampling {
  readonly className = 'UpSampling2D';
  /** 'nearest' (default) or 'bilinear'. */
  readonly interpolation: Interpolation;

  constructor(args: UpSampling2DArgs = {}) {
    args = OPTIONS.readFor(args, UpSampling2D, new.target);
    super(2, args.size ?? [2, 2], args);
    const interpolation = args.interpolation ?? 'nearest';
    if (interpolation !== 'nearest' && interpolation !== 'bilinear') {
      throw new Error(`${this.name}: interpolation must be 'nearest' or 'bilinear', got ${JSON.stringify(args.interpolation)}`);
    }
    this.interpolation = interpolation;
  }

  protected override upsample(x: Tensor): Tensor {
    return this.interpolation === 'bilinear' ? upsampleBilinear(x, this.size, this.spatialAxes()) : super.upsample(x);
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), interpolation: this.interpolation };
  }
}
