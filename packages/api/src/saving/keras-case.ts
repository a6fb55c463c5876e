import type { JsonObject, JsonValue } from './artifacts.js';

/**
 * Conversion between layerwise's camelCase configs and Keras's snake_case ones, by the same
 * rules as tfjs-layers (serialization_utils.ts): keys and string values both change case,
 * except the values of `name` and `class_name`/`className`, which are identifiers.
 */

/** 'kernelSize' -> 'kernel_size', 'channelsLast' -> 'channels_last', 'hardSigmoid' -> 'hard_sigmoid'. */
export function toSnakeCase(name: string): string {
  return name.replace(/(.)([A-Z][a-z0-9]+)/g, '$1_$2').replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
}

/** 'kernel_size' -> 'kernelSize', 'beta_1' -> 'beta1'; a string without '_' is left alone. */
export function toCamelCase(name: string): string {
  if (!name.includes('_')) return name;
  return name.replace(/_+(\w|$)/g, (_, c: string) => c.toUpperCase());
}

const IDENTIFIER_KEYS = new Set(['name', 'className', 'class_name']);

/** A getConfig() value as Keras JSON; `where` names the value in errors. */
export function toKeras(value: unknown, where: string, key?: string): JsonValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return key !== undefined && IDENTIFIER_KEYS.has(key) ? value : toSnakeCase(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`${where}: ${value} cannot be written to JSON`);
    return value;
  }
  if (typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map((v, i) => toKeras(v, `${where}[${i}]`, key));
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[toSnakeCase(k)] = toKeras(v, `${where}.${k}`, k);
    return out;
  }
  const kind = typeof value === 'object' ? (value as object).constructor?.name ?? 'object' : typeof value;
  throw new Error(`${where}: a ${kind} cannot be saved; configs must hold plain JSON values`);
}

/** Keras JSON as a camelCase config for deserializeLayer and friends. */
export function fromKeras(value: JsonValue, key?: string): unknown {
  if (value === null) return null;
  if (typeof value === 'string') return key !== undefined && IDENTIFIER_KEYS.has(key) ? value : toCamelCase(value);
  if (typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => fromKeras(v, key));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[toCamelCase(k)] = fromKeras(v, k);
  return out;
}

export function isJsonObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
