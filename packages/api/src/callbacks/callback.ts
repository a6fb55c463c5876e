import { optionKeys } from '@layerwise/data';
import type { Tensor } from '../tensor/tensor.js';
import type { Optimizer } from '../optimizers/optimizer.js';

export type Logs = Record<string, number>;

/** What callbacks may touch on the model being trained. */
export interface CallbackModel {
  stopTraining: boolean;
  optimizer: Optimizer | null;
  getWeights(): Tensor[];
  setWeights(weights: readonly Tensor[]): void;
  save(pathOrHandler: unknown): Promise<unknown>;
  /** Saves only the weights (ModelCheckpoint with saveWeightsOnly); optional. */
  saveWeights?(path: string): Promise<unknown>;
}

/** Hook methods, each optional; a plain object with some of them is accepted as a callback. */
export interface CallbackHooks {
  onTrainBegin?(logs?: Logs): void | Promise<void>;
  onTrainEnd?(logs?: Logs): void | Promise<void>;
  onEpochBegin?(epoch: number, logs?: Logs): void | Promise<void>;
  onEpochEnd?(epoch: number, logs?: Logs): void | Promise<void>;
  /** Keras 2 `on_batch_begin`: the same as onTrainBatchBegin. */
  onBatchBegin?(batch: number, logs?: Logs): void | Promise<void>;
  onBatchEnd?(batch: number, logs?: Logs): void | Promise<void>;
  onTrainBatchBegin?(batch: number, logs?: Logs): void | Promise<void>;
  onTrainBatchEnd?(batch: number, logs?: Logs): void | Promise<void>;
  onTestBegin?(logs?: Logs): void | Promise<void>;
  onTestEnd?(logs?: Logs): void | Promise<void>;
  onTestBatchBegin?(batch: number, logs?: Logs): void | Promise<void>;
  onTestBatchEnd?(batch: number, logs?: Logs): void | Promise<void>;
  onPredictBegin?(logs?: Logs): void | Promise<void>;
  onPredictEnd?(logs?: Logs): void | Promise<void>;
  onPredictBatchBegin?(batch: number, logs?: Logs): void | Promise<void>;
  onPredictBatchEnd?(batch: number, logs?: Logs): void | Promise<void>;
}

/** `params` as Keras sets them: epochs, steps, samples, verbose, doValidation, metrics. */
export interface CallbackParams {
  epochs: number;
  steps: number | null;
  samples: number | null;
  batchSize: number | null;
  verbose: 0 | 1 | 2;
  doValidation: boolean;
  metrics: string[];
  initialEpoch: number;
}

/** Base class with every Keras hook as a no-op. */
export class Callback implements CallbackHooks {
  model: CallbackModel | null = null;
  params: CallbackParams | null = null;

  setModel(model: CallbackModel): void {
    this.model = model;
  }

  setParams(params: CallbackParams): void {
    this.params = params;
  }

  onTrainBegin(_logs?: Logs): void | Promise<void> {}
  onTrainEnd(_logs?: Logs): void | Promise<void> {}
  onEpochBegin(_epoch: number, _logs?: Logs): void | Promise<void> {}
  onEpochEnd(_epoch: number, _logs?: Logs): void | Promise<void> {}
  onBatchBegin(_batch: number, _logs?: Logs): void | Promise<void> {}
  onBatchEnd(_batch: number, _logs?: Logs): void | Promise<void> {}
  onTrainBatchBegin(batch: number, logs?: Logs): void | Promise<void> {
    return this.onBatchBegin(batch, logs);
  }
  onTrainBatchEnd(batch: number, logs?: Logs): void | Promise<void> {
    return this.onBatchEnd(batch, logs);
  }
  onTestBegin(_logs?: Logs): void | Promise<void> {}
  onTestEnd(_logs?: Logs): void | Promise<void> {}
  onTestBatchBegin(_batch: number, _logs?: Logs): void | Promise<void> {}
  onTestBatchEnd(_batch: number, _logs?: Logs): void | Promise<void> {}
  onPredictBegin(_logs?: Logs): void | Promise<void> {}
  onPredictEnd(_logs?: Logs): void | Promise<void> {}
  onPredictBatchBegin(_batch: number, _logs?: Logs): void | Promise<void> {}
  onPredictBatchEnd(_batch: number, _logs?: Logs): void | Promise<void> {}
}

type HookName = keyof CallbackHooks;
type HookFn = (...a: unknown[]) => void | Promise<void>;

/** The hook names, in both spellings (Keras's `on_epoch_end` is `onEpochEnd`). */
const HOOKS = optionKeys<CallbackHooks>()([
  'onTrainBegin', 'onTrainEnd', 'onEpochBegin', 'onEpochEnd', 'onBatchBegin', 'onBatchEnd', 'onTrainBatchBegin',
  'onTrainBatchEnd', 'onTestBegin', 'onTestEnd', 'onTestBatchBegin', 'onTestBatchEnd', 'onPredictBegin', 'onPredictEnd',
  'onPredictBatchBegin', 'onPredictBatchEnd',
]);

/** Every property name of `c`, its own and its classes' (up to Callback or Object). */
function propertyNames(c: object): string[] {
  const names = new Set<string>();
  for (let o: object | null = c; o && o !== Callback.prototype && o !== Object.prototype; o = Object.getPrototypeOf(o) as object | null) {
    for (const k of Object.getOwnPropertyNames(o)) names.add(k);
  }
  return [...names];
}

/**
 * The function each hook calls on `c`: its camelCase method, or Keras's snake_case one
 * (`on_epoch_end`) where that is the one `c` defines. `where` names `c` in errors: a hook
 * spelled both ways, or (for a plain object) an `on...` key that names no hook.
 */
function hookTable(c: Callback | CallbackHooks, where: string): Partial<Record<HookName, HookFn>> {
  const table: Partial<Record<HookName, HookFn>> = {};
  const record = c as unknown as Record<string, unknown>;
  for (const name of propertyNames(c)) {
    if (!/^on[A-Z_]/.test(name)) continue;
    const hook = HOOKS.keyOf(name);
    if (hook === undefined) {
      // A Callback subclass may have other methods; a plain object's on... keys are meant as hooks.
      if (!(c instanceof Callback) && typeof record[name] === 'function') HOOKS.read({ [name]: undefined }, where);
      continue;
    }
    if (hook === name || typeof record[name] !== 'function') continue;
    const own = record[hook];
    if (typeof own === 'function' && !(c instanceof Callback && own === (Callback.prototype as unknown as Record<string, unknown>)[hook])) {
      throw new Error(`${where}: '${name}' and '${hook}' name the same hook; give one`);
    }
    table[hook] = record[name] as HookFn;
  }
  for (const hook of HOOKS.keys) {
    const fn = table[hook] ?? record[hook];
    if (typeof fn === 'function') table[hook] = fn as HookFn;
  }
  // Plain objects may use Keras 2's onBatchBegin/End names for training batches.
  if (!(c instanceof Callback)) {
    table.onTrainBatchBegin ??= table.onBatchBegin;
    table.onTrainBatchEnd ??= table.onBatchEnd;
  }
  return table;
}

/** Calls a hook on every callback in order, awaiting each (hooks may be async). */
export class CallbackList {
  private readonly tables: Partial<Record<HookName, HookFn>>[];

  constructor(readonly callbacks: readonly (Callback | CallbackHooks)[]) {
    this.tables = callbacks.map((c, i) => hookTable(c, `callbacks[${i}]`));
  }

  setModel(model: CallbackModel): void {
    for (const c of this.callbacks) if (c instanceof Callback) c.setModel(model);
  }

  setParams(params: CallbackParams): void {
    for (const c of this.callbacks) if (c instanceof Callback) c.setParams(params);
  }

  async call(hook: HookName, ...args: [number, Logs?] | [Logs?]): Promise<void> {
    for (let i = 0; i < this.callbacks.length; i++) {
      const fn = this.tables[i][hook];
      if (fn) await fn.apply(this.callbacks[i], args);
    }
  }
}

/** What `fit`'s `callbacks` takes: a list, or one callback (tfjs allows that). */
export type CallbacksArg = (Callback | CallbackHooks)[] | Callback | CallbackHooks;

/** The callbacks given to `fit` as a list (one callback becomes a list of one). */
export function callbackArray(callbacks: CallbacksArg | undefined, method: string): (Callback | CallbackHooks)[] {
  if (callbacks === undefined || callbacks === null) return [];
  const list = Array.isArray(callbacks) ? callbacks : [callbacks];
  list.forEach((c, i) => {
    const where = `${method}: ${Array.isArray(callbacks) ? `callbacks[${i}]` : "'callbacks'"}`;
    if (!isCallbackLike(c)) {
      throw new Error(`${where} is not a Callback or an object with hook methods (onEpochEnd, ...), got ${c === null ? 'null' : typeof c}`);
    }
    hookTable(c, where);
  });
  return list;
}

export function isCallbackLike(c: unknown): c is Callback | CallbackHooks {
  if (c instanceof Callback) return true;
  if (c === null || typeof c !== 'object') return false;
  return Object.values(c).some((v) => typeof v === 'function');
}
