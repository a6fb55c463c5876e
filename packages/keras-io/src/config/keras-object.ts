import { isMap, type Json, type JsonMap } from './json.js';

// Keras 3 wraps every serialized object as { module, class_name, config, registered_name,
// build_config?, compile_config? }; Keras 2 and tf.keras write { class_name, config }.
const KERAS3_WRAPPER_KEYS = ['module', 'registered_name', 'build_config', 'compile_config', 'shared_object_id'];

/**
 * The value with every Keras 3 object wrapper reduced to Keras 2's `{ class_name, config }`,
 * and Keras 3's serialized constants (`{ class_name: '__tensor__' | '__numpy__', config: { value } }`,
 * e.g. Masking's mask_value) as their plain values.
 */
export function stripWrappers(value: Json): Json {
  if (Array.isArray(value)) return value.map(stripWrappers);
  if (!isMap(value)) return value;
  if ((value.class_name === '__tensor__' || value.class_name === '__numpy__') && isMap(value.config) && 'value' in value.config) {
    const v = value.config.value;
    // A one-element array is how Keras 3 saves a scalar it converted to a tensor.
    return Array.isArray(v) && v.length === 1 && !Array.isArray(v[0]) ? v[0] : v;
  }
  const out: JsonMap = {};
  const wrapped = typeof value.class_name === 'string';
  for (const [k, v] of Object.entries(value)) {
    if (wrapped && KERAS3_WRAPPER_KEYS.includes(k)) continue;
    out[k] = stripWrappers(v);
  }
  return out;
}

/** A Keras 3 DTypePolicy (`{ class_name: 'DTypePolicy', config: { name } }`) as its dtype name. */
export function dtypeName(value: Json | undefined): Json | undefined {
  if (isMap(value) && isMap(value.config) && typeof value.config.name === 'string') return value.config.name;
  return value;
}

/** tf.keras 2.x and Keras 3 write `L1(l1)` and `L2(l2)`; Keras 2 (and layerwise) the `L1L2` they are. */
export function canonicalRegularizer(value: Json): Json {
  if (!isMap(value) || (value.class_name !== 'L1' && value.class_name !== 'L2')) return value;
  const config = isMap(value.config) ? value.config : {};
  return { class_name: 'L1L2', config: { l1: config.l1 ?? 0, l2: config.l2 ?? 0 } };
}
