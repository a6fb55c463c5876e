import type { Batch } from './types.js';
import type { SequenceSpec } from './sequence.js';

/** Messages between a WorkerPool and its workers (worker-entry). */
export type ToWorker =
  | { type: 'init'; spec: SequenceSpec; transfer: boolean }
  | { type: 'getItem'; id: number; index: number }
  | { type: 'epochEnd'; id: number };

export type FromWorker =
  | { type: 'ready'; length: number }
  | { type: 'initError'; error: SerializedError }
  | { type: 'result'; id: number; value: Batch | null }
  | { type: 'error'; id: number; error: SerializedError };

export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
}

export function serializeError(e: unknown): SerializedError {
  if (e instanceof Error) return { name: e.name, message: e.message, stack: e.stack };
  return { name: 'Error', message: String(e) };
}

/** An Error carrying the original name, message and stack from the worker. */
export function deserializeError(s: SerializedError): Error {
  const e = new Error(s.message);
  e.name = s.name;
  if (s.stack) e.stack = s.stack;
  return e;
}
