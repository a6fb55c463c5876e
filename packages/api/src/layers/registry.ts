import { readingSavedConfig } from '@layerwise/data';
import { Layer } from './layer.js';

/** Recreates a layer from its (camelCase) config; used by loadModel. */
export type LayerMaker = (config: Record<string, unknown>) => Layer;

/**
 * A Layer subclass that names itself for loading: `static readonly className = 'MyLayer'`
 * (the name its instances' `className` gives) and a constructor taking its config.
 */
export interface LayerClass {
  /** The class name configs are saved and looked up under (a static `className`). */
  readonly className: string;
  new (config: never): Layer;
}

/** What loadModel may be given for one class name: a maker, or a self-naming Layer class. */
export type CustomObject = LayerMaker | LayerClass;

const makers = new Map<string, LayerMaker>();

function isLayerClass(v: unknown): v is LayerClass {
  return typeof v === 'function' && v.prototype instanceof Layer && typeof (v as { className?: unknown }).className === 'string';
}

/** The maker for a registry entry or a `customObjects` value. */
export function makerOf(entry: CustomObject): LayerMaker {
  return isLayerClass(entry) ? (config) => new entry(config as never) : entry;
}

/**
 * Makes a layer class loadable by its Keras class name: `registerLayer('Dense', (config) =>
 * new Dense(config))`, or `registerLayer(MyLayer)` for a class with a static `className`.
 * A later registration of the same name replaces the earlier one.
 */
export function registerLayer(className: string, make: LayerMaker): void;
export function registerLayer(cls: LayerClass): void;
export function registerLayer(nameOrClass: string | LayerClass, make?: LayerMaker): void {
  if (typeof nameOrClass === 'string') {
    if (nameOrClass === '' || typeof make !== 'function') {
      throw new Error(`registerLayer: expected a class name and a function (config) => Layer, got ${JSON.stringify(nameOrClass)} and ${typeof make}`);
    }
    makers.set(nameOrClass, make);
    return;
  }
  if (!isLayerClass(nameOrClass) || nameOrClass.className === '') {
    throw new Error('registerLayer: expected a Layer subclass with a static className (or a class name and a maker function)');
  }
  makers.set(nameOrClass.className, makerOf(nameOrClass));
}

/** Recreates a layer; `custom` (loadModel's customObjects) is searched before the registry. */
export function deserializeLayer(className: string, config: Record<string, unknown>, custom?: Readonly<Record<string, CustomObject>>): Layer {
  const entry = custom && Object.hasOwn(custom, className) ? makerOf(custom[className]) : makers.get(className);
  if (!entry) throw new Error(`Unknown layer class '${className}'; known: ${registeredLayerClasses(custom).sort().join(', ')}`);
  // A saved config may hold keys of other Keras versions: loading reads it leniently.
  return readingSavedConfig(() => entry(config));
}

/** The class names loadModel can recreate (with `custom`'s besides). */
export function registeredLayerClasses(custom?: Readonly<Record<string, CustomObject>>): string[] {
  return [...new Set([...makers.keys(), ...Object.keys(custom ?? {})])];
}
