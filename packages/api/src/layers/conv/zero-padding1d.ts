import { optionKeys } from '@layerwise/data';
import { LAYER_OPTIONS } from '../layer-options.js';
import type { LayerArgs } from '../layer.js';
import { ZeroPadding } from './zero-padding.js';

export interface ZeroPadding1DArgs extends LayerArgs {
  /** Zeros added at the start and end of the steps axis: n (both ends) or [start, end]; default 1. */
  padding?: number | [number, number];
}

const OPTIONS = optionKeys<ZeroPadding1DArgs>()(['padding'], { base: [LAYER_OPTIONS] });

/** Zero-pads the steps axis of [batch, steps, features]. */
export class ZeroPadding1D extends ZeroPadding {
  readonly className = 'ZeroPadding1D';

  constructor(args: ZeroPadding1DArgs = {}) {
    args = OPTIONS.readFor(args, ZeroPadding1D, new.target);
    super(1, args.padding ?? 1, args, false);
  }

  /** As Keras writes it: the one [start, end] pair. */
  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), padding: this.padding[0].slice() };
  }
}
