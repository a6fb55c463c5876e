import { LAYER_OPTIONS } from '../layer-options.js';
import { optionKeys } from '@layerwise/data';
import type { Tensor } from '../../tensor/tensor.js';
import { max, mean } from '../../ops/index.js';
import { Layer, type CallArgs, type LayerArgs } from '../layer.js';
import type { Shape } from '../shape.js';
import { spatialLayout, normalizeDataFormat, type DataFormat } from '../core/data-format.js';
import { assertInputRank } from '../core/input-checks.js';

/** The options of the global pooling layers. */
export interface GlobalPoolingArgs extends LayerArgs {
  /** 'channelsLast' (the default; Keras's 'channels_last') or 'channelsFirst'. */
  dataFormat?: DataFormat | 'channels_last' | 'channels_first';
}

/** The options of every global pooling layer. */
export const GLOBAL_POOLING_OPTIONS = optionKeys<GlobalPoolingArgs>()(['dataFormat'], { base: [LAYER_OPTIONS] });

/** Keras's _GlobalPooling1D/2D/3D: reduces every spatial axis, leaving [batch, channels]. */
export abstract class GlobalPooling extends Layer {
  /** The number of spatial axes (1, 2 or 3). */
  readonly rank: number;
  /** Where the channels axis is. */
  readonly dataFormat: DataFormat;

  constructor(rank: number, args: GlobalPoolingArgs) {
    super(args);
    this.rank = rank;
    this.dataFormat = normalizeDataFormat(args.dataFormat, this.name);
  }

  /** The spatial axes of an input (batch axis is 0). */
  protected get spatialAxes(): number[] {
    const first = this.dataFormat === 'channelsLast' ? 1 : 2;
    return Array.from({ length: this.rank }, (_, i) => first + i);
  }

  /** Throws unless `shape` has the batch, spatial and channel axes this layer expects. */
  protected checkRank(shape: readonly (number | null)[]): void {
    assertInputRank(this.name, shape, [this.rank + 2], spatialLayout(this.rank, this.dataFormat));
  }

  override build(inputShape: Shape): void {
    this.checkRank(inputShape);
  }

  /** `[batch, channels]`: every spatial axis pooled away. */
  override computeOutputShape(inputShape: Shape): Shape {
    this.checkRank(inputShape);
    return [inputShape[0], inputShape[this.dataFormat === 'channelsLast' ? this.rank + 1 : 1]];
  }

  /** The output has no time axis left, so no mask goes on. */
  override computeMask(_x: Tensor, _mask: Tensor | null): Tensor | null {
    return null;
  }

  abstract override call(x: Tensor, args: CallArgs): Tensor;

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), dataFormat: this.dataFormat };
  }
}

/** Maximum over every spatial axis. */
export abstract class GlobalMaxPooling extends GlobalPooling {
  call(x: Tensor, _args: CallArgs): Tensor {
    this.checkRank(x.shape);
    return max(x, this.spatialAxes);
  }
}

/** Mean over every spatial axis. */
export abstract class GlobalAveragePooling extends GlobalPooling {
  call(x: Tensor, _args: CallArgs): Tensor {
    this.checkRank(x.shape);
    return mean(x, this.spatialAxes);
  }
}
