import { optionKeys } from '@layerwise/data';
import type { DType } from '../kernel/dtypes.js';
import type { Tensor } from '../tensor/tensor.js';
import { fill, tensor } from '../ops/create.js';
import { Random, rng, sampleNormal, sampleUniform } from '../ops/random.js';
import { sizeOf } from '../tensor/shape.js';

/** An initializer in Keras's serialised form (`{ className: 'GlorotUniform', config: { seed: null } }`). */
export interface InitializerConfig {
  /** The Keras class name. */
  className: string;
  /** Its constructor arguments. */
  config: Record<string, unknown>;
}

// Each initializer's options (Keras's snake_case accepted, unknown keys refused). tf.keras 1.x
// writes a `dtype` into initializer configs (and `verify_shape` into Constant's): weights are
// float32 here, and the shape is always the weight's.
const FLOAT32 = { dtype: { why: 'weights are float32', accepts: (v: unknown) => v === null || v === 'float32' } };
const EXTRA = { ignored: FLOAT32 };
const CONSTANT_OPTIONS = optionKeys<{ value?: number }>()([
  'value',
], { ignored: { ...FLOAT32, verifyShape: { why: 'the shape is the weight\'s' } } });
const SEED_OPTIONS = optionKeys<{ seed?: number }>()(['seed'], EXTRA);
/** A VarianceScaling preset's one option. */
const seedOf = (args: { seed?: number }, name: string): number | undefined => SEED_OPTIONS.read(args, name).seed;
const UNIFORM_OPTIONS = optionKeys<{ minval?: number; maxval?: number; seed?: number }>()(['minval', 'maxval', 'seed'], EXTRA);
const NORMAL_OPTIONS = optionKeys<{ mean?: number; stddev?: number; seed?: number }>()(['mean', 'stddev', 'seed'], EXTRA);
const VARIANCE_SCALING_OPTIONS = optionKeys<{ scale?: number; mode?: FanMode; distribution?: Distribution; seed?: number }>()([
  'scale', 'mode', 'distribution', 'seed',
], EXTRA);
const ORTHOGONAL_OPTIONS = optionKeys<{ gain?: number; seed?: number }>()(['gain', 'seed'], EXTRA);
const IDENTITY_OPTIONS = optionKeys<{ gain?: number }>()(['gain'], EXTRA);

/** Makes a weight's starting value. */
export abstract class Initializer {
  /** The Keras class name ('GlorotUniform'), used when saving. */
  abstract readonly className: string;
  /** A new tensor of `shape` holding starting values (the caller owns it). */
  abstract apply(shape: readonly number[], dtype?: DType): Tensor;
  /** Its constructor arguments, for saving. */
  getConfig(): Record<string, unknown> {
    return {};
  }
  /** The serialised form: class name and config. */
  toJSON(): InitializerConfig {
    return { className: this.className, config: this.getConfig() };
  }
}

/** All zeros. */
export class Zeros extends Initializer {
  readonly className = 'Zeros';
  apply(shape: readonly number[], dtype: DType = 'float32'): Tensor { return fill(shape, 0, dtype); }
}

/** All ones. */
export class Ones extends Initializer {
  readonly className = 'Ones';
  apply(shape: readonly number[], dtype: DType = 'float32'): Tensor { return fill(shape, 1, dtype); }
}

/** Every element `value` (default 0). */
export class Constant extends Initializer {
  readonly className = 'Constant';
  /** The value every element gets. */
  readonly value: number;
  constructor(args: { value?: number } = {}) { args = CONSTANT_OPTIONS.read(args, 'Constant'); super(); this.value = args.value ?? 0; }
  apply(shape: readonly number[], dtype: DType = 'float32'): Tensor { return fill(shape, this.value, dtype); }
  override getConfig() {
    return {
      /** The value every element gets. */
      value: this.value,
    };
  }
}

/** Base for initializers that draw numbers: a seed makes them reproducible. */
abstract class RandomInitializer extends Initializer {
  /** The seed (undefined: a fresh random stream each time). */
  readonly seed: number | undefined;
  constructor(seed?: number) { super(); this.seed = seed; }
  /** The random stream for one `apply`. */
  protected random(): Random { return rng(this.seed); }
  /** Draw `n` values for a weight of `shape`. */
  protected abstract sample(r: Random, n: number, shape: readonly number[]): Float32Array;
  apply(shape: readonly number[]): Tensor {
    return tensor(this.sample(this.random(), sizeOf(shape), shape), shape.slice(), 'float32');
  }
  /** Its constructor arguments, for saving; `seed` is null (Keras's None) when none was given. */
  override getConfig(): Record<string, unknown> { return { seed: this.seed ?? null }; }
}

/** Values uniform in [minval, maxval) (Keras's RandomUniform / `random_uniform`). */
export class RandomUniform extends RandomInitializer {
  readonly className = 'RandomUniform';
  /** Lower bound, included (default -0.05). */
  readonly minval: number;
  /** Upper bound, excluded (default 0.05). */
  readonly maxval: number;
  constructor(args: { minval?: number; maxval?: number; seed?: number } = {}) {
    args = UNIFORM_OPTIONS.read(args, 'RandomUniform');
    super(args.seed);
    this.minval = args.minval ?? -0.05;
    this.maxval = args.maxval ?? 0.05;
  }
  protected sample(r: Random, n: number) { return sampleUniform(r, n, this.minval, this.maxval); }
  override getConfig() {
    return {
      /** Lower bound, included. */
      minval: this.minval,
      /** Upper bound, excluded. */
      maxval: this.maxval,
      /** The seed, or null (Keras's None) for none. */
      seed: this.seed ?? null,
    };
  }
}

/** RandomNormal and TruncatedNormal: the same arguments, with or without the 2-sigma redraw. */
abstract class NormalInitializer extends RandomInitializer {
  /** Whether values beyond two standard deviations are redrawn (TruncatedNormal) or kept (RandomNormal). */
  protected abstract readonly truncated: boolean;
  /** Mean of the distribution (default 0). */
  readonly mean: number;
  /** Standard deviation of the distribution before any truncation (default 0.05). */
  readonly stddev: number;
  constructor(args: { mean?: number; stddev?: number; seed?: number } = {}) {
    args = NORMAL_OPTIONS.read(args, new.target.name);
    super(args.seed);
    this.mean = args.mean ?? 0;
    this.stddev = args.stddev ?? 0.05;
  }
  protected sample(r: Random, n: number) { return sampleNormal(r, n, this.mean, this.stddev, this.truncated); }
  override getConfig() {
    return {
      /** Mean of the distribution. */
      mean: this.mean,
      /** Standard deviation of the distribution. */
      stddev: this.stddev,
      /** The seed, or null (Keras's None) for none. */
      seed: this.seed ?? null,
    };
  }
}

/** Normal values of `mean` and `stddev` (defaults 0 and 0.05; Keras's RandomNormal / `random_normal`). */
export class RandomNormal extends NormalInitializer {
  readonly className = 'RandomNormal';
  /** Never truncated. */
  protected readonly truncated = false;
}

/**
 * Normal values of `mean` and `stddev` (defaults 0 and 0.05), any beyond two standard deviations
 * redrawn (Keras's TruncatedNormal / `truncated_normal`).
 */
export class TruncatedNormal extends NormalInitializer {
  readonly className = 'TruncatedNormal';
  /** Always truncated at two standard deviations. */
  protected readonly truncated = true;
}

/** Keras's fan computation: dense [in, out]; conv [...receptive, in, out]. */
export function computeFans(shape: readonly number[]): [number, number] {
  if (shape.length === 0) return [1, 1];
  if (shape.length === 1) return [shape[0], shape[0]];
  if (shape.length === 2) return [shape[0], shape[1]];
  const receptive = sizeOf(shape.slice(0, -2));
  return [shape[shape.length - 2] * receptive, shape[shape.length - 1] * receptive];
}

/**
 * Which fan `VarianceScaling` divides the scale by: the input units, the output units or
 * their mean (Keras's mode 'fan_in', 'fan_out', 'fan_avg'). See `computeFans`.
 */
export type FanMode = 'fanIn' | 'fanOut' | 'fanAvg';
/**
 * What `VarianceScaling` draws from: 'normal' and 'truncatedNormal' a normal truncated at two
 * standard deviations and rescaled to keep the asked variance (Keras 2.2.4's 'normal');
 * 'untruncatedNormal' a plain normal; 'uniform' uniform in [-sqrt(3 variance), sqrt(3 variance)).
 */
export type Distribution = 'normal' | 'truncatedNormal' | 'uniform' | 'untruncatedNormal';

/**
 * Values of variance `scale / fan` (the fan picked by `mode`, at least 1), drawn from
 * `distribution` (Keras's VarianceScaling). The Glorot, He and Lecun initializers are presets of it.
 */
export class VarianceScaling extends RandomInitializer {
  className = 'VarianceScaling';
  /** Multiplier of the variance, > 0 (default 1). */
  readonly scale: number;
  /** The fan the variance is divided by (default 'fanIn'). */
  readonly mode: FanMode;
  /** What values are drawn from (default 'normal', truncated as in Keras 2.2.4). */
  readonly distribution: Distribution;
  constructor(args: { scale?: number; mode?: FanMode; distribution?: Distribution; seed?: number } = {}) {
    args = VARIANCE_SCALING_OPTIONS.read(args, 'VarianceScaling');
    super(args.seed);
    this.scale = args.scale ?? 1;
    this.mode = args.mode ?? 'fanIn';
    this.distribution = args.distribution ?? 'normal';
    if (!(this.scale > 0)) throw new Error(`VarianceScaling: scale must be > 0, got ${this.scale}`);
  }
  protected sample(r: Random, n: number, shape: readonly number[]): Float32Array {
    const [fanIn, fanOut] = computeFans(shape);
    const fan = this.mode === 'fanIn' ? fanIn : this.mode === 'fanOut' ? fanOut : (fanIn + fanOut) / 2;
    const variance = this.scale / Math.max(1, fan);
    if (this.distribution === 'uniform') {
      const limit = Math.sqrt(3 * variance);
      return sampleUniform(r, n, -limit, limit);
    }
    if (this.distribution === 'untruncatedNormal') return sampleNormal(r, n, 0, Math.sqrt(variance), false);
    // Keras divides by the std of a unit normal truncated at 2 sigma, so the variance is as asked.
    return sampleNormal(r, n, 0, Math.sqrt(variance) / 0.87962566103423978, true);
  }
  /** `{ scale, mode, distribution, seed }`, for saving (seed null when none was given). */
  override getConfig(): Record<string, unknown> { return { scale: this.scale, mode: this.mode, distribution: this.distribution, seed: this.seed ?? null }; }
}

/** The named presets of VarianceScaling; their config holds only the seed, as in Keras. */
abstract class VarianceScalingPreset extends VarianceScaling {
  /** Only the seed (`{ seed }`, null for none): scale, mode and distribution are fixed by the class. */
  override getConfig(): Record<string, unknown> { return { seed: this.seed ?? null }; }
}

/** Uniform in [-limit, limit) with limit sqrt(6 / (fanIn + fanOut)): VarianceScaling(1, fanAvg, uniform); Keras's `glorot_uniform`, the Dense and Conv kernel default. */
export class GlorotUniform extends VarianceScalingPreset {
  constructor(args: { seed?: number } = {}) { super({ scale: 1, mode: 'fanAvg', distribution: 'uniform', seed: seedOf(args, 'GlorotUniform') }); this.className = 'GlorotUniform'; }
}

/** Truncated normal of stddev sqrt(2 / (fanIn + fanOut)): VarianceScaling(1, fanAvg, normal); Keras's `glorot_normal`. */
export class GlorotNormal extends VarianceScalingPreset {
  constructor(args: { seed?: number } = {}) { super({ scale: 1, mode: 'fanAvg', distribution: 'normal', seed: seedOf(args, 'GlorotNormal') }); this.className = 'GlorotNormal'; }
}

/** Uniform in [-limit, limit) with limit sqrt(6 / fanIn): VarianceScaling(2, fanIn, uniform); Keras's `he_uniform`. */
export class HeUniform extends VarianceScalingPreset {
  constructor(args: { seed?: number } = {}) { super({ scale: 2, mode: 'fanIn', distribution: 'uniform', seed: seedOf(args, 'HeUniform') }); this.className = 'HeUniform'; }
}

/** Truncated normal of stddev sqrt(2 / fanIn): VarianceScaling(2, fanIn, normal); Keras's `he_normal`. */
export class HeNormal extends VarianceScalingPreset {
  constructor(args: { seed?: number } = {}) { super({ scale: 2, mode: 'fanIn', distribution: 'normal', seed: seedOf(args, 'HeNormal') }); this.className = 'HeNormal'; }
}

/** Uniform in [-limit, limit) with limit sqrt(3 / fanIn): VarianceScaling(1, fanIn, uniform); Keras's `lecun_uniform`. */
export class LecunUniform extends VarianceScalingPreset {
  constructor(args: { seed?: number } = {}) { super({ scale: 1, mode: 'fanIn', distribution: 'uniform', seed: seedOf(args, 'LecunUniform') }); this.className = 'LecunUniform'; }
}

/** Truncated normal of stddev sqrt(1 / fanIn): VarianceScaling(1, fanIn, normal); Keras's `lecun_normal`. */
export class LecunNormal extends VarianceScalingPreset {
  constructor(args: { seed?: number } = {}) { super({ scale: 1, mode: 'fanIn', distribution: 'normal', seed: seedOf(args, 'LecunNormal') }); this.className = 'LecunNormal'; }
}

/** A (semi-)orthogonal matrix from the QR decomposition of a normal matrix (Keras's recurrent default). */
export class Orthogonal extends RandomInitializer {
  readonly className = 'Orthogonal';
  /** Multiplier of the orthogonal matrix (default 1). */
  readonly gain: number;
  constructor(args: { gain?: number; seed?: number } = {}) {
    args = ORTHOGONAL_OPTIONS.read(args, 'Orthogonal');
    super(args.seed);
    this.gain = args.gain ?? 1;
  }
  protected sample(r: Random, n: number, shape: readonly number[]): Float32Array {
    if (shape.length < 2) throw new Error(`Orthogonal: shape [${shape}] must have rank >= 2`);
    const cols = shape[shape.length - 1];
    const rows = n / Math.max(cols, 1);
    // Orthonormalise the columns (or rows) of the taller orientation with modified Gram-Schmidt.
    const tall = rows >= cols;
    const m = tall ? rows : cols;
    const k = tall ? cols : rows;
    const q: Float64Array[] = [];
    for (let j = 0; j < k; j++) {
      const v = new Float64Array(m);
      for (let i = 0; i < m; i++) v[i] = r.normal();
      for (const u of q) {
        let dot = 0;
        for (let i = 0; i < m; i++) dot += u[i] * v[i];
        for (let i = 0; i < m; i++) v[i] -= dot * u[i];
      }
      let norm = 0;
      for (let i = 0; i < m; i++) norm += v[i] * v[i];
      norm = Math.sqrt(norm) || 1;
      for (let i = 0; i < m; i++) v[i] /= norm;
      q.push(v);
    }
    const out = new Float32Array(n);
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) out[i * cols + j] = this.gain * (tall ? q[j][i] : q[i][j]);
    }
    return out;
  }
  override getConfig() {
    return {
      /** Multiplier of the orthogonal matrix. */
      gain: this.gain,
      /** The seed, or null (Keras's None) for none. */
      seed: this.seed ?? null,
    };
  }
}

/** `gain` times the identity matrix (2-D shapes only; a non-square one gets `gain` on its leading diagonal, zeros elsewhere). */
export class Identity extends Initializer {
  readonly className = 'Identity';
  /** The diagonal's value (default 1). */
  readonly gain: number;
  constructor(args: { gain?: number } = {}) { args = IDENTITY_OPTIONS.read(args, 'Identity'); super(); this.gain = args.gain ?? 1; }
  apply(shape: readonly number[]): Tensor {
    if (shape.length !== 2) throw new Error(`Identity: shape [${shape}] must be 2-D`);
    const data = new Float32Array(shape[0] * shape[1]);
    for (let i = 0; i < Math.min(shape[0], shape[1]); i++) data[i * shape[1] + i] = this.gain;
    return tensor(data, shape.slice(), 'float32');
  }
  override getConfig() {
    return {
      /** The diagonal's value. */
      gain: this.gain,
    };
  }
}
