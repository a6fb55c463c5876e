import { Tensor } from '../tensor/tensor.js';

/** A value the API takes for one array, or for several: a list in model order, or a record by name. */
export type PerName<T> = T | T[] | Record<string, T>;

function isTypedArray(v: unknown): boolean {
  return ArrayBuffer.isView(v) && !(v instanceof DataView);
}

/** `{ data, shape }` host data (not a record of arrays by name). */
function isHostData(v: unknown): boolean {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && Array.isArray((v as { shape?: unknown }).shape)
    && 'data' in (v as object);
}

/** One array as the API accepts it on its own: a Tensor, a typed array or `{ data, shape }` (nested number arrays are lists). */
export function isSingleArray(v: unknown): boolean {
  return v instanceof Tensor || isTypedArray(v) || isHostData(v);
}

/** A record keyed by input or output name (a plain object that is not host data). */
export function isNameRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !isSingleArray(v);
}

/**
 * Splits `value` into one entry per name, as Keras 2 reads x, y and sample weights:
 * a record by name (every name required, no other key), a list in order (one entry per
 * name), or, for a single name, the value itself. For one name, an array is a list only
 * when it holds exactly one Tensor or `{ data, shape }`; otherwise it is nested number data.
 * `what` names the argument in errors ("fit: 'x'"); `kind` the names ('input', 'output').
 */
export function splitByName<T>(value: PerName<T>, names: readonly string[], what: string, kind: string): T[] {
  const list = names.map((n) => `'${n}'`).join(', ');
  if (isNameRecord(value)) {
    const record = value as Record<string, T>;
    const unknown = Object.keys(record).filter((k) => !names.includes(k));
    if (unknown.length > 0) throw new Error(`${what} names unknown ${kind}(s) ${unknown.map((k) => `'${k}'`).join(', ')}; the model's ${kind}s are ${list}`);
    const missing = names.filter((n) => record[n] === undefined || record[n] === null);
    if (missing.length > 0) throw new Error(`${what} has no data for ${kind} ${missing.map((k) => `'${k}'`).join(', ')}; give an entry for each of ${list}`);
    return names.map((n) => record[n]);
  }
  if (names.length === 1) {
    if (Array.isArray(value) && value.length === 1 && isSingleArray(value[0])) return [value[0] as T];
    return [value as T];
  }
  if (!Array.isArray(value)) {
    throw new Error(`${what} is a single array but the model has ${names.length} ${kind}s (${list}); give a list of ${names.length} arrays in that order, or a record by name`);
  }
  if (value.length !== names.length) {
    throw new Error(`${what} is a list of ${value.length} arrays but the model has ${names.length} ${kind}s (${list}); give one array per ${kind}, in that order`);
  }
  return value.slice() as T[];
}
