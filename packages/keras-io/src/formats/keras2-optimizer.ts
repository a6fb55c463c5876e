import { optimizers, type saving } from '@layerwise/api';
import { isMap, show, type JsonMap } from '../config/json.js';
import { splitApiState } from './optimizer-state.js';
import type { HostTensor } from './tensors.js';

/**
 * The arguments each Keras 2.2.4 optimizer's constructor takes (keras/optimizers.py); any other
 * key makes Keras 2.2.4 raise 'Unexpected keyword argument', so only these are written.
 */
const KERAS_224_ARGS: Readonly<Record<string, readonly string[]>> = {
  SGD: ['lr', 'momentum', 'decay', 'nesterov'],
  RMSprop: ['lr', 'rho', 'epsilon', 'decay'],
  Adagrad: ['lr', 'epsilon', 'decay'],
  Adadelta: ['lr', 'rho', 'epsilon', 'decay'],
  Adam: ['lr', 'beta_1', 'beta_2', 'epsilon', 'decay', 'amsgrad'],
  Adamax: ['lr', 'beta_1', 'beta_2', 'epsilon', 'decay'],
  Nadam: ['lr', 'beta_1', 'beta_2', 'epsilon', 'schedule_decay'],
};
const CLIP = ['clipnorm', 'clipvalue'];

/** A layerwise optimizer config as Keras 2.2.4's `{ class_name, config }` ('learning_rate' -> 'lr'). */
export function keras2OptimizerConfig(raw: { class_name: string; config: JsonMap }, where: string): { class_name: string; config: JsonMap } {
  const args = KERAS_224_ARGS[raw.class_name];
  if (!args) throw new Error(`${where}: optimizer '${raw.class_name}' has no Keras 2 counterpart`);
  const config: JsonMap = {};
  for (const [key, value] of Object.entries(raw.config)) {
    const k = key === 'learning_rate' ? 'lr' : key;
    if (k === 'lr' && isMap(value)) throw new Error(`${where}: the learning rate is a schedule (${show(value)}); Keras 2 optimizers in an .h5 file take a number (save as .keras, or compile with a constant rate and decay)`);
    if (args.includes(k) || CLIP.includes(k)) config[k] = value;
    else if (k === 'decay' && value !== 0) throw new Error(`${where}: Keras 2.2.4's ${raw.class_name} has no 'decay' argument, but decay is ${show(value)}`);
  }
  return { class_name: raw.class_name, config };
}

/**
 * Layerwise's optimizer state in Keras 2.2.4's layout and names (what its optimizer.weights
 * holds after training): `[iterations] + ms + vs + vhats` for Adam, accumulators alone for
 * RMSprop/Adagrad/Adadelta, and so on; Keras's set_weights checks exactly this count.
 * An optimizer that never stepped has no weights in Keras, and none are written.
 */
export function keras2OptimizerWeights(tc: saving.TrainingConfig, state: readonly HostTensor[]): HostTensor[] {
  const opt = optimizers.deserializeOptimizer(tc.optimizer_config as { class_name: string; config: Record<string, unknown> });
  const { iterations, slots } = splitApiState(opt, state);
  if (slots.size === 0) return [];
  const name = opt.className;
  const n = [...slots.values()][0].length;
  const kinds: HostTensor[][] = opt.slotNames.map((s) => slots.get(s) ?? (s === 'vhat' ? Array.from({ length: n }, () => ({ name: '', shape: [1], data: new Float32Array(1) })) : []));
  const withIterations = !(opt instanceof optimizers.RMSprop || opt instanceof optimizers.Adagrad || opt instanceof optimizers.Adadelta);
  let v = 0;
  const out: HostTensor[] = withIterations ? [{ name: `${name}/iterations:0`, shape: [], data: new Int32Array([iterations]) }] : [];
  for (const group of kinds) {
    for (const t of group) out.push({ ...t, name: `training/${name}/Variable${v++ === 0 ? '' : `_${v - 1}`}:0` });
  }
  return out;
}
