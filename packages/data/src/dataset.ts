import { optionKeys } from './options.js';
import { OPEN_BYTES_OPTIONS, type ByteSource, type OpenBytesOptions } from './byte-source.js';
import { CSV_OPTIONS, readCsv, type CsvOptions } from './csv.js';
import { sliceFirstAxis, stackElements, toHostArray } from './host-array.js';
import { readIdx } from './idx.js';
import { iterate, type IteratorLike } from './iterators.js';
import { PrefetchQueue } from './prefetch-queue.js';
import { deriveSeed, mulberry32, randomSeed } from './random.js';
import type { Element, HostArray, NestedNumbers } from './types.js';

type ArrayInput = HostArray | NestedNumbers;

/** Options of `Dataset.batch` (unknown keys are refused). */
export interface BatchOptions {
  /** Drop a last batch smaller than `n`. Default false. */
  dropRemainder?: boolean;
}

/** batch's options (snake_case accepted, unknown keys refused). */
const BATCH_OPTIONS = optionKeys<BatchOptions>()(['dropRemainder']);

/**
 * A pull-based async pipeline. Nothing runs until it is iterated, and every iteration
 * restarts from the source, so one Dataset can be iterated once per epoch.
 */
export class Dataset<T> implements AsyncIterable<T> {
  /** `source` is called once per iteration and must start the pipeline afresh. */
  constructor(private readonly source: () => AsyncIterator<T>) {}

  /** Starts a fresh pass over the pipeline (each `for await` runs it from the source again). */
  [Symbol.asyncIterator](): AsyncIterator<T> {
    return this.source();
  }

  /** Wraps a function returning a fresh iterator or iterable (a generator function, sync or async). */
  static fromGenerator<T>(fn: () => IteratorLike<T>): Dataset<T> {
    return new Dataset(() => iterate(fn()));
  }

  /**
   * One sample at a time from arrays whose first axis is the sample axis: yields `x`,
   * `[x, y]` or `[x, y, sampleWeight]`, each with the first axis removed. Nested plain
   * number arrays become float32.
   */
  static fromArrays(x: ArrayInput): Dataset<HostArray>;
  static fromArrays(x: ArrayInput, y: ArrayInput): Dataset<[HostArray, HostArray]>;
  static fromArrays(x: ArrayInput, y: ArrayInput, sampleWeight: ArrayInput): Dataset<[HostArray, HostArray, HostArray]>;
  static fromArrays(x: ArrayInput, y?: ArrayInput, sampleWeight?: ArrayInput): Dataset<HostArray | HostArray[]> {
    const parts = [toHostArray(x, 'x')];
    if (y !== undefined) parts.push(toHostArray(y, 'y'));
    if (sampleWeight !== undefined) parts.push(toHostArray(sampleWeight, 'sampleWeight'));
    const names = ['x', 'y', 'sampleWeight'];
    const n = parts[0].shape[0];
    parts.forEach((p, i) => {
      if (p.shape.length === 0) throw new Error(`fromArrays: ${names[i]} needs a first (sample) axis, got a scalar`);
      if (p.shape[0] !== n) throw new Error(`fromArrays: ${names[i]} has ${p.shape[0]} samples, x has ${n}`);
    });
    return new Dataset(async function* () {
      for (let i = 0; i < n; i++) {
        yield parts.length === 1 ? sliceFirstAxis(parts[0], i) : parts.map((p) => sliceFirstAxis(p, i));
      }
    });
  }

  /**
   * Numeric CSV rows, streamed line by line (a Node path, a file: or http(s) URL, a web
   * ReadableStream or any async iterable of chunks; a one-shot stream can be iterated only
   * once): `[features, label]` float32 vectors when
   * `label` is given, else `features`. A label of one column has shape `[1]`.
   */
  static fromCsv(src: ByteSource, options: CsvOptions & { label: NonNullable<CsvOptions['label']> }): Dataset<[HostArray, HostArray]>;
  static fromCsv(src: ByteSource, options?: CsvOptions): Dataset<HostArray>;
  static fromCsv(src: ByteSource, options: CsvOptions = {}): Dataset<HostArray | [HostArray, HostArray]> {
    options = CSV_OPTIONS.read(options, 'Dataset.fromCsv');
    return new Dataset(() => readCsv(src, options));
  }

  /** An IDX file (MNIST family), plain or gzipped, one sample (first-axis slice) at a time. */
  static fromIdx(src: ByteSource, options: OpenBytesOptions = {}): Dataset<HostArray> {
    options = OPEN_BYTES_OPTIONS.read(options, 'Dataset.fromIdx');
    return new Dataset(() => readIdx(src, options));
  }

  /** Zips datasets into tuples; ends with the shortest. `zip(images, labels)` gives `[x, y]`. */
  static zip<A extends readonly Dataset<unknown>[]>(...datasets: A): Dataset<{ [K in keyof A]: A[K] extends Dataset<infer U> ? U : never }> {
    type Out = { [K in keyof A]: A[K] extends Dataset<infer U> ? U : never };
    return new Dataset(async function* () {
      const its = datasets.map((d) => d[Symbol.asyncIterator]());
      try {
        while (true) {
          const rs = await Promise.all(its.map((it) => it.next()));
          if (rs.some((r) => r.done)) return;
          yield rs.map((r) => r.value) as unknown as Out;
        }
      } finally {
        await Promise.all(its.map((it) => it.return?.()));
      }
    });
  }

  private derive<U>(gen: (upstream: AsyncIterable<T>) => AsyncGenerator<U, void, undefined>): Dataset<U> {
    return new Dataset(() => gen(this));
  }

  /** Applies `fn` (sync or async) to each element, one at a time, in order. */
  map<U>(fn: (x: T) => U | Promise<U>): Dataset<U> {
    return this.derive(async function* (up) {
      for await (const x of up) yield await fn(x);
    });
  }

  /** Keeps the elements for which `fn` (sync or async) returns true. */
  filter(fn: (x: T) => boolean | Promise<boolean>): Dataset<T> {
    return this.derive(async function* (up) {
      for await (const x of up) if (await fn(x)) yield x;
    });
  }

  /** Stacks `n` consecutive elements along a new first axis, keeping their structure. */
  batch(n: number, options: BatchOptions = {}): Dataset<T> {
    options = BATCH_OPTIONS.read(options, 'batch');
    if (!(n >= 1)) throw new Error(`batch: batch size must be >= 1, got ${n}`);
    return this.derive(async function* (up) {
      let buf: T[] = [];
      for await (const x of up) {
        buf.push(x);
        if (buf.length === n) {
          yield stackElements(buf as Element[]) as T;
          buf = [];
        }
      }
      if (buf.length > 0 && !options.dropRemainder) yield stackElements(buf as Element[]) as T;
    });
  }

  /**
   * Buffered (reservoir-style) shuffle: fills a buffer of `bufferSize` elements, then yields
   * a random one and refills its slot. Iteration k draws from a PRNG seeded with
   * `deriveSeed(seed, k)`: with a seed, the sequence of orders over iterations is the same
   * run after run (and two Datasets built alike agree), yet each epoch's order differs.
   * Without a seed each iteration draws a fresh random seed. `reshuffleEachIteration: false`
   * makes every iteration use the same order (needs a seed to be reproducible across runs).
   */
  shuffle(bufferSize: number, seed?: number, reshuffleEachIteration = true): Dataset<T> {
    if (!(bufferSize >= 1)) throw new Error(`shuffle: bufferSize must be >= 1, got ${bufferSize}`);
    const base = seed ?? randomSeed();
    let iteration = 0;
    return new Dataset(() => {
      const k = iteration++;
      const s = seed === undefined && reshuffleEachIteration ? randomSeed() : deriveSeed(base, reshuffleEachIteration ? k : 0);
      const rand = mulberry32(s);
      const up = this;
      return (async function* () {
        const buf: T[] = [];
        for await (const x of up) {
          if (buf.length < bufferSize) {
            buf.push(x);
            continue;
          }
          const j = Math.floor(rand() * bufferSize);
          yield buf[j];
          buf[j] = x;
        }
        while (buf.length > 0) {
          const j = Math.floor(rand() * buf.length);
          yield buf[j];
          buf[j] = buf[buf.length - 1];
          buf.pop();
        }
      })();
    });
  }

  /** Iterates the upstream `n` times (forever without `n`); stops if a pass yields nothing. */
  repeat(n?: number): Dataset<T> {
    return this.derive(async function* (up) {
      for (let r = 0; n === undefined || r < n; r++) {
        let any = false;
        for await (const x of up) {
          any = true;
          yield x;
        }
        if (!any) return;
      }
    });
  }

  /** The first `n` elements (none when `n` <= 0); the upstream is closed once they are taken. */
  take(n: number): Dataset<T> {
    return this.derive(async function* (up) {
      if (n <= 0) return;
      let k = 0;
      for await (const x of up) {
        yield x;
        if (++k >= n) return;
      }
    });
  }

  /** Every element after the first `n`. */
  skip(n: number): Dataset<T> {
    return this.derive(async function* (up) {
      let k = 0;
      for await (const x of up) if (k++ >= n) yield x;
    });
  }

  /** Pulls up to `n` elements ahead of the consumer on a PrefetchQueue. */
  prefetch(n: number): Dataset<T> {
    return new Dataset(() => PrefetchQueue.fromIterator(this[Symbol.asyncIterator](), { maxQueueSize: n }));
  }

  /** Collects every element (for finite datasets). */
  async toArray(): Promise<T[]> {
    const out: T[] = [];
    for await (const x of this) out.push(x);
    return out;
  }
}
