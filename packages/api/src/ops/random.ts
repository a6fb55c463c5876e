import { fromHost } from './create.js';
import { sizeOf } from '../tensor/shape.js';
import type { Tensor } from '../tensor/tensor.js';

/**
 * Seeded pseudo-random numbers, generated on the host and uploaded, so every backend
 * sees the same values for the same seed (cross-backend model cases depend on it).
 * The generator is sfc32 (small, fast, passes PractRand for our purposes).
 */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = seed >>> 0;
    for (let i = 0; i < 15; i++) this.nextUint32();
  }

  /** The next raw draw: an integer in [0, 2^32); every other draw is built on it. */
  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Standard normal (Box-Muller). */
  normal(): number {
    let u = this.next();
    while (u === 0) u = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Fisher-Yates shuffle in place. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }

  /** A generator derived from this one, for a sub-stream (one per layer, say). */
  fork(): Random {
    return new Random(this.nextUint32());
  }
}

let global = new Random((Math.random() * 4294967296) >>> 0);

/** Seeds the global generator: initializers, dropout and shuffling become reproducible. */
export function setRandomSeed(seed: number): void {
  if (!Number.isFinite(seed)) throw new Error(`setRandomSeed: seed must be a finite number, got ${seed}`);
  global = new Random(seed);
}

/** The generator for `seed`, or the global one. */
export function rng(seed?: number): Random {
  return seed === undefined ? global : new Random(seed);
}

/** `n` uniform values in [lo, hi), drawn on the host. */
export function sampleUniform(r: Random, n: number, lo: number, hi: number): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = lo + (hi - lo) * r.next();
  return out;
}

/** `n` normal values; `truncated` redraws any beyond two standard deviations (Keras's truncated normal). */
export function sampleNormal(r: Random, n: number, mean: number, stddev: number, truncated: boolean): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let v = r.normal();
    if (truncated) while (Math.abs(v) > 2) v = r.normal();
    out[i] = mean + stddev * v;
  }
  return out;
}

const generator = (seed: number | Random | undefined): Random => (seed instanceof Random ? seed : rng(seed));

/**
 * A float32 tensor of `shape` with values uniform in [minval, maxval) (defaults 0 and 1).
 * `seed` (a number or a `Random`) makes it reproducible; without one the global generator draws.
 */
export function randomUniform(shape: readonly number[], minval = 0, maxval = 1, seed?: number | Random): Tensor {
  return fromHost(sampleUniform(generator(seed), sizeOf(shape), minval, maxval), shape, 'float32');
}

/**
 * A float32 tensor of `shape` with normal values of `mean` and `stddev` (defaults 0 and 1);
 * `seed` as in `randomUniform`.
 */
export function randomNormal(shape: readonly number[], mean = 0, stddev = 1, seed?: number | Random): Tensor {
  return fromHost(sampleNormal(generator(seed), sizeOf(shape), mean, stddev, false), shape, 'float32');
}

/** Normal values redrawn until within two standard deviations (Keras's truncated normal). */
export function truncatedNormal(shape: readonly number[], mean = 0, stddev = 1, seed?: number | Random): Tensor {
  return fromHost(sampleNormal(generator(seed), sizeOf(shape), mean, stddev, true), shape, 'float32');
}
