/** The abort reason a run's signal carries when `model.stopTraining` ends a wait for a batch. */
const STOP_TRAINING = Symbol('stopTraining');

export function isStopRequest(reason: unknown): boolean {
  return reason === STOP_TRAINING;
}

/**
 * What can end a generator run while it waits for a batch: the caller's AbortSignal (the run
 * rejects with its reason) or `model.stopTraining` (fit ends normally, as after a batch).
 * Sources get `signal`, which fires for either; the loops call `throwIfAborted` between batches.
 */
export class RunSignal {
  private readonly controller = new AbortController();
  private readonly unlink: () => void = () => undefined;

  constructor(private readonly user?: AbortSignal) {
    if (user === undefined) return;
    if (user.aborted) {
      this.controller.abort(user.reason);
      return;
    }
    const forward = () => this.controller.abort(user.reason);
    user.addEventListener('abort', forward, { once: true });
    this.unlink = () => user.removeEventListener('abort', forward);
  }

  /** Fires when the caller aborts or training is asked to stop. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Ends a wait for a batch the way `model.stopTraining = true` ends fit. */
  stop(): void {
    if (!this.controller.signal.aborted) this.controller.abort(STOP_TRAINING);
  }

  /** Throws the caller's abort reason once it has aborted. */
  throwIfAborted(): void {
    if (this.user?.aborted) throw this.user.reason;
  }

  /** Stops listening to the caller's signal. */
  dispose(): void {
    this.unlink();
  }
}

/** Checks a method's `signal` option. */
export function checkSignal(method: string, signal: unknown): AbortSignal | undefined {
  if (signal === undefined) return undefined;
  if (!(signal instanceof AbortSignal)) throw new Error(`${method}: 'signal' must be an AbortSignal (new AbortController().signal), got ${signal === null ? 'null' : typeof signal}`);
  return signal;
}
