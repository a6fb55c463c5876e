import { optionKeys } from '@layerwise/data';
import { LAYER_OPTIONS } from '../layer-options.js';
import type { Tensor } from '../../tensor/tensor.js';
import { cast, expandDims, greater, max, mul, notEqual } from '../../ops/index.js';
import { Layer, type CallArgs, type LayerArgs } from '../layer.js';
import type { Shape } from '../shape.js';
import { assertMinInputRank } from './input-checks.js';

export interface MaskingArgs extends LayerArgs {
  /** Timesteps whose features all equal this value are masked (skipped downstream). Default 0. */
  maskValue?: number;
}

const OPTIONS = optionKeys<MaskingArgs>()(['maskValue'], { base: [LAYER_OPTIONS] });

/**
 * Masks timesteps whose features all equal `maskValue`: the mask is
 * any(x != maskValue) over the last axis, and masked timesteps are zeroed in the output.
 */
export class Masking extends Layer {
  readonly className = 'Masking';
  /** Timesteps whose features all equal this value are masked. */
  readonly maskValue: number;

  constructor(args: MaskingArgs = {}) {
    args = OPTIONS.readFor(args, Masking, new.target);
    super(args);
    const v = args.maskValue ?? 0;
    if (typeof v !== 'number' || Number.isNaN(v)) throw new Error(`${this.name}: maskValue must be a number, got ${JSON.stringify(args.maskValue)}`);
    this.maskValue = v;
    this.supportsMasking = true;
  }

  override build(inputShape: Shape): void {
    assertMinInputRank(this.name, inputShape, 2, '(batch, ..., features)');
  }

  /** [batch, ...] bool: true where some feature differs from maskValue. */
  private keep(x: Tensor): Tensor {
    return greater(max(cast(notEqual(x, this.maskValue), 'float32'), -1), 0);
  }

  override computeMask(x: Tensor, _mask: Tensor | null): Tensor | null {
    return this.keep(x);
  }

  call(x: Tensor, _args: CallArgs): Tensor {
    assertMinInputRank(this.name, x.shape, 2, '(batch, ..., features)');
    return mul(x, expandDims(cast(this.keep(x), 'float32'), -1));
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), maskValue: this.maskValue };
  }
}
