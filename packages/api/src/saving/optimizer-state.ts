import type { Tensor } from '../tensor/tensor.js';
import type { LayerVariable } from '../layers/variable.js';
import type { Optimizer } from '../optimizers/optimizer.js';
import { Adam } from '../optimizers/adam.js';
import { Nadam } from '../optimizers/nadam.js';
import { SGD } from '../optimizers/sgd.js';
import { tensor, zeros } from '../ops/create.js';
import { fmtShape } from '../tensor/shape.js';
import { tfjsOptimizerForm } from '../optimizers/tfjs-form.js';
import type { HostWeight } from './weight-data.js';

/**
 * Slots that hold no state worth saving, left out so tfjs-layers can read the file: tfjs's
 * Adam keeps only m and v (Keras 2's `vhat` is a shape-[1] placeholder without amsgrad), and
 * tfjs's SGD keeps nothing (with momentum 0 the velocity is overwritten before it is read).
 */
function omittedSlots(optimizer: Optimizer): string[] {
  if (optimizer instanceof Adam && !optimizer.amsgrad) return ['vhat'];
  if (optimizer instanceof SGD && optimizer.momentum === 0) return ['momentum'];
  return [];
}

/** A zero value for an omitted slot: the shape the optimizer itself gives it. */
function omittedValue(optimizer: Optimizer, slot: string, variable: LayerVariable): Tensor {
  return optimizer instanceof Adam && slot === 'vhat' ? zeros([1]) : zeros(variable.shape);
}

/** Slots tfjs's equal keeps beyond ours (RMSProp's momentum), saved as zeros after ours. */
function extraSlots(optimizer: Optimizer): readonly string[] {
  return tfjsOptimizerForm(optimizer)?.extraSlots ?? [];
}

function headNames(optimizer: Optimizer): string[] {
  // 'iter' is tfjs's name for the iteration count; Nadam's momentum schedule follows it, as in Keras 2.
  return optimizer instanceof Nadam ? ['iter', 'm_schedule'] : ['iter'];
}

/**
 * The optimizer's state, named as tfjs names it ('iter', '<weight>/<slot>'), for saving.
 * `savedNames` are the names the variables are saved under. The caller disposes the tensors.
 */
export function optimizerWeights(optimizer: Optimizer, variables: readonly LayerVariable[], savedNames: ReadonlyMap<LayerVariable, string>): { name: string; tensor: Tensor }[] {
  const all = optimizer.getWeights();
  const head = headNames(optimizer);
  const slots = all.slice(head.length);
  const named: { name: string; tensor: Tensor }[] = head.map((name, i) => ({ name, tensor: all[i] }));
  if (slots.length === 0) return named;
  const perGroup = slots.length / optimizer.slotNames.length;
  if (perGroup !== variables.length) {
    for (const t of all) t.dispose();
    throw new Error(`save: the optimizer holds state for ${perGroup} variables but the model has ${variables.length} trainable weights (was a layer frozen after training?); save with { includeOptimizer: false }`);
  }
  const omitted = omittedSlots(optimizer);
  optimizer.slotNames.forEach((slot, j) => {
    variables.forEach((v, i) => {
      const t = slots[j * perGroup + i];
      if (omitted.includes(slot)) t.dispose();
      else named.push({ name: `${savedNames.get(v) ?? v.name}/${slot}`, tensor: t });
    });
  });
  for (const slot of extraSlots(optimizer)) {
    for (const v of variables) named.push({ name: `${savedNames.get(v) ?? v.name}/${slot}`, tensor: zeros(v.shape) });
  }
  return named;
}

/**
 * Restores state saved by optimizerWeights (or by tfjs-layers for Adam and SGD) into a freshly
 * compiled optimizer. Counts and shapes are checked before anything changes.
 */
export async function restoreOptimizer(optimizer: Optimizer, saved: readonly HostWeight[], variables: readonly LayerVariable[], where: string): Promise<void> {
  if (saved.length === 0) return;
  const head = headNames(optimizer);
  const kept = optimizer.slotNames.filter((s) => !omittedSlots(optimizer).includes(s));
  const withSlots = head.length + kept.length * variables.length;
  // tfjs's RMSProp adds its momentum slots (not read by an RMSprop without momentum): dropped.
  const extra = optimizer.className === 'RMSprop' ? ['momentum'] : [];
  const withExtra = withSlots + extra.length * variables.length;
  if (saved.length !== head.length && saved.length !== withSlots && saved.length !== withExtra) {
    throw new Error(`${where}: ${saved.length} optimizer weights for ${optimizer.className}, expected ${head.length} (${head.join(', ')}) or ${withSlots} (${head.join(', ')}, then ${kept.join(', ')} for each of ${variables.length} trainable weights)${extra.length ? ` or ${withExtra} (then also tfjs's ${extra.join(', ')})` : ''}`);
  }
  if (saved.length === withExtra && extra.length > 0) saved = saved.slice(0, withSlots);
  if (saved.length === head.length && kept.length > 0) {
    // No slots yet: only a model saved before its first training step.
    const count = saved[0].data[0];
    if (count !== 0) throw new Error(`${where}: the optimizer state has iterations = ${count} but no slot values`);
    return;
  }
  saved.slice(head.length).forEach((w, k) => {
    const v = variables[k % variables.length];
    if (w.spec.shape.join(',') !== v.shape.join(',')) {
      throw new Error(`${where}: optimizer weight '${w.spec.name}' has shape ${fmtShape(w.spec.shape)}, but trainable weight '${v.name}' has ${fmtShape(v.shape)}`);
    }
  });
  const made: Tensor[] = [];
  const upload = (w: HostWeight): Tensor => {
    const t = tensor(w.data, w.spec.shape.slice(), w.spec.dtype);
    made.push(t);
    return t;
  };
  try {
    const values: Tensor[] = saved.slice(0, head.length).map(upload);
    let next = head.length;
    for (const slot of optimizer.slotNames) {
      for (const v of variables) {
        if (kept.includes(slot)) {
          values.push(upload(saved[next++]));
        } else {
          const z = omittedValue(optimizer, slot, v);
          made.push(z);
          values.push(z);
        }
      }
    }
    await optimizer.setWeights(values, variables);
  } finally {
    for (const t of made) t.dispose();
  }
}
