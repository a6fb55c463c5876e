import { isMap, type Json, type JsonMap } from './json.js';

// Keras 3 wraps every serialized object as { module, class_name, config, registered_name,
// build_config?, compile_config? }; Keras 2 and tf.keras write { class_name, config }.
const KERAS3_WRAPPER_KEYS = ['module', 'registered_name', 'build_config', 'compile_config', 'shared_object_id'];

/** The value with every Keras 3 object wrapper reduced to Keras 2's `{ class_name, config }`. */
export function stripWrappers(value: Json): Json {
  if (Array.isArray(value)) return value.map(stripWrappers);
  if (!isMap(value)) return value;
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
