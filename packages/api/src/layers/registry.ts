import type { Layer } from './layer.js';

/** Recreates a layer from its (camelCase) config; used by loadModel. */
export type LayerMaker = (config: Record<string, unknown>) => Layer;

const makers = new Map<string, LayerMaker>();

/** Makes a layer class loadable by its Keras class name ('Dense'). */
export function registerLayer(className: string, make: LayerMaker): void {
  makers.set(className, make);
}

export function deserializeLayer(className: string, config: Record<string, unknown>): Layer {
  const make = makers.get(className);
  if (!make) throw new Error(`Unknown layer class '${className}'; known: ${[...makers.keys()].sort().join(', ')}`);
  return make(config);
}

export function registeredLayerClasses(): string[] {
  return [...makers.keys()];
}
