import { optionKeys } from '@layerwise/data';
import type { Tensor } from '../../tensor/tensor.js';
import { add, reshape, transpose } from '../../ops/index.js';
import { LOCALLY_CONNECTED_OPTIONS, LocallyConnected, type LocallyConnectedArgs } from './locally-connected.js';
import type { WindowedArgs } from './window-args.js';

/** LocallyConnected2D's options: filters and kernelSize (a number or [kh, kw]) are required; strides default 1. */
export type LocallyConnected2DArgs = Omit<WindowedArgs<LocallyConnectedArgs, 2, 'valid'>, 'dilationRate'>;

const OPTIONS = optionKeys<LocallyConnected2DArgs>()([], { base: [LOCALLY_CONNECTED_OPTIONS] });

/**
 * Unshared-weights 2-D convolution on [batch, rows, cols, channels] (or channels first):
 * kernel [outRows * outCols, kh * kw * channels, filters], bias [outRows, outCols, filters].
 * As in Keras 2.2.4, each patch's features are (row, col, channel) for channels-last input
 * and (channel, row, col) for channels-first input, and a channels-first layer adds its
 * bias buffer read as [filters, outRows, outCols] (Keras reshapes it, it does not transpose).
 */
export class LocallyConnected2D extends LocallyConnected {
  readonly className = 'LocallyConnected2D';

  constructor(args: LocallyConnected2DArgs) {
    args = OPTIONS.readFor(args, LocallyConnected2D, new.target);
    super(2, args);
  }

  protected channelsMajor(): boolean {
    return this.dataFormat === 'channelsFirst';
  }

  protected override addBias(y: Tensor, bias: Tensor): Tensor {
    if (this.dataFormat === 'channelsLast') return add(y, bias);
    const [rows, cols, filters] = bias.shape;
    return add(y, transpose(reshape(bias, [filters, rows, cols]), [1, 2, 0]));
  }
}
