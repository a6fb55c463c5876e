/** Reads a serialized config (camelCase or Keras snake_case) against a list of known keys. */

export type ConfigKind = 'number' | 'boolean' | 'numbers' | 'object-or-number';

/** `beta_1` -> `beta1`, `learning_rate` -> `learningRate`; camelCase passes through. */
export function camelKey(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

function kindOf(v: unknown): string {
  return Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v;
}

function matches(v: unknown, kind: ConfigKind): boolean {
  switch (kind) {
    case 'number': return typeof v === 'number';
    case 'boolean': return typeof v === 'boolean';
    case 'numbers': return Array.isArray(v) && v.every((x) => typeof x === 'number');
    case 'object-or-number': return typeof v === 'number' || (typeof v === 'object' && v !== null && !Array.isArray(v));
  }
}

/**
 * Returns the config with camelCase keys. `aliases` maps other spellings (after camelCasing)
 * to a known key (Keras 2.2's `lr`); `ignored` keys (tf.keras's `name`) are dropped. An
 * unknown key, a value of the wrong kind, or two spellings of one key disagreeing is an error.
 */
export function readConfig(what: string, config: unknown, known: Record<string, ConfigKind>,
  aliases: Record<string, string> = {}, ignored: readonly string[] = ['name']): Record<string, unknown> {
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    throw new Error(`${what}: config must be an object, got ${kindOf(config)}`);
  }
  const out: Record<string, unknown> = {};
  const from: Record<string, string> = {};
  for (const [rawKey, value] of Object.entries(config as Record<string, unknown>)) {
    const camel = camelKey(rawKey);
    if (ignored.includes(camel)) continue;
    const key = aliases[camel] ?? camel;
    const kind = known[key];
    if (kind === undefined) {
      throw new Error(`${what}: unknown config key '${rawKey}'; known keys: ${[...Object.keys(known), ...Object.keys(aliases)].join(', ')}`);
    }
    if (value === undefined || value === null) continue;
    if (!matches(value, kind)) throw new Error(`${what}: config '${rawKey}' must be ${kind === 'object-or-number' ? 'a number or a serialized schedule' : `a ${kind === 'numbers' ? 'number array' : kind}`}, got ${kindOf(value)}`);
    if (key in out && out[key] !== value) {
      throw new Error(`${what}: config gives '${from[key]}' = ${JSON.stringify(out[key])} and '${rawKey}' = ${JSON.stringify(value)}; they name the same setting`);
    }
    out[key] = value;
    from[key] = rawKey;
  }
  return out;
}

/** `{ className, config }` or Keras's `{ class_name, config }`. */
export function readSerialized(what: string, serialized: unknown): { className: string; config: unknown } {
  if (typeof serialized !== 'object' || serialized === null || Array.isArray(serialized)) {
    throw new Error(`${what}: expected { className, config }, got ${kindOf(serialized)}`);
  }
  const s = serialized as Record<string, unknown>;
  const className = s.className ?? s.class_name;
  if (typeof className !== 'string') throw new Error(`${what}: expected a string className, got ${kindOf(className)}`);
  return { className, config: s.config ?? {} };
}
