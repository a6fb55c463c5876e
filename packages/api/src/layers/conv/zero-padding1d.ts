import type { LayerArgs } from '../layer.js';
import { ZeroPadding } from './zero-padding.js';

export interface ZeroPadding1DArgs extends LayerArgs {
  /** Zeros added at the start and end of the steps axis: n (both ends) or [start, end]; default 1. */
  padding?: number | [number, number];
}

/** Zero-pads the steps axis of [batch, steps, features]. */
export class ZeroPadding1D extends ZeroPadding {
  readonly className = 'ZeroPadding1D';

  constructor(args: ZeroPadding1DArgs = {}) {
    super(1, args.padding ?? 1, args, false);
  }

  /** As Keras writes it: the one [start, end] pair. */
  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), padding: this.padding[0].slice() };
  }
}
