import { saving, layers } from '@layerwise/api';
import { show, type Json, type JsonMap } from './json.js';

/**
 * Keras arguments layerwise has no setting for, and the values at which they change nothing
 * (Keras 2's behaviour). Any other value is refused, so a file never loads with a feature
 * silently dropped. `null` and `false` are accepted for every key without listing it.
 */
const NO_OP: Readonly<Record<string, (v: Json) => boolean>> = {
  groups: (v) => v === 1,
  // Only read when renorm is on, and renorm must be off (false) to load.
  renorm_momentum: () => true,
  // Speed switches: the same numbers either way.
  implementation: () => true,
  fused: () => true,
  // Random seeds only pick which units dropout drops.
  seed: () => true,
  // LoRA and EMA settings are read only when lora_rank / use_ema are set, which is refused.
  lora_alpha: () => true,
  ema_momentum: () => true,
  jit_compile: () => true,
  is_legacy_optimizer: () => true,
  momentum: (v) => v === 0,
  initial_accumulator_value: (v) => v === 0,
  time_major: (v) => v === false,
};

// Every layer takes these (LayerArgs); their Keras spellings.
const BASE_KEYS = ['name', 'trainable', 'dtype', 'batch_input_shape', 'input_shape', 'batch_size', 'input_dim'];

/** Keys of a layer config that layerwise's layer reads: its own getConfig keys plus the base arguments. */
export function knownLayerKeys(className: string, config: JsonMap, where: string): Set<string> {
  let layer: layers.Layer;
  try {
    layer = layers.deserializeLayer(className, saving.fromKeras(config) as Record<string, unknown>);
  } catch (err) {
    throw new Error(`${where}: ${(err as Error).message}`, { cause: err });
  }
  try {
    return new Set([...Object.keys(layer.getConfig()).map(saving.toSnakeCase), ...BASE_KEYS]);
  } finally {
    layer.dispose();
  }
}

/**
 * `config` without the keys layerwise does not read, where their values change nothing;
 * an error naming the layer and key where they would.
 */
export function dropIgnorableKeys(config: JsonMap, known: ReadonlySet<string>, where: string): JsonMap {
  const out: JsonMap = {};
  for (const [key, value] of Object.entries(config)) {
    if (known.has(key)) {
      out[key] = value;
      continue;
    }
    const noOp = value === null || value === false || (NO_OP[key]?.(value) ?? false);
    if (!noOp) throw new Error(`${where}: '${key}' = ${show(value)} is a Keras setting layerwise does not support`);
  }
  return out;
}

