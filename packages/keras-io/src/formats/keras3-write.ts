import { optimizers, type saving } from '@layerwise/api';
import { H5Writer } from '../hdf5/h5-writer.js';
import { writeZip } from '../zip/zip-write.js';
import { isMap, show, type Json, type JsonMap } from '../config/json.js';
import { leafClasses } from '../config/model-config.js';
import { decodeArtifacts } from './decode-artifacts.js';
import { splitApiState } from './optimizer-state.js';
import { keras3LayerPaths } from './keras3-read.js';
import { keras3Model, wrap } from './keras3-config.js';
import type { HostTensor } from './tensors.js';

/** The Keras 3 release whose `.keras` layout this writes. */
export const KERAS3_VERSION = '3.5.0';

/** Recurrent layers keep their weights in a cell object in Keras 3 (`layers/lstm/cell/vars`). */
const CELL_LAYERS = new Set(['SimpleRNN', 'LSTM', 'GRU', 'ConvLSTM1D', 'ConvLSTM2D', 'ConvLSTM3D']);

/** Keras 3's optimizer config; Keras 2's `decay` becomes the InverseTimeDecay schedule it is. */
function keras3Optimizer(raw: { class_name: string; config: JsonMap }, where: string): JsonMap {
  const config: JsonMap = { name: raw.class_name.toLowerCase() };
  const c = raw.config;
  let lr: Json = c.learning_rate ?? c.lr ?? null;
  if (isMap(lr)) lr = wrap('keras.optimizers.schedules', String(lr.class_name), lr.config ?? {});
  const decay = typeof c.decay === 'number' ? c.decay : 0;
  if (decay !== 0) {
    if (typeof lr !== 'number') throw new Error(`${where}: decay on top of a learning-rate schedule has no Keras 3 form`);
    lr = wrap('keras.optimizers.schedules', 'InverseTimeDecay', { initial_learning_rate: lr, decay_steps: 1, decay_rate: decay, staircase: false, name: 'InverseTimeDecay' });
  }
  Object.assign(config, {
    learning_rate: lr, weight_decay: null, clipnorm: c.clipnorm ?? null, global_clipnorm: null, clipvalue: c.clipvalue ?? null,
    use_ema: false, ema_momentum: 0.99, ema_overwrite_frequency: null, loss_scale_factor: null, gradient_accumulation_steps: null,
  });
  for (const [key, value] of Object.entries(c)) {
    if (['learning_rate', 'lr', 'decay', 'clipnorm', 'clipvalue'].includes(key)) continue;
    if (key === 'schedule_decay') {
      if (value !== 0.004) throw new Error(`${where}: Keras 3's Nadam fixes schedule_decay at 0.004, but this one is ${show(value)}`);
      continue;
    }
    config[key] = value;
  }
  if (raw.class_name === 'Adagrad') config.initial_accumulator_value = 0;
  if (raw.class_name === 'RMSprop') Object.assign(config, { momentum: 0, centered: false });
  return wrap('keras.optimizers', raw.class_name, config);
}

function keras3CompileConfig(tc: saving.TrainingConfig, where: string): JsonMap {
  return {
    optimizer: keras3Optimizer(tc.optimizer_config as unknown as { class_name: string; config: JsonMap }, where),
    loss: tc.loss as Json, loss_weights: (tc.loss_weights ?? null) as Json, metrics: (tc.metrics ?? null) as Json,
    weighted_metrics: (tc.weighted_metrics ?? null) as Json, run_eagerly: false, steps_per_execution: 1, jit_compile: false,
  };
}

/**
 * Keras 3's optimizer variables: iteration, learning_rate (when a number), Nadam's u_product,
 * then each trainable weight's slots side by side (m0, v0, m1, v1, ...), amsgrad's vhats last.
 */
function keras3OptimizerVars(tc: saving.TrainingConfig, state: readonly HostTensor[]): HostTensor[] {
  const opt = optimizers.deserializeOptimizer(tc.optimizer_config as { class_name: string; config: Record<string, unknown> });
  const { iterations, mSchedule, slots } = splitApiState(opt, state);
  const out: HostTensor[] = [{ name: 'iteration', shape: [], data: new Int32Array([iterations]) }];
  const lr = opt.learningRate;
  if (typeof lr === 'number' && opt.decay === 0) out.push({ name: 'learning_rate', shape: [], data: new Float32Array([lr]) });
  if (opt instanceof optimizers.Nadam) out.push({ name: 'u_product', shape: [], data: new Float32Array([mSchedule]) });
  const paired = [...slots.keys()].filter((k) => k !== 'vhat');
  const n = paired.length > 0 ? slots.get(paired[0])!.length : 0;
  for (let i = 0; i < n; i++) for (const k of paired) out.push(slots.get(k)![i]);
  out.push(...(slots.get('vhat') ?? []));
  return out;
}

function writeVars(h5: H5Writer, path: string, vars: readonly HostTensor[], name: string): void {
  h5.ensureGroup(`${path}/vars`);
  h5.stringAttr(`${path}/vars`, 'name', name);
  vars.forEach((t, i) => h5.dataset(`${path}/vars/${i}`, t.name === 'iteration' ? BigInt64Array.from(t.data, (x) => BigInt(x)) : t.data, t.shape));
}

/**
 * The `.keras` archive Keras 3's `model.save` writes: metadata.json, config.json (with the
 * compile config) and model.weights.h5 laid out as Keras 3's H5IOStore does.
 */
export async function writeKerasArchive(artifacts: saving.ModelArtifacts, where: string): Promise<Uint8Array> {
  const model = decodeArtifacts(artifacts, where);
  const config = keras3Model(model.modelConfig, where);
  if (model.trainingConfig) config.compile_config = keras3CompileConfig(model.trainingConfig, where);
  const classes = leafClasses(model.layers);
  const h5 = await H5Writer.create();
  let weightsFile: Uint8Array;
  try {
    for (const { name, path } of keras3LayerPaths(model.layers, 'layers')) {
      const vars = model.weights.filter((w) => w.name.startsWith(`${name}/`));
      if (vars.length === 0) continue;
      writeVars(h5, CELL_LAYERS.has(classes.get(name) ?? '') ? `${path}/cell` : path, vars, name);
    }
    if (model.trainingConfig) {
      const vars = keras3OptimizerVars(model.trainingConfig, model.optimizerState);
      writeVars(h5, 'optimizer', vars, model.trainingConfig.optimizer_config.class_name.toLowerCase());
    }
    h5.ensureGroup('vars');
    weightsFile = h5.finish();
  } catch (err) {
    h5.discard();
    throw err;
  }
  const enc = new TextEncoder();
  const now = new Date();
  const stamp = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}@${now.toTimeString().slice(0, 8)}`;
  return writeZip([
    { name: 'metadata.json', data: enc.encode(JSON.stringify({ keras_version: KERAS3_VERSION, date_saved: stamp })) },
    { name: 'config.json', data: enc.encode(JSON.stringify(config)) },
    { name: 'model.weights.h5', data: weightsFile },
  ], now);
}
