// Shared checks for the convolution-family layer tests (not a test file itself).
import { expect } from 'vitest';
import { saving, type layers } from '@layerwise/api';

type Layer = InstanceType<typeof layers.Layer>;

/**
 * The layer's config, as saved, has exactly `name`, `trainable`, `dtype` and `keys`: the keys
 * Keras 2.2.4's get_config writes for the class (read from its source).
 */
export function expectKerasKeys(layer: Layer, keys: string[]): void {
  const written = Object.keys(layer.getConfig()).map((k) => saving.toSnakeCase(k)).filter((k) => k !== 'batch_input_shape');
  expect(written.sort()).toEqual(['name', 'trainable', 'dtype', ...keys].sort());
}
