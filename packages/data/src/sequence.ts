import type { Batch } from './types.js';

/**
 * Keras's `keras.utils.Sequence`: an indexable source of batches that knows its length.
 * `fitGenerator` asks for `getItem(i)` for each i in 0..length-1 (shuffled when asked) and
 * calls `onEpochEnd()` after each pass.
 *
 * To run `getItem` in worker threads (`useMultiprocessing: true`) the class must be loadable
 * by module URL: declare `static moduleUrl = import.meta.url` (and `static exportName` if the
 * export name differs from the class name) and, if the constructor takes arguments, a
 * `workerArgs` property holding structured-cloneable arguments to rebuild it with.
 */
export abstract class Sequence<B extends Batch = Batch> {
  /** The number of batches in one epoch (Keras's `__len__`). */
  abstract get length(): number;
  /** Batch `i`, for i in 0..length-1 (Keras's `__getitem__`); may be async. */
  abstract getItem(i: number): B | Promise<B>;
  /** Called after each epoch's last batch, e.g. to reshuffle (Keras's `on_epoch_end`). Optional. */
  onEpochEnd?(): void | Promise<void>;
}

/** How a worker loads a Sequence: `new (await import(moduleUrl))[exportName](...args)`. */
export interface SequenceSpec {
  /** The URL of the module exporting the Sequence, as `import()` takes it (usually the class's `import.meta.url`). */
  moduleUrl: string;
  /** The export to construct (or use as is, if it is already an instance). Default 'default'. */
  exportName?: string;
  /** Structured-cloneable constructor arguments (a SharedArrayBuffer is shared, not copied). */
  args?: unknown[];
}

/** The duck type every part of the package accepts as a Sequence. */
export interface SequenceLike<B = Batch> {
  /** The number of batches in one epoch. */
  readonly length: number;
  /** Batch `i`, for i in 0..length-1; may be async. */
  getItem(i: number): B | Promise<B>;
  /** Called after each epoch's last batch, when present. */
  onEpochEnd?(): void | Promise<void>;
}

/** Whether `x` looks like a Sequence: an object with a `getItem` function and a numeric `length`. */
export function isSequence(x: unknown): x is SequenceLike {
  return typeof x === 'object' && x !== null && typeof (x as SequenceLike).getItem === 'function' && typeof (x as SequenceLike).length === 'number';
}

export function isSequenceSpec(x: unknown): x is SequenceSpec {
  return typeof x === 'object' && x !== null && typeof (x as SequenceSpec).moduleUrl === 'string' && !isSequence(x);
}

/** The spec to load a Sequence instance in a worker, from its class's static `moduleUrl`, or null. */
export function specOf(seq: SequenceLike<unknown>): SequenceSpec | null {
  const ctor = (seq as { constructor?: { moduleUrl?: unknown; exportName?: unknown; name?: string } }).constructor;
  if (!ctor || typeof ctor.moduleUrl !== 'string') return null;
  const args = (seq as { workerArgs?: unknown }).workerArgs;
  return {
    moduleUrl: ctor.moduleUrl,
    exportName: typeof ctor.exportName === 'string' ? ctor.exportName : ctor.name,
    args: Array.isArray(args) ? args : [],
  };
}

/** Loads a Sequence from its spec in this thread. */
export async function loadSequence(spec: SequenceSpec): Promise<SequenceLike> {
  const mod = (await import(spec.moduleUrl)) as Record<string, unknown>;
  const name = spec.exportName ?? 'default';
  const exported = mod[name];
  if (exported === undefined) throw new Error(`Sequence module ${spec.moduleUrl} has no export "${name}"`);
  const seq = typeof exported === 'function' ? new (exported as new (...a: unknown[]) => unknown)(...(spec.args ?? [])) : exported;
  if (!isSequence(seq)) throw new Error(`${spec.moduleUrl}#${name} is not a Sequence (needs a numeric length and getItem)`);
  return seq;
}
