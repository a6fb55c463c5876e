import { optimizers } from '@layerwise/api';
import { fmt, sizeOf, type HostTensor } from './tensors.js';

/** How a Keras version lays out optimizer weights. */
export type OptimizerLayout = 'keras2' | 'tf.keras' | 'keras3';

/**
 * Slots layerwise leaves out of saved state (as the api's saving/optimizer-state.ts does, so
 * tfjs can read the files): Adam's shape-[1] vhat placeholders without amsgrad, and SGD's
 * momentum buffers when momentum is 0.
 */
export function omittedSlots(opt: optimizers.Optimizer): string[] {
  if (opt instanceof optimizers.Adam && !opt.amsgrad) return ['vhat'];
  if (opt instanceof optimizers.SGD && opt.momentum === 0) return ['momentum'];
  return [];
}

/** Each Keras version's name for layerwise's slots, where it differs. */
const TF_KERAS_SLOTS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  Adam: { m: 'm', v: 'v', vhat: 'vhat' }, Adamax: { m: 'm', v: 'u' }, Nadam: { m: 'm', v: 'v' },
  SGD: { momentum: 'momentum' }, RMSprop: { rms: 'accumulator' }, Adagrad: { accumulator: 'accumulator' },
  Adadelta: { accum_grad: 'accumulator', accum_var: 'delta_accumulator' },
};

const sameShapes = (a: readonly HostTensor[], b: readonly HostTensor[]): boolean =>
  a.length === b.length && a.every((t, i) => fmt(t.shape) === fmt(b[i].shape));

/** Whether Adam's slots split as ms + vs + vhats (vhats shaped like ms, or [1] placeholders). */
function looksLikeAdamWithVhats(rest: readonly HostTensor[]): boolean {
  if (rest.length % 3 !== 0) return false;
  const n = rest.length / 3;
  const [m, v, vhat] = [rest.slice(0, n), rest.slice(n, 2 * n), rest.slice(2 * n)];
  return sameShapes(m, v) && (sameShapes(m, vhat) || vhat.every((t) => sizeOf(t.shape) === 1));
}

const isScalar = (t: HostTensor): boolean => t.shape.length === 0 || (t.shape.length === 1 && t.shape[0] === 1 && /iter/.test(t.name));

function headOf(opt: optimizers.Optimizer, iterations: number, mSchedule: number | null): HostTensor[] {
  const head: HostTensor[] = [{ name: 'iter', shape: [], data: new Int32Array([iterations]) }];
  if (opt instanceof optimizers.Nadam) head.push({ name: 'm_schedule', shape: [], data: new Float32Array([mSchedule ?? 1]) });
  return head;
}

/** Splits `slots` (kind-major: every variable's first kind, then the second, ...) into groups of `kinds`. */
function groupsOf(slots: HostTensor[], kinds: number, where: string, className: string): HostTensor[][] {
  if (kinds === 0 || slots.length % kinds !== 0) throw new Error(`${where}: ${slots.length} ${className} slot weights cannot be ${kinds} per trainable weight`);
  const n = slots.length / kinds;
  return Array.from({ length: kinds }, (_, k) => slots.slice(k * n, (k + 1) * n));
}

function apiState(opt: optimizers.Optimizer, iterations: number, mSchedule: number | null, byKind: Map<string, HostTensor[]>, where: string): HostTensor[] {
  const out = headOf(opt, iterations, mSchedule);
  const omitted = omittedSlots(opt);
  const kept = opt.slotNames.filter((s) => !omitted.includes(s));
  const counts = new Set(kept.map((s) => byKind.get(s)?.length ?? 0));
  if (kept.length > 0 && byKind.size === 0) return out;
  if (counts.size !== 1) throw new Error(`${where}: the ${opt.className} state has ${kept.map((s) => `${byKind.get(s)?.length ?? 0} '${s}'`).join(', ')} slot weights; each kind needs one per trainable weight`);
  for (const s of kept) out.push(...byKind.get(s)!.map((t, i) => ({ ...t, name: `${s}/${i}` })));
  return out;
}

/**
 * Keras's saved optimizer weights in layerwise's order (iterations, Nadam's m_schedule, then
 * every trainable weight's slot of each kind), which the api's loader restores and checks
 * against the model's trainable weights. Keras 2.2 RMSprop, Adagrad and Adadelta save no
 * iteration count; Keras itself restarts it at 0 on load, and so does this.
 */
export function toApiOptimizerState(opt: optimizers.Optimizer, saved: readonly HostTensor[], layout: OptimizerLayout, hasLearningRateVariable: boolean, where: string): HostTensor[] {
  if (saved.length === 0) return [];
  const here = `${where}: optimizer_weights`;
  let iterations = 0;
  let mSchedule: number | null = null;
  const byKind = new Map<string, HostTensor[]>();
  const add = (kind: string, t: HostTensor): void => {
    byKind.set(kind, [...(byKind.get(kind) ?? []), t]);
  };
  const count = (t: HostTensor): number => {
    if (sizeOf(t.shape) !== 1) throw new Error(`${here}: '${t.name}' should be the iteration count but has shape ${fmt(t.shape)}`);
    const c = t.data[0];
    if (!Number.isInteger(c) || c < 0) throw new Error(`${here}: the iteration count '${t.name}' is ${c}`);
    return c;
  };
  if (layout === 'keras2') {
    const rest = saved.slice();
    if (rest.length > 0 && isScalar(rest[0])) iterations = count(rest.shift()!);
    const kinds = opt.slotNames.slice();
    // Keras 2.0-2.1.1 Adam keeps ms + vs; later versions add vhats (shape [1] without amsgrad).
    const fileKinds = opt instanceof optimizers.Adam && !looksLikeAdamWithVhats(rest) ? ['m', 'v'] : kinds;
    groupsOf(rest, fileKinds.length, here, opt.className).forEach((g, k) => g.forEach((t) => add(fileKinds[k], t)));
  } else if (layout === 'tf.keras') {
    const slotNames = TF_KERAS_SLOTS[opt.className] ?? {};
    for (const t of saved) {
      const parts = t.name.replace(/:\d+$/, '').split('/');
      const last = parts[parts.length - 1];
      if (last === 'iter' || last === 'iteration' || last === 'iterations') iterations = count(t);
      else if (last === 'momentum_cache') mSchedule = t.data[0];
      else if (parts.length >= 3 && last in slotNames) add(slotNames[last], t);
      else if (parts.length >= 3 && parts[1] in slotNames) add(slotNames[parts[1]], t);
      else if (parts.length >= 2 && parts[0] in slotNames) add(slotNames[parts[0]], t);
      else if (parts.length <= 2 && sizeOf(t.shape) === 1) continue; // a hyperparameter (beta_1, decay, ...) the config already gives
      else throw new Error(`${here}: '${t.name}' is not a ${opt.className} slot layerwise knows (${Object.keys(slotNames).join(', ')})`);
    }
  } else {
    const head = 1 + (hasLearningRateVariable ? 1 : 0) + (opt instanceof optimizers.Nadam ? 1 : 0);
    if (saved.length < head) throw new Error(`${here}: ${saved.length} optimizer variables, fewer than the ${head} a Keras 3 ${opt.className} starts with`);
    iterations = count(saved[0]);
    if (opt instanceof optimizers.Nadam) mSchedule = saved[head - 1].data[0];
    const kinds = opt.slotNames.filter((s) => !omittedSlots(opt).includes(s));
    const rest = saved.slice(head);
    // Keras 3 interleaves a variable's slots (m0, v0, m1, v1, ...); amsgrad's vhats come after all of them.
    const paired = kinds.filter((k) => k !== 'vhat');
    const vhats = kinds.includes('vhat') ? rest.length / (paired.length + 1) : 0;
    const inter = rest.slice(0, rest.length - vhats);
    if (paired.length > 0 && inter.length % paired.length !== 0) throw new Error(`${here}: ${rest.length} slot variables do not divide among ${kinds.join(', ')}`);
    inter.forEach((t, i) => add(paired[i % paired.length], t));
    rest.slice(rest.length - vhats).forEach((t) => add('vhat', t));
  }
  if (opt instanceof optimizers.Adam && !opt.amsgrad) byKind.delete('vhat');
  return apiState(opt, iterations, mSchedule, byKind, here);
}

/** Layerwise's saved state (head, then kept slots kind-major) split into its parts. */
export function splitApiState(opt: optimizers.Optimizer, state: readonly HostTensor[]): { iterations: number; mSchedule: number; slots: Map<string, HostTensor[]> } {
  const head = opt instanceof optimizers.Nadam ? 2 : 1;
  const iterations = state.length > 0 ? state[0].data[0] : 0;
  const mSchedule = opt instanceof optimizers.Nadam && state.length > 1 ? state[1].data[0] : 1;
  const kept = opt.slotNames.filter((s) => !omittedSlots(opt).includes(s));
  const slots = new Map<string, HostTensor[]>();
  const rest = state.slice(head);
  if (rest.length > 0) {
    const n = rest.length / kept.length;
    kept.forEach((s, k) => slots.set(s, rest.slice(k * n, (k + 1) * n)));
  }
  return { iterations, mSchedule, slots };
}
