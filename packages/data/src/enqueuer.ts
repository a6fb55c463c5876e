import { optionKeys } from './options.js';
/**
 * `createBatchSource`: the one entry point `fitGenerator` / `evaluateGenerator` /
 * `predictGenerator` use to pull batches from whatever the user handed them.
 */
import { Dataset } from './dataset.js';
import { getIterator, isReiterable, type IteratorLike } from './iterators.js';
import { PrefetchQueue } from './prefetch-queue.js';
import { deriveSeed, mulberry32, randomSeed, shuffleInPlace } from './random.js';
import { isSequence, isSequenceSpec, loadSequence, specOf, type SequenceLike, type SequenceSpec } from './sequence.js';
import type { Batch } from './types.js';
import { WorkerPool } from './worker-pool.js';
import { checkItemTimeout, ItemTimeoutError, untilAborted, withTimeout } from './timeout.js';

/**
 * What `createBatchSource` accepts: an iterator or (async) iterable, a function returning one (a
 * generator function), a Dataset, a Sequence, or a SequenceSpec to load a Sequence by module URL.
 */
export type BatchSourceInput<T = Batch> =
  | IteratorLike<T>
  | (() => IteratorLike<T>)
  | Dataset<T>
  | SequenceLike<T>
  | SequenceSpec;

/** Options of `createBatchSource` (the generator options of `fitGenerator` and friends; unknown keys are refused). */
export interface BatchSourceOptions {
  /** Most batches prepared ahead of the consumer (in flight + ready). Default 10. */
  maxQueueSize?: number;
  /** Worker threads (useMultiprocessing) or concurrent pulls on the main thread. Default 1. */
  workers?: number;
  /** Run a Sequence's getItem in worker threads. Default false. */
  useMultiprocessing?: boolean;
  /** Sequence only: visit indices in a new seeded order each pass. Default false. */
  shuffle?: boolean;
  /** Seed for `shuffle`; pass p uses `deriveSeed(seed, p)`. Default: random. */
  seed?: number;
  /** Batches per epoch. Default: a Sequence's length; an iterator's one pass (see BatchSource). */
  steps?: number;
  /** useMultiprocessing: send batches back by transfer, not copy (see WorkerPoolOptions.transfer). */
  transfer?: boolean;
  /** Worker script override (defaults to the package's worker-entry.js). */
  workerUrl?: URL;
  /**
   * Milliseconds one item (a `getItem`, an iterator's `next()`, an `onEpochEnd`) may take.
   * Over the limit the epoch fails with an ItemTimeoutError naming the item (and the worker,
   * which is terminated); `close()` then abandons the stuck call instead of waiting for it.
   * A synchronous getItem or generator that never returns blocks the main thread and
   * cannot be timed: give it `useMultiprocessing`. Default: no limit.
   */
  itemTimeout?: number;
  /** Ends a wait for the next batch at once: `epoch()` rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** How an epoch ended: batches delivered and whether the source has run dry for good. */
export interface EpochResult {
  /** Batches the epoch delivered (fewer than `stepsPerEpoch` when a one-shot iterator ran dry). */
  steps: number;
  /** True when an iterator source has ended for good; always false for a Sequence. */
  exhausted: boolean;
}

/** Batches from a Sequence or an iterator source, one epoch at a time (made by `createBatchSource`). */
export interface BatchSource<T = Batch> {
  /** 'sequence' for a Sequence or SequenceSpec (indexed, `getItem`), 'iterator' for everything else (pulled with `next()`). */
  readonly kind: 'sequence' | 'iterator';
  /** Batches an epoch yields: `steps`, else a Sequence's length; undefined for an iterator without `steps`. */
  readonly stepsPerEpoch: number | undefined;
  /** True once an iterator source has ended and will give nothing more. Never true for a Sequence. */
  readonly exhausted: boolean;
  /**
   * Yields one epoch of batches; its return value (the result of the generator) is an
   * EpochResult. Breaking out early leaves the source open for the next epoch.
   */
  epoch(epochIndex?: number): AsyncGenerator<T, EpochResult, undefined>;
  /** Stops pulling, closes the source iterator, terminates workers. Idempotent. */
  close(): Promise<void>;
}

/** createBatchSource's options (snake_case accepted, unknown keys refused). */
const BATCH_SOURCE_OPTIONS = optionKeys<BatchSourceOptions>()([
  'maxQueueSize', 'workers', 'useMultiprocessing', 'shuffle', 'seed', 'steps', 'transfer', 'workerUrl',
  'itemTimeout', 'signal',
]);

/**
 * Wraps `source` for epoch-wise consumption.
 *
 * Sequence (instance, or SequenceSpec `{ moduleUrl, exportName, args }`): passes over
 * indices 0..length-1, reordered per pass by a seeded shuffle when `shuffle`; `getItem` runs
 * `workers` at a time on the main thread, or in `workers` threads with `useMultiprocessing`
 * (a Sequence instance then needs a static `moduleUrl`, see Sequence); batches arrive in
 * index order; `onEpochEnd()` runs after each full pass (main-thread instance and every
 * worker) before the next pass's first `getItem`. An epoch is `steps ?? length` batches; if
 * `steps` differs from `length`, passes run on across epoch boundaries as in Keras.
 *
 * Iterator, iterable, async iterable, generator function, Dataset: pulled through a
 * PrefetchQueue (`workers` concurrent `next()` calls). With `steps`, one stream is pulled
 * continuously across epochs, `steps` per epoch. Without `steps`, a re-iterable source (a
 * Dataset, an array) is iterated afresh each epoch (one pass = one epoch), while a one-shot
 * source (a generator object or generator function) is pulled until it ends. When a
 * one-shot stream ends, the epoch ends early, `exhausted` becomes true and the epoch's
 * EpochResult says how many batches it got.
 */
export async function createBatchSource<T = Batch>(source: BatchSourceInput<T>, options: BatchSourceOptions = {}): Promise<BatchSource<T>> {
  options = BATCH_SOURCE_OPTIONS.read(options, 'createBatchSource');
  const workers = Math.max(1, Math.floor(options.workers ?? 1));
  const maxQueueSize = Math.max(1, Math.floor(options.maxQueueSize ?? 10));
  if (options.steps !== undefined && !(options.steps >= 0 && Number.isInteger(options.steps))) {
    throw new Error(`createBatchSource: steps must be a non-negative integer, got ${options.steps}`);
  }
  const ms = checkItemTimeout('createBatchSource', options.itemTimeout);
  const timed = <R>(what: string, call: () => R | Promise<R>): Promise<R> =>
    withTimeout(Promise.resolve().then(call), ms, () => new ItemTimeoutError(`${what} did not finish within ${ms} ms`, what));
  if (isSequence(source) || isSequenceSpec(source)) {
    const instance = isSequence(source) ? (source as SequenceLike<T>) : null;
    if (options.useMultiprocessing) {
      const spec = instance ? specOf(instance) : (source as SequenceSpec);
      if (!spec) {
        throw new Error(
          'createBatchSource: useMultiprocessing needs a Sequence loadable by module URL: pass ' +
            '{ moduleUrl, exportName, args } or give the class a static moduleUrl (= import.meta.url)',
        );
      }
      const pool = await WorkerPool.create(spec, { workers, workerUrl: options.workerUrl, transfer: options.transfer, itemTimeout: ms });
      return new SequenceSource<T>({
        length: pool.length,
        getItem: (i) => pool.getItem(i) as Promise<T>,
        // Each worker still runs one getItem at a time; the extra requests wait in its mailbox.
        concurrency: pool.capacity,
        onEpochEnd: async () => {
          await timed('onEpochEnd()', () => instance?.onEpochEnd?.());
          await pool.onEpochEnd();
        },
        release: () => pool.close(),
        maxQueueSize,
        options,
      });
    }
    const seq = (instance ?? (await loadSequence(source as SequenceSpec))) as SequenceLike<T>;
    return new SequenceSource<T>({
      length: seq.length,
      getItem: (i) => timed(`getItem(${i})`, () => seq.getItem(i)),
      concurrency: workers,
      onEpochEnd: async () => {
        await timed('onEpochEnd()', () => seq.onEpochEnd?.());
      },
      release: async () => undefined,
      maxQueueSize,
      options,
    });
  }
  if (options.useMultiprocessing) {
    throw new Error(
      'createBatchSource: useMultiprocessing needs a Sequence (a generator cannot be sent to a worker); ' +
        'use workers with useMultiprocessing: false for concurrent pulls on the main thread',
    );
  }
  // Each next() timed; the count names the item in a timeout error.
  const timedIterator = (it: Iterator<T> | AsyncIterator<T>): AsyncIterator<T> => {
    let k = 0;
    return {
      next: () => {
        const n = k++;
        return timed(`the generator's next() (item ${n} of this pass)`, () => it.next());
      },
      return: it.return ? (v?: unknown) => Promise.resolve(it.return!(v as never)) : undefined,
    };
  };
  if (typeof source === 'function') {
    const fn = source as () => IteratorLike<T>;
    let it: AsyncIterator<T> | null = null;
    return new IteratorSource<T>(() => (it ??= timedIterator(getIterator(fn()))), false, workers, maxQueueSize, options);
  }
  const iterable = source as IteratorLike<T>;
  const reiterable = source instanceof Dataset || isReiterable(iterable);
  let once: AsyncIterator<T> | null = null;
  return new IteratorSource<T>(
    () => (reiterable ? timedIterator(getIterator(iterable)) : (once ??= timedIterator(getIterator(iterable)))),
    reiterable,
    workers,
    maxQueueSize,
    options,
  );
}

/** A source's pull failed by timeout, or the wait was aborted: in-flight pulls may never settle. */
function isStuck(e: unknown, signal: AbortSignal | undefined): boolean {
  return e instanceof ItemTimeoutError || (signal?.aborted === true && e === signal.reason);
}

interface SequenceSourceInit<T> {
  length: number;
  getItem(i: number): T | Promise<T>;
  concurrency: number;
  onEpochEnd(): Promise<void>;
  release(): Promise<void>;
  maxQueueSize: number;
  options: BatchSourceOptions;
}

class SequenceSource<T> implements BatchSource<T> {
  readonly kind = 'sequence';
  readonly exhausted = false;
  readonly stepsPerEpoch: number;
  private readonly seed: number;
  private pass = 0;
  private queue: PrefetchQueue<T> | null = null;
  private closed = false;
  private failure: unknown = null;
  private stuck = false;

  constructor(private readonly init: SequenceSourceInit<T>) {
    this.stepsPerEpoch = init.options.steps ?? init.length;
    this.seed = init.options.seed ?? randomSeed();
  }

  /** Index order of the current pass. */
  private order(): number[] {
    const idx = Array.from({ length: this.init.length }, (_, i) => i);
    return this.init.options.shuffle ? shuffleInPlace(idx, mulberry32(deriveSeed(this.seed, this.pass))) : idx;
  }

  private async endPassIfComplete(): Promise<void> {
    if (this.queue && this.queue.delivered === this.init.length) {
      this.queue = null;
      this.pass++;
      await this.init.onEpochEnd();
    }
  }

  /** `p`, ended early by the signal; a failure is kept (later epochs rethrow it) and marks stuck pulls. */
  private async wait<R>(p: Promise<R>): Promise<R> {
    try {
      return await untilAborted(p, this.init.options.signal);
    } catch (e) {
      this.stuck ||= isStuck(e, this.init.options.signal);
      this.failure = e;
      throw e;
    }
  }

  async *epoch(): AsyncGenerator<T, EpochResult, undefined> {
    if (this.failure) throw this.failure;
    if (this.closed) throw new Error('BatchSource is closed');
    let k = 0;
    if (this.init.length === 0) return { steps: 0, exhausted: false };
    while (k < this.stepsPerEpoch) {
      // A pass the consumer left right after its last batch (break) is completed here.
      await this.wait(this.endPassIfComplete());
      this.queue ??= PrefetchQueue.fromIndices(this.order(), this.init.getItem, {
        maxQueueSize: this.init.maxQueueSize,
        concurrency: this.init.concurrency,
      });
      const r = await this.wait(this.queue.next());
      if (r.done) throw new Error('BatchSource is closed');
      k++;
      yield r.value;
    }
    await this.wait(this.endPassIfComplete());
    return { steps: k, exhausted: false };
  }

  async close(): Promise<void> {
    this.closed = true;
    const q = this.queue;
    this.queue = null;
    await Promise.all([q?.close({ wait: !this.stuck }), this.init.release()]);
  }
}

class IteratorSource<T> implements BatchSource<T> {
  readonly kind = 'iterator';
  exhausted = false;
  readonly stepsPerEpoch: number | undefined;
  private queue: PrefetchQueue<T> | null = null;
  private closed = false;
  private stuck = false;

  constructor(
    private readonly open: () => Iterator<T> | AsyncIterator<T>,
    private readonly reiterable: boolean,
    private readonly concurrency: number,
    private readonly maxQueueSize: number,
    private readonly options: BatchSourceOptions,
  ) {
    this.stepsPerEpoch = options.steps;
  }

  async *epoch(): AsyncGenerator<T, EpochResult, undefined> {
    if (this.closed) throw new Error('BatchSource is closed');
    const freshPass = this.stepsPerEpoch === undefined && this.reiterable;
    if (freshPass && this.queue) {
      await this.queue.close();
      this.queue = null;
    }
    if (!this.queue && !this.exhausted) {
      this.queue = PrefetchQueue.fromIterator(this.open(), { maxQueueSize: this.maxQueueSize, concurrency: this.concurrency });
    }
    let k = 0;
    while (this.queue && (this.stepsPerEpoch === undefined || k < this.stepsPerEpoch)) {
      let r: IteratorResult<T>;
      try {
        r = await untilAborted(this.queue.next(), this.options.signal);
      } catch (e) {
        this.stuck ||= isStuck(e, this.options.signal);
        throw e;
      }
      if (r.done) {
        this.queue = null;
        if (!freshPass) this.exhausted = true;
        break;
      }
      k++;
      yield r.value;
    }
    return { steps: k, exhausted: this.exhausted };
  }

  async close(): Promise<void> {
    this.closed = true;
    const q = this.queue;
    this.queue = null;
    await q?.close({ wait: !this.stuck });
  }
}
