import { optionKeys } from '@layerwise/data';
import { LAYER_OPTIONS } from '../layer-options.js';
import type { LayerArgs } from '../layer.js';
import { Cropping } from './cropping.js';

export interface Cropping1DArgs extends LayerArgs {
  /** Elements removed from the start and end of the steps axis: n (both ends) or [start, end]; default [1, 1]. */
  cropping?: number | [number, number];
}

const OPTIONS = optionKeys<Cropping1DArgs>()(['cropping'], { base: [LAYER_OPTIONS] });

/** Crops the steps axis of [batch, steps, features]. */
export class Cropping1D extends Cropping {
  readonly className = 'Cropping1D';

  constructor(args: Cropping1DArgs = {}) {
    args = OPTIONS.readFor(args, Cropping1D, new.target);
    super(1, args.cropping ?? [1, 1], args, false);
  }

  /** As Keras writes it: the one [start, end] pair. */
  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), cropping: this.cropping[0].slice() };
  }
}
