import type { SimdKernels } from '../simd/simd-kernels.js';

/** The kernels.wat exports a pool may run: every argument a number (i32 or f32). */
export type SimdName = keyof SimdKernels;

const NAMES: readonly SimdName[] = ['adam_step', 'mm_rows', 'mm_dots', 'conv_filter_grad', 'max_pool_backprop', 'pool'];

/** Int32 slots per worker in the control array: SEQ (caller -> worker), DONE (worker -> caller), FN, ERR, ARGC. */
const STRIDE = 8;
const SEQ = 0;
const DONE = 1;
const FN = 2;
const ERR = 3;
const ARGC = 4;
/** Float64 argument slots per worker (the most any kernel takes, with room). */
const MAX_ARGS = 24;
/** Atomics.load polls before a waiting thread sleeps (~20-50 us): back-to-back jobs skip the futex. */
const SPIN = 20_000;

/**
 * The source of each pool worker (a Node worker_thread or a browser Worker), kept as text so
 * no bundler or transform rewrites it: kernels.wat instantiated on tfjs's shared memory, then
 * a loop that waits for a job in the control array (spinning briefly first, then
 * Atomics.wait), runs it, and reports it done. Init: { module, memory, ctl, args, index,
 * names, stride, maxArgs, spin, fields: [SEQ, DONE, FN, ERR, ARGC] }.
 */
const WORKER_SOURCE = `
const start = (init, reply) => {
  const instance = new WebAssembly.Instance(init.module, { env: { memory: init.memory } });
  const fns = init.names.map((n) => instance.exports[n]);
  const ctl = new Int32Array(init.ctl);
  const args = new Float64Array(init.args);
  const [SEQ, DONE, FN, ERR, ARGC] = init.fields;
  const base = init.index * init.stride;
  const argBase = init.index * init.maxArgs;
  reply('ready');
  let seen = Atomics.load(ctl, base + SEQ);
  for (;;) {
    let seq = Atomics.load(ctl, base + SEQ);
    for (let i = 0; seq === seen && i < init.spin; i++) seq = Atomics.load(ctl, base + SEQ);
    while (seq === seen) {
      Atomics.wait(ctl, base + SEQ, seen);
      seq = Atomics.load(ctl, base + SEQ);
    }
    seen = seq;
    const a = Array.from(args.subarray(argBase, argBase + ctl[base + ARGC]));
    try {
      fns[ctl[base + FN]](...a);
    } catch {
      ctl[base + ERR] = 1;
    }
    Atomics.store(ctl, base + DONE, seq);
    Atomics.notify(ctl, base + DONE);
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

async function spawn(source: string, onMessage: (m: unknown) => void, onError: (e: unknown) => void): Promise<PoolWorker> {
  if (isNode) {
    const { Worker } = await import('node:worker_threads');
    const w = new Worker(source, { eval: true });
    w.on('message', onMessage);
    w.on('error', onError);
    // Never keep the process alive: the workers idle in Atomics.wait for good.
    w.unref();
    return w;
  }
  const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  const w = new Worker(url);
  w.onmessage = (e) => onMessage(e.data);
  w.onerror = (e) => onError(e);
  return w;
}

/**
 * Worker threads running layerwise's own kernels (kernels.wat) on tfjs's shared memory, so
 * that a kernel can be split into disjoint parts (rows, channels, element ranges) that run at
 * once: part 0 on the calling thread, part i on worker i. Each output element is computed by
 * exactly one part with the same instructions in the same order as unsplit, so the results
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
    const ctl = new SharedArrayBuffer(4 * STRIDE * count);
    const args = new SharedArrayBuffer(8 * MAX_ARGS * count);
    const workers: PoolWorker[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      await Promise.race([
        Promise.all(Array.from({ length: count }, (_, index) => new Promise<void>((resolve, reject) => {
          spawn(WORKER_SOURCE, (m) => { if (m === 'ready') resolve(); }, (e) => reject(e instanceof Error ? e : new Error(String((e as { message?: string }).message ?? e))))
            .then((w) => {
              workers.push(w);
              w.postMessage({ module, memory, ctl, args, index, names: NAMES, stride: STRIDE, maxArgs: MAX_ARGS, spin: SPIN, fields: [SEQ, DONE, FN, ERR, ARGC] });
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
   * Runs kernel `name` once per argument list, all at once: parts[0] on this thread, parts[i]
   * on worker i - 1 (at most `threads` parts). Returns when every part is done.
   */
  run(kernels: SimdKernels, name: SimdName, parts: readonly (readonly number[])[]): void {
    const fn = NAMES.indexOf(name);
    const seq = ++this.seq;
    const posted = parts.length - 1;
    for (let w = 0; w < posted; w++) {
      const part = parts[w + 1];
      const base = w * STRIDE;
      for (let i = 0; i < part.length; i++) this.args[w * MAX_ARGS + i] = part[i];
      this.ctl[base + FN] = fn;
      this.ctl[base + ARGC] = part.length;
      Atomics.store(this.ctl, base + SEQ, seq);
      Atomics.notify(this.ctl, base + SEQ);
    }
    let failure: unknown = null;
    try {
      (kernels[name] as (...a: number[]) => void)(...parts[0]);
    } catch (err) {
      failure = err;
    }
    for (let w = 0; w < posted; w++) {
      const at = w * STRIDE + DONE;
      let done = Atomics.load(this.ctl, at);
      for (let i = 0; done !== seq && i < SPIN; i++) done = Atomics.load(this.ctl, at);
      while (done !== seq) {
        if (this.canWait) Atomics.wait(this.ctl, at, done, 1);
        done = Atomics.load(this.ctl, at);
      }
      if (this.ctl[w * STRIDE + ERR]) {
        this.ctl[w * STRIDE + ERR] = 0;
        failure ??= new Error(`wasm backend: kernel ${name} trapped on a worker thread`);
      }
    }
    if (failure) throw failure;
  }
}
