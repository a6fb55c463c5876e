import { optionKeys, type OptionSpec } from '@layerwise/data';
import type { LayerArgs } from './layer.js';

/**
 * The options every layer takes (Keras's base Layer arguments), and the Keras ones layerwise
 * accepts without a setting. Each layer's spec is built on this one (`base: [LAYER_OPTIONS]`).
 */
export const LAYER_OPTIONS: OptionSpec<LayerArgs> = optionKeys<LayerArgs>()(
  ['name', 'trainable', 'inputShape', 'batchInputShape', 'batchSize', 'inputDim', 'dtype'],
  {
    ignored: {
      // Keras 2.3's flag for layers that cannot be graph-compiled; layerwise runs every layer eagerly.
      dynamic: { why: 'every layerwise layer runs eagerly' },
      // Keras's initial weights argument: refused unless empty, since dropping it would change the model.
      weights: { why: 'initial weights are not taken at construction; call layer.setWeights() once it is built', accepts: (v) => v === null || (Array.isArray(v) && v.length === 0) },
    },
  },
);

/** The base options of an RNN cell (Keras's cells take no input shape: the RNN over them does). */
export const CELL_OPTIONS: OptionSpec<Pick<LayerArgs, 'name' | 'trainable' | 'dtype'>> = optionKeys<Pick<LayerArgs, 'name' | 'trainable' | 'dtype'>>()(
  ['name', 'trainable', 'dtype'],
  { ignored: LAYER_OPTIONS.ignored },
);
