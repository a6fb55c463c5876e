import { Layer } from './layer.js';
import { deserializeLayer } from './registry.js';

/** A layer nested in another's config, as Keras writes it (a wrapper's `layer`, an RNN's `cell`). */
export interface NestedLayerConfig {
  className: string;
  config: Record<string, unknown>;
}

/** `layer` as Keras nests it in a config; `where` names it in the error when it cannot be saved. */
export function nestedConfig(layer: unknown, where: string): NestedLayerConfig {
  if (!(layer instanceof Layer)) {
    throw new Error(`${where} is not a Layer, so it has no config to save; write it as a Layer subclass (for a cell, layers.RNNCell) and registerLayer its class`);
  }
  return { className: layer.className, config: layer.getConfig() };
}

/** Recreates a nested { className, config } through the registry; `where` names it in errors. */
export function deserializeNested(value: unknown, where: string): Layer {
  const v = value as Partial<NestedLayerConfig> | null | undefined;
  if (!v || typeof v.className !== 'string' || typeof v.config !== 'object' || v.config === null) {
    throw new Error(`${where} must be { className, config }, got ${JSON.stringify(value)}`);
  }
  return deserializeLayer(v.className, v.config);
}
