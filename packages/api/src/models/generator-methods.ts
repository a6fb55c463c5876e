import { optionKeys } from '@layerwise/data';
import { createBatchSource, isSequence, Dataset, type BatchSource, type SequenceLike, type SequenceSpec } from '@layerwise/data';
import type { Tensor } from '../tensor/tensor.js';
import { Tensor as TensorClass } from '../tensor/tensor.js';
import type { TensorLike } from '../ops/create.js';
import { History } from '../callbacks/history.js';
import { CallbackList, type Callback, type CallbackHooks, type CallbacksArg, type CallbackParams, type Logs } from '../callbacks/callback.js';
import { progressCallback } from '../callbacks/progress.js';
import type { Compiled } from '../training/compiled.js';
import type { PerName } from '../training/named-arrays.js';
import { isNameRecord, isSingleArray } from '../training/named-arrays.js';
import type { ClassWeight } from '../training/standardize-data.js';
import { ArrayProvider } from '../training/array-provider.js';
import { evaluateLoop, fitLoop, type BatchProvider } from '../training/loop.js';
import { GeneratorExhaustedError, GeneratorProvider } from '../training/generator-provider.js';
import { toHostTensor, type DataArray } from '../training/host-data.js';
import { predictLoop } from '../training/predict-loop.js';
import type { HostBatch, StepModel } from '../training/step.js';
import type { TrainingModel } from '../training/loop.js';
import { rng } from '../ops/random.js';
import { checkSignal, RunSignal } from '../training/run-signal.js';

/** Anything the generator methods pull batches from. */
export type GeneratorInput =
  | Iterator<unknown> | AsyncIterator<unknown> | Iterable<unknown> | AsyncIterable<unknown>
  | (() => Iterator<unknown> | AsyncIterator<unknown>)
  | Dataset<unknown> | SequenceLike<unknown> | SequenceSpec;

interface QueueArgs {
  maxQueueSize?: number;
  workers?: number;
  useMultiprocessing?: boolean;
  /**
   * Ends the run, even one waiting for a batch: it rejects with the signal's reason and the
   * model stays usable (each training step is applied whole or not at all).
   */
  signal?: AbortSignal;
  /**
   * Milliseconds one batch (a Sequence's getItem, a generator's next()) may take. Over it
   * the run fails with an ItemTimeoutError naming the item, and the worker thread that ran
   * it (with useMultiprocessing) is terminated. Default: no limit.
   */
  itemTimeout?: number;
}

export interface FitGeneratorArgs extends QueueArgs {
  stepsPerEpoch?: number;
  epochs?: number;
  verbose?: 0 | 1 | 2;
  /** A list of callbacks, or one (tfjs allows a single object). */
  callbacks?: CallbacksArg;
  /** Arrays `[x, y]` / `[x, y, sampleWeight]` (each part as fit takes it), or a generator, Dataset or Sequence. */
  validationData?: [PerName<TensorLike>, PerName<TensorLike>] | [PerName<TensorLike>, PerName<TensorLike>, PerName<TensorLike>] | GeneratorInput;
  validationSteps?: number;
  classWeight?: ClassWeight | Record<string, ClassWeight>;
  /** Reorder a Sequence's batches each epoch (generators are not reordered). */
  shuffle?: boolean;
  initialEpoch?: number;
  seed?: number;
  /** Batch size for array validationData. */
  batchSize?: number;
  /** Accept NaN and +-Infinity in x and y (by default they are an error naming the first one). */
  allowNonFinite?: boolean;
}

export interface EvaluateGeneratorArgs extends QueueArgs {
  steps?: number;
  verbose?: 0 | 1 | 2;
  /** Accept NaN and +-Infinity in x and y (by default they are an error naming the first one). */
  allowNonFinite?: boolean;
}

export interface PredictGeneratorArgs extends QueueArgs {
  steps?: number;
  verbose?: 0 | 1 | 2;
}

/** The parts of Model the generator methods use. */
export interface GeneratorHost {
  model: TrainingModel & StepModel;
  /** How many inputs the model takes (to tell a yielded list of inputs from an [x, y] tuple). */
  inputCount(): number;
  requireCompiled(method: string): Compiled;
  standardize(method: string, x: PerName<TensorLike>, y: PerName<TensorLike> | undefined, w: PerName<TensorLike> | undefined,
    classWeight: ClassWeight | Record<string, ClassWeight> | undefined, allowNonFinite: boolean): Promise<HostBatch & { n: number; compiled: Compiled }>;
  callbackList(callbacks: CallbacksArg | undefined, verbose: 0 | 1 | 2, extra: (Callback | CallbackHooks)[]): CallbackList;
  asResult(compiled: Compiled, logs: Logs): number | number[];
  /** The inputs of a batch on the host, checked (building a Sequential from them first). */
  hostInputs(method: string, x: PerName<TensorLike>): Promise<DataArray[]>;
  setHistory(h: History): void;
  /** The running fit's RunSignal (null once it ends), which `stopTraining = true` stops. */
  setRun(run: RunSignal | null): void;
}

function checkCount(method: string, name: string, v: number | undefined): void {
  if (v !== undefined && (!Number.isInteger(v) || v < 1)) throw new Error(`${method}: '${name}' must be a positive integer, got ${v}`);
}

function isGeneratorInput(v: unknown): v is GeneratorInput {
  if (v instanceof Dataset || isSequence(v)) return true;
  if (typeof v === 'function') return true;
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string | symbol, unknown>;
    if ('moduleUrl' in o) return true;
    // An array counts as an iterable of batches.
    return typeof o.next === 'function' || typeof o[Symbol.asyncIterator] === 'function' || typeof o[Symbol.iterator] === 'function';
  }
  return false;
}

async function openSource(method: string, generator: GeneratorInput, args: QueueArgs & { shuffle?: boolean; seed?: number },
  steps: number | undefined, run: RunSignal): Promise<BatchSource<unknown>> {
  if (!isGeneratorInput(generator)) {
    throw new Error(`${method}: expected a generator, iterator, iterable of batches, Dataset or Sequence, got ${generator === null ? 'null' : typeof generator}`);
  }
  checkCount(method, 'maxQueueSize', args.maxQueueSize);
  checkCount(method, 'workers', args.workers);
  return createBatchSource<unknown>(generator as never, {
    maxQueueSize: args.maxQueueSize ?? 10,
    workers: args.workers ?? 1,
    useMultiprocessing: args.useMultiprocessing ?? false,
    shuffle: args.shuffle ?? false,
    seed: args.seed ?? rng().nextUint32(),
    steps,
    itemTimeout: args.itemTimeout,
    signal: run.signal,
  });
}

/** A yielded value as host data (each array of a list or record too); Tensors the generator made are freed once copied. */
async function hostOf(v: unknown, what: string): Promise<PerName<TensorLike>> {
  if (v instanceof TensorClass) {
    const h = await toHostTensor(v, what);
    v.dispose();
    return h;
  }
  if (Array.isArray(v) && v.some((e) => e instanceof TensorClass)) {
    return Promise.all(v.map((e, i) => hostOf(e, `${what}[${i}]`))) as Promise<TensorLike[]>;
  }
  if (isNameRecord(v)) {
    const out: Record<string, TensorLike> = {};
    for (const [k, e] of Object.entries(v)) out[k] = (await hostOf(e, `${what}.${k}`)) as TensorLike;
    return out;
  }
  return v as TensorLike;
}

function tupleOf(method: string, item: unknown): unknown[] {
  if (!Array.isArray(item) || (item.length !== 2 && item.length !== 3)) {
    throw new Error(`${method}: the generator must yield [x, y] or [x, y, sampleWeight], got ${Array.isArray(item) ? `an array of length ${item.length}` : typeof item}`);
  }
  return item;
}

function toBatchConverter(host: GeneratorHost, method: string, allowNonFinite: boolean, classWeight?: ClassWeight | Record<string, ClassWeight>) {
  return async (item: unknown): Promise<HostBatch> => {
    const [x, y, w] = tupleOf(method, item);
    const data = await host.standardize(method, await hostOf(x, `${method}: yielded x`), await hostOf(y, `${method}: yielded y`),
      w === undefined || w === null ? undefined : await hostOf(w, `${method}: yielded sampleWeight`), classWeight, allowNonFinite);
    return { xs: data.xs, ys: data.ys, ws: data.ws };
  };
}

/** Steps an epoch: given, else a Sequence's length; a plain generator must be told. */
function resolveSteps(method: string, name: string, source: BatchSource<unknown>, given: number | undefined, required: boolean): number | null {
  if (given !== undefined) return given;
  if (source.stepsPerEpoch !== undefined) return source.stepsPerEpoch;
  if (required) throw new Error(`${method}: '${name}' is required for a generator that has no length (use a Sequence, or give ${name})`);
  return null;
}

export async function runFitGenerator(host: GeneratorHost, generator: GeneratorInput, args: FitGeneratorArgs): Promise<History> {
  const method = 'fitGenerator';
  host.requireCompiled(method);
  const epochs = args.epochs ?? 1;
  const initialEpoch = args.initialEpoch ?? 0;
  const verbose = args.verbose ?? 1;
  checkCount(method, 'stepsPerEpoch', args.stepsPerEpoch);
  checkCount(method, 'validationSteps', args.validationSteps);
  if (!Number.isInteger(epochs) || epochs < 0) throw new Error(`${method}: 'epochs' must be an integer >= 0, got ${epochs}`);
  if (!Number.isInteger(initialEpoch) || initialEpoch < 0) throw new Error(`${method}: 'initialEpoch' must be an integer >= 0, got ${initialEpoch}`);
  if (verbose !== 0 && verbose !== 1 && verbose !== 2) throw new Error(`${method}: 'verbose' must be 0, 1 or 2, got ${verbose}`);
  const run = new RunSignal(checkSignal(method, args.signal));
  const closers: (() => Promise<void>)[] = [async () => run.dispose()];
  const history = new History();
  try {
    const source = await openSource(method, generator, { ...args, shuffle: args.shuffle ?? true }, args.stepsPerEpoch, run);
    closers.unshift(() => source.close());
    host.setHistory(history);
    host.setRun(run);
    const steps = resolveSteps(method, 'stepsPerEpoch', source, args.stepsPerEpoch, !(generator instanceof Dataset));
    // The model may be built by the first batch, which can refine the compiled metrics.
    const train = new GeneratorProvider(method, source, steps, toBatchConverter(host, method, args.allowNonFinite ?? false, args.classWeight));
    let validation: BatchProvider | null = null;
    const v = args.validationData;
    if (v !== undefined && v !== null) {
      if (Array.isArray(v)) {
        if (v.length !== 2 && v.length !== 3) throw new Error(`${method}: 'validationData' must be [x, y], [x, y, sampleWeight] or a generator`);
        const data = await host.standardize(method, v[0], v[1], v[2], undefined, args.allowNonFinite ?? false);
        validation = new ArrayProvider(data, args.batchSize ?? 32, false, rng(0), args.validationSteps ?? null);
      } else {
        const vSource = await openSource(method, v, { maxQueueSize: args.maxQueueSize, workers: args.workers, useMultiprocessing: args.useMultiprocessing, itemTimeout: args.itemTimeout },
          args.validationSteps, run);
        closers.unshift(() => vSource.close());
        const vSteps = resolveSteps(method, 'validationSteps', vSource, args.validationSteps, !(v instanceof Dataset));
        validation = new GeneratorProvider(method, vSource, vSteps, toBatchConverter(host, method, args.allowNonFinite ?? false));
      }
    }
    const callbacks = host.callbackList(args.callbacks, verbose, [history]);
    const names = host.requireCompiled(method).metricsNames;
    const params: CallbackParams = {
      epochs, initialEpoch, verbose, batchSize: null, steps, samples: null, doValidation: validation !== null,
      metrics: [...names, ...(validation ? names.map((n) => `val_${n}`) : [])],
    };
    callbacks.setParams(params);
    await fitLoop(host.model, host.requireCompiled(method), { epochs, initialEpoch, callbacks, train, validation, run });
    return history;
  } catch (err) {
    if (err instanceof GeneratorExhaustedError) err.history = history;
    throw err;
  } finally {
    host.setRun(null);
    for (const close of closers) await close();
  }
}

export async function runEvaluateGenerator(host: GeneratorHost, generator: GeneratorInput, args: EvaluateGeneratorArgs): Promise<number | number[]> {
  const method = 'evaluateGenerator';
  host.requireCompiled(method);
  checkCount(method, 'steps', args.steps);
  const run = new RunSignal(checkSignal(method, args.signal));
  let source: BatchSource<unknown> | null = null;
  try {
    source = await openSource(method, generator, args, args.steps, run);
    const steps = resolveSteps(method, 'steps', source, args.steps, !(generator instanceof Dataset));
    const provider = new GeneratorProvider(method, source, steps, toBatchConverter(host, method, args.allowNonFinite ?? false));
    const verbose = args.verbose ?? 0;
    const progress = progressCallback(verbose, 'evaluate');
    const callbacks = progress ? new CallbackList([progress]) : null;
    const compiled = host.requireCompiled(method);
    callbacks?.setParams({ epochs: 1, initialEpoch: 0, verbose, batchSize: null, steps, samples: null, doValidation: false, metrics: compiled.metricsNames });
    const logs = await evaluateLoop(host.model, compiled, provider, callbacks, 0, run);
    return host.asResult(host.requireCompiled(method), logs);
  } finally {
    run.dispose();
    await source?.close();
  }
}

/**
 * The x of a yielded item: x alone, or the first entry of [x], [x, y] or [x, y, w]. For one
 * input, the item is a tuple when its first entry is a Tensor or `{ data, shape }` (not
 * nested numbers); for several, when its first entry is a record by input name or a list
 * of one such array per input.
 */
function xOf(item: unknown, inputs: number): unknown {
  if (!Array.isArray(item) || item.length < 1 || item.length > 3) return item;
  const first = item[0];
  if (inputs === 1) return isSingleArray(first) ? first : item;
  if (isNameRecord(first)) return first;
  return Array.isArray(first) && first.length === inputs && first.every(isSingleArray) ? first : item;
}

export async function runPredictGenerator(host: GeneratorHost, generator: GeneratorInput, args: PredictGeneratorArgs): Promise<Tensor[]> {
  const method = 'predictGenerator';
  checkCount(method, 'steps', args.steps);
  const run = new RunSignal(checkSignal(method, args.signal));
  let source: BatchSource<unknown> | null = null;
  try {
    source = await openSource(method, generator, args, args.steps, run);
    const steps = resolveSteps(method, 'steps', source, args.steps, !(generator instanceof Dataset));
    const provider = new GeneratorProvider(method, source, steps, async (item) => {
      const xs = await host.hostInputs(method, await hostOf(xOf(item, host.inputCount()), `${method}: yielded x`));
      return { xs, ys: [], ws: [] };
    });
    async function* xs() {
      for await (const batch of provider.batches(0)) yield batch.xs;
    }
    return await predictLoop(host.model, xs(), `${method}: the generator yielded no batches`, run);
  } finally {
    run.dispose();
    await source?.close();
  }
}

const QUEUE_OPTIONS = optionKeys<QueueArgs>()(['maxQueueSize', 'workers', 'useMultiprocessing', 'signal', 'itemTimeout']);

/** fitGenerator's options (Keras's snake_case accepted, unknown keys refused). */
export const FIT_GENERATOR_OPTIONS = optionKeys<FitGeneratorArgs>()([
  'allowNonFinite', 'batchSize', 'callbacks', 'classWeight', 'epochs', 'initialEpoch', 'seed', 'shuffle',
  'stepsPerEpoch', 'validationData', 'validationSteps', 'verbose',
], { base: [QUEUE_OPTIONS] });

/** evaluateGenerator's options. */
export const EVALUATE_GENERATOR_OPTIONS = optionKeys<EvaluateGeneratorArgs>()([
  'allowNonFinite', 'steps', 'verbose',
], { base: [QUEUE_OPTIONS] });

/** predictGenerator's options. */
export const PREDICT_GENERATOR_OPTIONS = optionKeys<PredictGeneratorArgs>()(['steps', 'verbose'], { base: [QUEUE_OPTIONS] });
