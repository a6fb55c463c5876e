import { optionKeys } from '@layerwise/data';
import { LAYER_OPTIONS } from '../layer-options.js';
import type { Tensor } from '../../tensor/tensor.js';
import { cast, div, greaterEqual, mul, randomUniform, Random, rng } from '../../ops/index.js';
import { Layer, type CallArgs, type LayerArgs } from '../layer.js';
import type { Shape } from '../shape.js';
import { fmtKerasShape } from '../shape.js';
import { checkRate } from './arg-checks.js';

export interface DropoutArgs extends LayerArgs {
  /** Fraction of the inputs to drop, in [0, 1). */
  rate: number;
  /** Shape of the keep/drop mask (batch axis included); null entries take the input's size, 1 shares the mask along that axis. */
  noiseShape?: (number | null)[] | null;
  /** Seeds this layer's own random stream; without it masks come from the global generator (see setRandomSeed). */
  seed?: number | null;
}

/** Dropout's options (AlphaDropout takes the same). */
export const DROPOUT_OPTIONS = optionKeys<DropoutArgs>()(['noiseShape', 'rate', 'seed'], { base: [LAYER_OPTIONS] });

/**
 * Keras's inverted dropout: while training, each element is zeroed with probability
 * `rate` and the survivors are scaled by 1 / (1 - rate); at inference it is the identity.
 */
export class Dropout extends Layer {
  readonly className: string = 'Dropout';
  /** The fraction dropped while training. */
  readonly rate: number;
  /** The shape of the random mask, Keras's noise_shape. */
  readonly noiseShape: (number | null)[] | null;
  /** The seed of its random numbers (null: unseeded). */
  readonly seed: number | null;
  private readonly random: Random | null;

  constructor(args: DropoutArgs) {
    args = DROPOUT_OPTIONS.readFor(args, Dropout, new.target);
    super(args);
    this.rate = checkRate(args.rate, this.name);
    const noiseShape = args.noiseShape ?? null;
    if (noiseShape !== null && (!Array.isArray(noiseShape) || noiseShape.some((d) => d !== null && (!Number.isInteger(d) || d < 1)))) {
      throw new Error(`${this.name}: noiseShape must be an array of positive integers or nulls, got ${JSON.stringify(noiseShape)}`);
    }
    if (args.seed !== undefined && args.seed !== null && !Number.isFinite(args.seed)) {
      throw new Error(`${this.name}: seed must be a finite number, got ${args.seed}`);
    }
    this.noiseShape = noiseShape ? noiseShape.slice() : null;
    this.seed = args.seed ?? null;
    this.random = this.seed === null ? null : new Random(this.seed);
    this.supportsMasking = true;
  }

  /** The shape of the keep/drop mask for an input of `shape` (SpatialDropout overrides it). */
  protected resolveNoiseShape(shape: readonly number[]): number[] {
    if (!this.noiseShape) return shape.slice();
    if (this.noiseShape.length !== shape.length) {
      throw new Error(`${this.name}: noiseShape ${JSON.stringify(this.noiseShape)} must have one entry per input axis, input has shape ${fmtKerasShape(shape as Shape)}`);
    }
    return this.noiseShape.map((d, i) => {
      const size = d ?? shape[i];
      if (size !== 1 && size !== shape[i]) {
        throw new Error(`${this.name}: noiseShape ${JSON.stringify(this.noiseShape)} does not broadcast to the input shape ${fmtKerasShape(shape as Shape)} (axis ${i})`);
      }
      return size;
    });
  }

  /** 1 where an element is kept, 0 where it is dropped, of the noise shape (from this layer's stream). */
  protected keepMask(x: Tensor): Tensor {
    const noise = randomUniform(this.resolveNoiseShape(x.shape), 0, 1, this.random ?? rng());
    // Keep where u >= rate, as TensorFlow's floor(keep_prob + u) does.
    return cast(greaterEqual(noise, this.rate), 'float32');
  }

  call(x: Tensor, args: CallArgs): Tensor {
    if (!args.training || this.rate === 0) return x;
    return mul(x, div(this.keepMask(x), 1 - this.rate));
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), rate: this.rate, noiseShape: this.noiseShape, seed: this.seed };
  }
}
