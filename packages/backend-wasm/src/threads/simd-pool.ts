import type { SimdKernels } from '../simd/simd-kernels.js';

/** The kernels.wat exports a pool may run: every argument a number (i32 or f32). */
export type SimdName = keyof SimdKernels;

const NAMES: readonly SimdName[] = ['adam_step', 'mm_rows', 'mm_dots', 'conv_filter_grad', 'max_pool_backprop', 'pool', 'transpose4'];

/**
 * The control words (Int32Array): SEQ, bumped per job (workers wait on it); FN and ARGC of the
 * job; PARTS, how many; NEXT, the job's tag (its SEQ, shifted left by 8) plus the next part to
 * claim (compare-exchange, so a worker still on an older job can claim nothing); DONE, parts
 * finished; ERR, set when a part trapped.
 */
const SEQ = 0;
const FN = 1;
const ARGC = 2;
const PARTS = 3;
const NEXT = 4;
const DONE = 5;
const ERR = 6;
const CONTROL_WORDS = 8;
/** Float64 argument slots per part (the most any kernel takes, with room), and parts per job (< 256). */
const MAX_ARGS = 24;
export const MAX_PARTS = 16;
const SEQ_MASK = 0x7fffff;
/** Atomics.load polls before a waiting thread sleeps (~20-50 us): back-to-back jobs skip the futex. */
const SPIN = 20_000;

/**
 * The source of each pool worker (a Node worker_thread or a browser Worker), kept as text so
 * no bundler or transform rewrites it: kernels.wat instantiated on tfjs's shared memory, then
 * a loop that waits for a new job (spinning briefly first, then Atomics.wait) and claims and
 * runs its parts until none is left. Init: { module, memory, ctl, args, names, maxArgs, spin,
 * fields: [SEQ, FN, ARGC, PARTS, NEXT, DONE, ERR] }.
 */
const WORKER_SOURCE = `
const start = (init, reply) => {
  const instance = new WebAssembly.Instance(init.module, { env: { memory: init.memory } });
  const fns = init.names.map((n) => instance.exports[n]);
  const ctl = new Int32Array(init.ctl);
  const args = new Float64Array(init.args);
  const [SEQ, FN, ARGC, PARTS, NEXT, DONE, ERR] = init.fields;
  reply('ready');
  let seen = Atomics.load(ctl, SEQ);
  for (;;) {
    let seq = Atomics.load(ctl, SEQ);
    for (let i = 0; seq === seen && i < init.spin; i++) seq = Atomics.load(ctl, SEQ);
    while (seq === seen) {
      Atomics.wait(ctl, SEQ, seen);
      seq = Atomics.load(ctl, SEQ);
    }
    seen = seq;
    const tag = (seq & 0x7fffff) << 8;
    for (;;) {
      const next = Atomics.load(ctl, NEXT);
      if ((next & ~255) !== tag) break;
      const part = next & 255;
      if (part >= Atomics.load(ctl, PARTS)) break;
      if (Atomics.compareExchange(ctl, NEXT, next, next + 1) !== next) continue;
      const at = part * init.maxArgs;
      try {
        fns[Atomics.load(ctl, FN)](...args.subarray(at, at + Atomics.load(ctl, ARGC)));
      } catch {
        Atomics.store(ctl, ERR, 1);
      }
      if (Atomics.add(ctl, DONE, 1) + 1 === Atomics.load(ctl, PARTS)) Atomics.notify(ctl, DONE);
    }
  }
};
if (typeof process !== 'undefined' && process.versions && process.versions.node) {
  // import(), not require: an eval'd worker runs as CommonJS or as an ES module (--input-type).
  import('node:worker_threads').then(({ parentPort }) => parentPort.once('message', (init) => start(init, (m) => parentPort.postMessage(m))));
} else {
  self.onmessage = (e) => start(e.data, (m) => self.postMessage(m));
}
`;

interface PoolWorker {
  postMessage(m: unknown): void;
  terminate(): unknown;
}

/** How long workers may take to start before the pool is given up (the caller runs alone). */
const START_TIMEOUT_MS = 20_000;

const isNode = typeof process !== 'undefined' && typeof process.versions?.node === 'string';

async function spawn(onMessage: (m: unknown) => void, onError: (e: unknown) => void): Promise<PoolWorker> {
  if (isNode) {
    const { Worker } = await import('node:worker_threads');
    const w = new Worker(WORKER_SOURCE, { eval: true });
    w.on('message', onMessage);
    w.on('error', onError);
    // Never keep the process alive: the workers idle in Atomics.wait for good.
    w.unref();
    return w;
  }
  const url = URL.createObjectURL(new Blob([WORKER_SOURCE], { type: 'text/javascript' }));
  const w = new Worker(url);
  w.onmessage = (e) => onMessage(e.data);
  w.onerror = (e) => onError(e);
  return w;
}

/**
 * Worker threads running layerwise's own kernels (kernels.wat) on tfjs's shared memory, so
 * that a kernel split into disjoint parts (rows, channels, element ranges) runs on several
 * threads. The parts form a queue that the calling thread and the workers claim from: a
 * worker the OS has not scheduled yet claims nothing, and the caller runs what is left, so a
 * busy machine costs at most the parts a worker has started (where a fixed split would wait
 * for a worker that may not run for milliseconds). Each output element is computed by one
 * part with the same instructions in the same order as unsplit, whoever runs it: the results
 * are bit-identical to one thread's.
 */
export class SimdPool {
  private readonly ctl: Int32Array;
  private readonly args: Float64Array;
  private seq = 0;
  /** Node may block in Atomics.wait on its main thread; a browser's main thread may not. */
  private readonly canWait = isNode || typeof (globalThis as { document?: unknown }).document === 'undefined';

  private constructor(private readonly workers: PoolWorker[], ctl: SharedArrayBuffer, args: SharedArrayBuffer) {
    this.ctl = new Int32Array(ctl);
    this.args = new Float64Array(args);
  }

  /** Threads a split kernel runs on: the caller and the workers. */
  get threads(): number {
    return this.workers.length + 1;
  }

  /**
   * Starts `count` workers on `memory` (which must be shared) running the kernels of
   * `module`; rejects if they cannot start (no Worker, a CSP that forbids blob: workers, ...).
   */
  static async start(module: WebAssembly.Module, memory: WebAssembly.Memory, count: number): Promise<SimdPool> {
    const ctl = new SharedArrayBuffer(4 * CONTROL_WORDS);
    const args = new SharedArrayBuffer(8 * MAX_ARGS * MAX_PARTS);
    const workers: PoolWorker[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      await Promise.race([
        Promise.all(Array.from({ length: count }, () => new Promise<void>((resolve, reject) => {
          spawn((m) => { if (m === 'ready') resolve(); }, (e) => reject(e instanceof Error ? e : new Error(String((e as { message?: string }).message ?? e))))
            .then((w) => {
              workers.push(w);
              w.postMessage({ module, memory, ctl, args, names: NAMES, maxArgs: MAX_ARGS, spin: SPIN, fields: [SEQ, FN, ARGC, PARTS, NEXT, DONE, ERR] });
            }, reject);
        }))),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`the kernel workers did not start within ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS);
        }),
      ]);
    } catch (err) {
      for (const w of workers) w.terminate();
      throw err;
    } finally {
      clearTimeout(timer);
    }
    return new SimdPool(workers, ctl, args);
  }

  /**
   * Runs kernel `name` once per argument list (at most MAX_PARTS, all of one length), the
   * parts claimed by this thread and the workers; returns when every part is done.
   */
  run(kernels: SimdKernels, name: SimdName, parts: readonly (readonly number[])[]): void {
    const { ctl, args } = this;
    const count = parts.length;
    if (count > MAX_PARTS) throw new Error(`wasm backend: ${count} parts, at most ${MAX_PARTS}`);
    for (let p = 0; p < count; p++) for (let i = 0; i < parts[p].length; i++) args[p * MAX_ARGS + i] = parts[p][i];
    ctl[FN] = NAMES.indexOf(name);
    ctl[ARGC] = parts[0].length;
    ctl[PARTS] = count;
    ctl[DONE] = 0;
    // A worker that reads the new SEQ (sequentially consistent) sees everything written before it.
    this.seq = (this.seq + 1) & SEQ_MASK;
    const tag = this.seq << 8;
    Atomics.store(ctl, NEXT, tag);
    Atomics.store(ctl, SEQ, this.seq);
    Atomics.notify(ctl, SEQ);
    const fn = kernels[name] as (...a: number[]) => void;
    let failure: unknown = null;
    for (;;) {
      const next = Atomics.load(ctl, NEXT);
      const part = next & 255;
      if (part >= count) break;
      if (Atomics.compareExchange(ctl, NEXT, next, next + 1) !== next) continue;
      try {
        fn(...parts[part]);
      } catch (err) {
        failure ??= err;
      }
      Atomics.add(ctl, DONE, 1);
    }
    // Only parts a worker has claimed are left: wait for those.
    let done = Atomics.load(ctl, DONE);
    for (let i = 0; done !== count && i < SPIN; i++) done = Atomics.load(ctl, DONE);
    while (done !== count) {
      if (this.canWait) Atomics.wait(ctl, DONE, done, 1);
      done = Atomics.load(ctl, DONE);
    }
    if (Atomics.exchange(ctl, ERR, 0)) failure ??= new Error(`wasm backend: kernel ${name} trapped on a worker thread`);
    if (failure) throw failure;
  }
}
