import { optionKeys } from './options.js';
import { isNode } from './platform.js';
import type { SequenceSpec } from './sequence.js';
import type { Batch } from './types.js';
import { deserializeError, type FromWorker, type ToWorker } from './worker-protocol.js';
import { checkItemTimeout, ItemTimeoutError, withTimeout } from './timeout.js';

/** The little a pool needs from a thread; Node's worker_threads here, a Web Worker in a browser. */
export interface WorkerHandle {
  /** Sends a message to the worker (structured clone; Node's `postMessage`, a Web Worker's `postMessage`). */
  post(msg: ToWorker): void;
  /** Registers the listener for every message the worker sends back. */
  onMessage(fn: (msg: FromWorker) => void): void;
  /** Uncaught error inside the worker. */
  onError(fn: (err: Error) => void): void;
  /** The thread ended (code is undefined where the platform does not report one). */
  onExit(fn: (code: number | undefined) => void): void;
  /** Stops the thread; resolves once it has stopped. */
  terminate(): Promise<void>;
}

/** Options of `WorkerPool.create` (unknown keys are refused). */
export interface WorkerPoolOptions {
  /** Number of worker threads. Default 1. */
  workers?: number;
  /**
   * Requests posted to one worker before its first answer comes back. Default 2: the next
   * index already waits in the worker's mailbox when it finishes one, so it does not sit
   * idle while the main thread is busy (say, in a training step) and cannot answer yet.
   * A worker still runs one `getItem` at a time.
   */
  depth?: number;
  /**
   * Send batch buffers by transfer instead of by copy. Default false, because detaching an
   * ArrayBuffer (which a transfer does) switches off a V8 fast path for typed arrays in that
   * worker for good: the bench's 13 ms augmentation ran 6-8% slower in every worker after its
   * first transfer, while copying a 400 KB batch costs ~0.1 ms. Transfer pays off for large
   * batches from a light getItem (data already prepared, read from disk).
   */
  transfer?: boolean;
  /** The worker script. Default: worker-entry.js next to this module. */
  workerUrl?: URL;
  /**
   * Milliseconds a worker may take over one request, counted from when it starts on it (not
   * from when it was posted behind another). A worker over the limit is terminated and the
   * pool fails with an ItemTimeoutError. Default: no limit.
   */
  itemTimeout?: number;
  /**
   * Milliseconds a worker may take to start and load the Sequence (its module import and
   * constructor). Default: with an itemTimeout, the larger of it and 10 s; else no limit.
   */
  loadTimeout?: number;
}

interface Job {
  msg: ToWorker & { id: number };
  /** Only this worker may run it (epochEnd broadcasts). */
  target?: number;
  resolve(v: Batch | null): void;
  reject(e: unknown): void;
}

interface Slot {
  handle: WorkerHandle;
  alive: boolean;
  /** Posted and not yet answered, oldest first (a worker answers in order). */
  jobs: Job[];
  uncaught?: Error;
  exited: Promise<void>;
  /** Runs out when the request at the head of `jobs` (the one the worker is on) takes too long. */
  timer: ReturnType<typeof setTimeout> | null;
}

function describeJob(msg: ToWorker): string {
  return msg.type === 'getItem' ? `getItem(${msg.index})` : msg.type === 'epochEnd' ? 'onEpochEnd()' : msg.type;
}

async function spawnWorker(url: URL): Promise<WorkerHandle> {
  if (isNode) {
    const { Worker } = await import('node:worker_threads');
    const w = new Worker(url);
    return {
      post: (m) => w.postMessage(m),
      onMessage: (fn) => w.on('message', fn),
      onError: (fn) => w.on('error', fn),
      onExit: (fn) => w.on('exit', fn),
      terminate: async () => {
        await w.terminate();
      },
    };
  }
  const w = new Worker(url, { type: 'module' });
  const exitFns: Array<(code: number | undefined) => void> = [];
  return {
    post: (m) => w.postMessage(m),
    onMessage: (fn) => w.addEventListener('message', (e) => fn(e.data as FromWorker)),
    onError: (fn) => w.addEventListener('error', (e) => {
      fn(new Error(e.message));
      for (const f of exitFns) f(undefined);
    }),
    onExit: (fn) => exitFns.push(fn),
    terminate: async () => {
      w.terminate();
      for (const f of exitFns) f(undefined);
    },
  };
}

/** WorkerPool.create's options (snake_case accepted, unknown keys refused). */
const WORKER_POOL_OPTIONS = optionKeys<WorkerPoolOptions>()([
  'workers', 'depth', 'transfer', 'workerUrl', 'itemTimeout', 'loadTimeout',
]);

/**
 * Runs a Sequence's `getItem` in N worker threads. Each worker loads the Sequence by module
 * URL (see SequenceSpec) and serves one request at a time; `getItem(i)` resolves with the
 * batch (copied, or transferred with `transfer: true`: see WorkerPoolOptions). Ordering is
 * the caller's: the enqueuer puts a PrefetchQueue in front, which hands results over in
 * index order.
 *
 * Failures: an exception in `getItem` rejects that call with an Error carrying the worker's
 * original name, message and stack. A worker that dies (process.exit, an uncaught error)
 * fails the pool: every pending and later call rejects with "worker N died with exit code C"
 * and all workers are terminated. With `itemTimeout`, a worker that has not answered a
 * request that long after starting it (spinning, blocked, awaiting forever) is terminated and
 * fails the pool the same way, with an ItemTimeoutError naming the worker and the item.
 * `close()` terminates all workers.
 */
export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 0;
  private failure: Error | null = null;
  private closing: Promise<void> | null = null;

  private constructor(
    /** The Sequence's length (batches per epoch), as the first worker reported it when it loaded. */
    readonly length: number,
    /** Most requests outstanding per worker (see WorkerPoolOptions.depth). */
    readonly depth: number,
    private readonly itemTimeout: number | undefined,
  ) {}

  /** Starts the workers and waits until each has loaded the Sequence. */
  static async create(spec: SequenceSpec, options: WorkerPoolOptions = {}): Promise<WorkerPool> {
    options = WORKER_POOL_OPTIONS.read(options, 'WorkerPool.create');
    const n = Math.max(1, Math.floor(options.workers ?? 1));
    const depth = Math.max(1, Math.floor(options.depth ?? 2));
    const itemTimeout = checkItemTimeout('WorkerPool', options.itemTimeout);
    const loadTimeout = checkItemTimeout('WorkerPool', options.loadTimeout) ?? (itemTimeout === undefined ? undefined : Math.max(itemTimeout, 10_000));
    const url = options.workerUrl ?? new URL('./worker-entry.js', import.meta.url);
    const handles = await Promise.all(Array.from({ length: n }, () => spawnWorker(url)));
    const ready = handles.map(
      (h, k) =>
        new Promise<number>((resolve, reject) => {
          h.onMessage((m) => {
            if (m.type === 'ready') resolve(m.length);
            else if (m.type === 'initError') reject(deserializeError(m.error));
          });
          h.onError(reject);
          h.onExit((code) => reject(new Error(`worker ${k} died with exit code ${code} while loading ${spec.moduleUrl}`)));
        }),
    );
    for (const h of handles) h.post({ type: 'init', spec, transfer: options.transfer ?? false });
    let lengths: number[];
    try {
      lengths = await Promise.all(ready.map((r, k) => withTimeout(r, loadTimeout,
        () => new ItemTimeoutError(`worker ${k} did not load ${spec.moduleUrl} within ${loadTimeout} ms; it was terminated`, 'load', k))));
    } catch (e) {
      await Promise.all(handles.map((h) => h.terminate()));
      throw e;
    }
    const pool = new WorkerPool(lengths[0], depth, itemTimeout);
    handles.forEach((h, k) => pool.attach(h, k));
    return pool;
  }

  private attach(handle: WorkerHandle, k: number): void {
    let exited!: () => void;
    const slot: Slot = { handle, alive: true, jobs: [], exited: new Promise<void>((r) => (exited = r)), timer: null };
    this.slots.push(slot);
    handle.onMessage((m) => {
      const job = slot.jobs[0];
      if (!job || (m.type !== 'result' && m.type !== 'error') || m.id !== job.msg.id) return;
      slot.jobs.shift();
      this.timeHead(slot, k);
      if (m.type === 'result') job.resolve(m.value);
      else job.reject(deserializeError(m.error));
      this.dispatch();
    });
    handle.onError((err) => {
      slot.uncaught = err;
    });
    handle.onExit((code) => {
      slot.alive = false;
      this.stopTimer(slot);
      exited();
      if (!this.closing) {
        const why = slot.uncaught ? `: ${slot.uncaught.message}` : '';
        const err = new Error(`worker ${k} died with exit code ${code}${why}`);
        if (slot.uncaught) err.cause = slot.uncaught;
        this.fail(err);
      }
    });
  }

  /** Number of worker threads still running. */
  get alive(): number {
    return this.slots.filter((s) => s.alive).length;
  }

  /** Number of worker threads started (`workers`), dead ones included. */
  get size(): number {
    return this.slots.length;
  }

  /** Requests posted to workers and not yet answered. */
  get outstanding(): number {
    return this.slots.reduce((n, s) => n + s.jobs.length, 0);
  }

  /** Requests the pool can have outstanding at once: workers x depth. */
  get capacity(): number {
    return this.slots.length * this.depth;
  }

  /**
   * Batch `index` from the Sequence's `getItem`, run on the least-loaded live worker. Rejects with
   * the worker's error if getItem throws, with the pool's failure once a worker has died or timed
   * out, and after `close()`.
   */
  getItem(index: number): Promise<Batch> {
    return this.submit({ type: 'getItem', id: this.nextId++, index }) as Promise<Batch>;
  }

  /** Runs the Sequence's `onEpochEnd` in every worker; resolves when all have finished. */
  async onEpochEnd(): Promise<void> {
    await Promise.all(this.slots.map((_, k) => this.submit({ type: 'epochEnd', id: this.nextId++ }, k)));
  }

  private submit(msg: Job['msg'], target?: number): Promise<Batch | null> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.closing) return Promise.reject(new Error('WorkerPool is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ msg, target, resolve, reject });
      this.dispatch();
    });
  }

  /** Hands queued jobs to the least-loaded live workers, up to `depth` each. */
  private dispatch(): void {
    for (let load = 0; load < this.depth; load++) {
      this.slots.forEach((slot, k) => {
        if (!slot.alive || slot.jobs.length !== load) return;
        const j = this.queue.findIndex((job) => job.target === undefined || job.target === k);
        if (j < 0) return;
        const [job] = this.queue.splice(j, 1);
        slot.jobs.push(job);
        slot.handle.post(job.msg);
        if (slot.jobs.length === 1) this.timeHead(slot, k);
      });
    }
  }

  private stopTimer(slot: Slot): void {
    if (slot.timer !== null) clearTimeout(slot.timer);
    slot.timer = null;
  }

  /** Starts the clock on the request the worker is now running (the head of its jobs). */
  private timeHead(slot: Slot, k: number): void {
    this.stopTimer(slot);
    const job = slot.jobs[0];
    if (this.itemTimeout === undefined || !job || !slot.alive) return;
    const ms = this.itemTimeout;
    slot.timer = setTimeout(() => {
      slot.timer = null;
      const item = describeJob(job.msg);
      this.fail(new ItemTimeoutError(`worker ${k} did not answer ${item} within ${ms} ms; it was terminated`, item, k));
    }, ms);
  }

  private fail(err: Error): void {
    if (this.failure) return;
    this.failure = err;
    this.rejectAll(err);
    void this.close();
  }

  private rejectAll(err: Error): void {
    for (const slot of this.slots) {
      for (const job of slot.jobs.splice(0)) job.reject(err);
    }
    for (const job of this.queue.splice(0)) job.reject(err);
  }

  /** Terminates every worker; pending calls reject. Resolves once all threads have exited. */
  close(): Promise<void> {
    for (const slot of this.slots) this.stopTimer(slot);
    this.closing ??= (async () => {
      this.rejectAll(this.failure ?? new Error('WorkerPool closed'));
      await Promise.all(this.slots.map((s) => (s.alive ? s.handle.terminate() : undefined)));
      await Promise.all(this.slots.map((s) => s.exited));
    })();
    return this.closing;
  }
}
