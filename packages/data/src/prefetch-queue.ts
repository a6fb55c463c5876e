import { optionKeys } from './options.js';
/** Options of `PrefetchQueue` (unknown keys are refused). */
export interface PrefetchQueueOptions {
  /** Most items pulled ahead of the consumer (in flight + ready). Default 10. */
  maxQueueSize?: number;
  /** Most pulls in flight at once. Default 1. */
  concurrency?: number;
  /** Called once when the queue is closed early or hits an error, after in-flight pulls settle. */
  onClose?: () => unknown;
}

/** The producer: called with k = 0, 1, 2, ... and resolves item k, or `{ done: true }` at the end. */
export type Pull<T> = (k: number) => IteratorResult<T> | Promise<IteratorResult<T>>;

type Settled<T> = { ok: true; result: IteratorResult<T> } | { ok: false; error: unknown };

const DONE: IteratorResult<never> = { done: true, value: undefined };

/** PrefetchQueue's options (snake_case accepted, unknown keys refused). */
const PREFETCH_QUEUE_OPTIONS = optionKeys<PrefetchQueueOptions>()(['maxQueueSize', 'concurrency', 'onClose']);

/**
 * A bounded, ordered, concurrent async queue.
 *
 * The producer is a `pull(k)` function called for k = 0, 1, 2, ... (an iterator's `next()`,
 * or `getItem(indices[k])` for an index-based source). The queue keeps at most `concurrency`
 * pulls in flight and never lets started-but-unconsumed pulls exceed `maxQueueSize`, so a
 * producer is never more than `maxQueueSize` items ahead of the consumer. Results reach the
 * consumer in pull order (k order) whatever order they settle in. Pulls are not timed here:
 * a caller wraps `pull` (see timeout.ts) and closes with `{ wait: false }` when one is stuck.
 *
 * A pull that throws or rejects stops all further pulls; items before it are still delivered,
 * then the consumer's `next()` rejects with the original error object. A pull resolving
 * `{ done: true }` ends the stream the same way. `close()` (also `return()`, which a
 * `for await` loop calls on `break`) stops pulling, waits for in-flight pulls to settle and
 * calls `onClose` (e.g. the source iterator's `return()`).
 */
export class PrefetchQueue<T> implements AsyncIterableIterator<T> {
  /** Most items pulled ahead of the consumer (in flight + ready): the option, floored, at least 1. Default 10. */
  readonly maxQueueSize: number;
  /** Most pulls in flight at once: the option, floored, at least 1. Default 1. */
  readonly concurrency: number;
  private readonly entries = new Map<number, Promise<Settled<T>>>();
  private started = 0;
  private consumed = 0;
  private inFlight = 0;
  /** No more pulls: the source ended, failed, or the queue was closed. */
  private stopped = false;
  private finished = false;
  private closing: Promise<void> | null = null;
  private tail: Promise<unknown> = Promise.resolve();

  private readonly options: PrefetchQueueOptions;

  constructor(private readonly pull: Pull<T>, options: PrefetchQueueOptions = {}) {
    this.options = options = PREFETCH_QUEUE_OPTIONS.read(options, 'PrefetchQueue');
    this.maxQueueSize = Math.max(1, Math.floor(options.maxQueueSize ?? 10));
    this.concurrency = Math.max(1, Math.floor(options.concurrency ?? 1));
  }

  /** A queue over an iterator's `next()` (sync or async). */
  static fromIterator<T>(it: Iterator<T> | AsyncIterator<T>, options: Omit<PrefetchQueueOptions, 'onClose'> = {}): PrefetchQueue<T> {
    return new PrefetchQueue<T>(() => it.next(), { ...options, onClose: () => it.return?.() });
  }

  /** A queue over `getItem(indices[k])`, delivering in the order of `indices`. */
  static fromIndices<T>(
    indices: readonly number[],
    getItem: (i: number) => T | Promise<T>,
    options: PrefetchQueueOptions = {},
  ): PrefetchQueue<T> {
    return new PrefetchQueue<T>(async (k) => (k < indices.length ? { done: false, value: await getItem(indices[k]) } : DONE), options);
  }

  /** Items pulled (started) so far. */
  get pulled(): number {
    return this.started;
  }

  /** Items handed to the consumer so far. */
  get delivered(): number {
    return this.consumed;
  }

  private pump(): void {
    while (!this.stopped && this.inFlight < this.concurrency && this.started - this.consumed < this.maxQueueSize) {
      const k = this.started++;
      this.inFlight++;
      let p: Promise<IteratorResult<T>>;
      try {
        p = Promise.resolve(this.pull(k));
      } catch (error) {
        p = Promise.reject(error);
      }
      this.entries.set(
        k,
        p.then(
          (result): Settled<T> => {
            if (result.done) this.stopped = true;
            return { ok: true, result };
          },
          (error): Settled<T> => {
            this.stopped = true;
            return { ok: false, error };
          },
        ).finally(() => {
          this.inFlight--;
          this.pump();
        }),
      );
    }
  }

  /** The next item in pull order; rejects with a failed pull's own error once the items before it are delivered. */
  next(): Promise<IteratorResult<T>> {
    // Serialize consumer calls so each gets the next position.
    const r = this.tail.then(() => this.take());
    this.tail = r.catch(() => undefined);
    return r;
  }

  private async take(): Promise<IteratorResult<T>> {
    if (this.finished) return DONE;
    this.pump();
    const k = this.consumed;
    const entry = this.entries.get(k);
    if (!entry) {
      this.finished = true;
      return DONE;
    }
    const settled = await entry;
    this.entries.delete(k);
    if (this.finished) return DONE; // closed while we waited
    if (!settled.ok) {
      this.finished = true;
      // Release the source without making the error wait for other in-flight pulls.
      this.close().catch(() => undefined);
      throw settled.error;
    }
    if (settled.result.done) {
      this.finished = true;
      return DONE;
    }
    this.consumed++;
    this.pump();
    return settled.result;
  }

  /** Closes the queue (waiting for in-flight pulls, then `onClose`) and ends the iteration; `for await` calls it on `break`. */
  async return(): Promise<IteratorResult<T>> {
    await this.close();
    return DONE;
  }

  /**
   * Stops pulling, waits for in-flight pulls to settle, then runs `onClose`. Idempotent.
   * With `wait: false` (a pull is stuck: timed out, or the run was aborted) it resolves at
   * once: in-flight pulls are abandoned and `onClose` is started but not awaited.
   */
  close(options: { wait?: boolean } = {}): Promise<void> {
    this.stopped = true;
    this.finished = true;
    if (options.wait === false) {
      if (!this.closing) {
        this.closing = Promise.resolve();
        this.entries.clear();
        try {
          Promise.resolve(this.options.onClose?.()).catch(() => undefined);
        } catch {
          // A throwing return() of an abandoned source changes nothing.
        }
      }
      return Promise.resolve();
    }
    this.closing ??= (async () => {
      await Promise.all(this.entries.values());
      this.entries.clear();
      await this.options.onClose?.();
    })();
    return this.closing;
  }

  /** The queue itself: it is its own iterator, so it can be iterated only once. */
  [Symbol.asyncIterator](): this {
    return this;
  }
}
