import { optionKeys } from '@layerwise/data';
import type { Tensor } from '../../tensor/tensor.js';
import { conv1d } from '../../ops/index.js';
import { Conv, CONV_OPTIONS, type ConvArgs } from './conv.js';
import type { WindowedArgs } from './window-args.js';

/** Conv1D's arguments; padding 'causal' pads the start of the time axis only, so output t sees inputs up to t. */
export type Conv1DArgs = WindowedArgs<ConvArgs, 1, 'valid' | 'same' | 'causal'>;

const OPTIONS = optionKeys<Conv1DArgs>()([], { base: [CONV_OPTIONS] });

/** Temporal convolution: [batch, steps, channels] with kernel [kernelSize, channels, filters]. */
export class Conv1D extends Conv {
  readonly className = 'Conv1D';

  constructor(args: Conv1DArgs) {
    args = OPTIONS.readFor(args, Conv1D, new.target);
    super(1, args);
  }

  protected convolve(x: Tensor): Tensor {
    return conv1d(x, this.kernel!.value, { stride: this.strides[0], padding: this.padding, dilation: this.dilationRate[0] });
  }
}
