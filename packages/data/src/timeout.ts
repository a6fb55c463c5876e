/**
 * Bounded waits: a per-item time limit (`itemTimeout`) and cancellation by AbortSignal, so a
 * source that never answers (a stuck worker, a generator awaiting forever) ends the run with
 * an error instead of hanging it.
 */

/** An item that took longer than `itemTimeout`; `worker` is set when a worker thread was running it (and was terminated). */
export class ItemTimeoutError extends Error {
  /** Always 'ItemTimeoutError' (what `String(err)` and stack traces show). */
  override readonly name = 'ItemTimeoutError';
  constructor(
    message: string,
    /** What was asked for: 'getItem(5)', 'onEpochEnd()', 'next() #3'. */
    readonly item: string,
    /** The worker thread's index, when a worker ran it. */
    readonly worker?: number,
  ) {
    super(message);
  }
}

/** Checks a timeout option (`itemTimeout`, `loadTimeout`): a positive number of milliseconds, or undefined for none. */
export function checkItemTimeout(where: string, ms: unknown): number | undefined {
  if (ms === undefined) return undefined;
  if (typeof ms !== 'number' || !(ms > 0) || !Number.isFinite(ms)) {
    throw new Error(`${where}: a timeout must be a positive number of milliseconds, got ${String(ms)}`);
  }
  return ms;
}

/** `p`, or a rejection with `onTimeout()` if it has not settled within `ms` (no limit when undefined). */
export function withTimeout<T>(p: Promise<T>, ms: number | undefined, onTimeout: () => Error): Promise<T> {
  if (ms === undefined) return p;
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(onTimeout()), ms);
    p.then(
      (v) => { clearTimeout(timer); resolve(v); },
      (e) => { clearTimeout(timer); reject(e); },
    );
  });
}

/** `p`, or a rejection with the signal's reason as soon as `signal` aborts. */
export function untilAborted<T>(p: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return p;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => { signal.removeEventListener('abort', onAbort); resolve(v); },
      (e) => { signal.removeEventListener('abort', onAbort); reject(e); },
    );
  });
}
