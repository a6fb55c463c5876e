import { optionKeys } from '@layerwise/data';
import { LAYER_OPTIONS } from '../layer-options.js';
import type { Tensor } from '../../tensor/tensor.js';
import { reshape, transpose } from '../../ops/index.js';
import { Layer, type CallArgs, type LayerArgs } from '../layer.js';
import type { Shape } from '../shape.js';
import { fmtKerasShape } from '../shape.js';
import { normalizeDataFormat, toChannelsLastPerm, type DataFormat } from './data-format.js';
import { assertMinInputRank } from './input-checks.js';

export interface FlattenArgs extends LayerArgs {
  /** 'channelsFirst' inputs are moved to channels-last first, so the order matches a channels-last model. */
  dataFormat?: DataFormat | 'channels_last' | 'channels_first';
}

const OPTIONS = optionKeys<FlattenArgs>()(['dataFormat'], { base: [LAYER_OPTIONS] });

/** [batch, d1, d2, ...] -> [batch, d1 * d2 * ...]. As in Keras 2, the input needs rank >= 3. */
export class Flatten extends Layer {
  readonly className = 'Flatten';
  /** The input's channel layout (default 'channelsLast'). */
  readonly dataFormat: DataFormat;

  constructor(args: FlattenArgs = {}) {
    args = OPTIONS.readFor(args, Flatten, new.target);
    super(args);
    this.dataFormat = normalizeDataFormat(args.dataFormat, this.name);
  }

  override build(inputShape: Shape): void {
    this.outputSize(inputShape);
  }

  private outputSize(inputShape: Shape): number {
    assertMinInputRank(this.name, inputShape, 3, '(batch, d1, d2, ...)');
    const rest = inputShape.slice(1);
    if (rest.some((d) => d === null)) {
      throw new Error(`${this.name}: the input shape ${fmtKerasShape(inputShape)} must be fully defined apart from the batch axis (pass inputShape to an earlier layer)`);
    }
    return (rest as number[]).reduce((a, b) => a * b, 1);
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return [inputShape[0], this.outputSize(inputShape)];
  }

  call(x: Tensor, _args: CallArgs): Tensor {
    assertMinInputRank(this.name, x.shape, 3, '(batch, d1, d2, ...)');
    const channelsLast = this.dataFormat === 'channelsFirst' ? transpose(x, toChannelsLastPerm(x.rank)) : x;
    return reshape(channelsLast, [x.shape[0], x.shape.slice(1).reduce((a, b) => a * b, 1)]);
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), dataFormat: this.dataFormat };
  }
}
