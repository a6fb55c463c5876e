import type { Tensor } from '../tensor/tensor.js';
import type { LayerVariable } from '../layers/variable.js';
import type { Optimizer } from '../optimizers/optimizer.js';
import { Adam } from '../optimizers/adam.js';
import { Nadam } from '../optimizers/nadam.js';
import { SGD } from '../optimizers/sgd.js';
import { tensor, zeros } from '../ops/create.js';
import { fmtShape } from '../tensor/shape.js';
import { tfjsOptimizerForm, tfjsSlotName } from '../optimizers/tfjs-form.js';
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
 * compiled optimizer. Entries are matched by name, never by their order in the file: 'iter'
 * (and Nadam's 'm_schedule'), then each slot of each trainable weight as '<weight>/<slot>'
 * (<weight> being the name `savedNames` gives the variable in the file, as tfjs writes it) or
 * '<slot>/<i>' (the i-th trainable weight, as converters of Keras's positional optimizer
 * weights write it), a slot also under tfjs-core's name for it ('<weight>/rms'). An unknown, repeated or missing name is an error naming it; everything
 * is checked before anything changes.
 */
export async function restoreOptimizer(optimizer: Optimizer, saved: readonly HostWeight[], variables: readonly LayerVariable[],
  savedNames: ReadonlyMap<LayerVariable, string>, where: string): Promise<void> {
  if (saved.length === 0) return;
  const byName = new Map<string, HostWeight>();
  for (const w of saved) {
    if (byName.has(w.spec.name)) throw new Error(`${where}: the weights manifest names optimizer weight '${w.spec.name}' twice`);
    byName.set(w.spec.name, w);
  }
  const head = headNames(optimizer);
  const omitted = omittedSlots(optimizer);
  const kept = optimizer.slotNames.filter((s) => !omitted.includes(s));
  const names = (slot: string, i: number): [string, string] => [`${savedNames.get(variables[i]) ?? variables[i].name}/${slot}`, `${slot}/${i}`];
  const list = (items: readonly string[]): string => items.map((n) => `'${n}'`).join(', ');
  const known = new Set(head);
  // tfjs's RMSProp saves momentum slots an RMSprop without momentum does not read: dropped.
  const dropped = optimizer.className === 'RMSprop' && !kept.includes('momentum') ? ['momentum'] : [];
  for (const slot of dropped) variables.forEach((_, i) => names(slot, i).forEach((n) => known.add(n)));
  const found = new Map<string, HostWeight>();
  const missing: string[] = [];
  for (const slot of kept) {
    variables.forEach((v, i) => {
      const [byWeight, byIndex] = names(slot, i);
      const tfjsSlot = tfjsSlotName(optimizer, slot);
      const byTfjsName = tfjsSlot === null ? null : names(tfjsSlot, i)[0];
      known.add(byWeight).add(byIndex);
      if (byTfjsName !== null) known.add(byTfjsName);
      const a = byName.get(byWeight) ?? (byTfjsName === null ? undefined : byName.get(byTfjsName));
      const b = byName.get(byIndex);
      if (a && b) throw new Error(`${where}: the ${optimizer.className} state gives slot '${slot}' of '${v.name}' twice, as '${byWeight}' and '${byIndex}'`);
      if (a ?? b) found.set(`${slot}/${i}`, (a ?? b)!);
      else missing.push(byWeight);
    });
  }
  const unknown = saved.map((w) => w.spec.name).filter((n) => !known.has(n));
  if (unknown.length > 0) {
    const expected = kept.flatMap((slot) => variables.map((_, i) => names(slot, i)[0]));
    throw new Error(`${where}: optimizer weight(s) ${list(unknown)} match no ${optimizer.className} state of this model; expected ${list(head)}${expected.length > 0 ? ` and ${list(expected)}` : ''}`);
  }
  const missingHead = head.filter((n) => !byName.has(n));
  if (missingHead.length > 0) throw new Error(`${where}: the ${optimizer.className} state has no ${list(missingHead)}`);
  for (const n of head) {
    const w = byName.get(n)!;
    if (w.data.length !== 1) throw new Error(`${where}: optimizer weight '${n}' must be a scalar, got shape ${fmtShape(w.spec.shape)}`);
  }
  if (found.size === 0 && missing.length > 0) {
    // No slots yet: only a model saved before its first training step.
    const count = byName.get(head[0])!.data[0];
    if (count !== 0) throw new Error(`${where}: the optimizer state has iterations = ${count} but no slot values (${list(missing.slice(0, 3))}${missing.length > 3 ? ', ...' : ''} are missing)`);
    return;
  }
  if (missing.length > 0) throw new Error(`${where}: the ${optimizer.className} state has no ${list(missing)}`);
  for (const slot of kept) {
    variables.forEach((v, i) => {
      const w = found.get(`${slot}/${i}`)!;
      if (w.spec.shape.join(',') !== v.shape.join(',') || w.spec.dtype !== v.dtype) {
        throw new Error(`${where}: optimizer weight '${w.spec.name}' is ${w.spec.dtype} of shape ${fmtShape(w.spec.shape)}, but trainable weight '${v.name}' is ${v.dtype} of shape ${fmtShape(v.shape)}`);
      }
    });
  }
  const made: Tensor[] = [];
  const upload = (w: HostWeight): Tensor => {
    const t = tensor(w.data, w.spec.shape.slice(), w.spec.dtype);
    made.push(t);
    return t;
  };
  try {
    const values: Tensor[] = head.map((n) => upload(byName.get(n)!));
    for (const slot of optimizer.slotNames) {
      variables.forEach((v, i) => {
        if (kept.includes(slot)) {
          values.push(upload(found.get(`${slot}/${i}`)!));
        } else {
          const z = omittedValue(optimizer, slot, v);
          made.push(z);
          values.push(z);
        }
      });
    }
    await optimizer.setWeights(values, variables);
  } finally {
    for (const t of made) t.dispose();
  }
}
