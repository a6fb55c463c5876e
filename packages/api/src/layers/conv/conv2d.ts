import { optionKeys } from '@layerwise/data';
import type { Tensor } from '../../tensor/tensor.js';
import type { FusedActivation } from '../../kernel/kernel.js';
import { conv2d } from '../../ops/index.js';
import type { Conv2DOptions } from '../../ops/conv.js';
import { fusedConv2d } from '../../ops/fused.js';
import { Conv, CONV_OPTIONS, type ConvArgs } from './conv.js';
import type { WindowedArgs } from './window-args.js';

/** Conv2D's options: filters and kernelSize (a number or [kh, kw]) are required; strides and dilationRate default 1, padding 'valid'. */
export type Conv2DArgs = WindowedArgs<ConvArgs, 2>;

const OPTIONS = optionKeys<Conv2DArgs>()([], { base: [CONV_OPTIONS] });

/** Spatial convolution: kernel [kh, kw, inChannels, filters], then bias [filters]. */
export class Conv2D extends Conv {
  readonly className = 'Conv2D';

  constructor(args: Conv2DArgs) {
    args = OPTIONS.readFor(args, Conv2D, new.target);
    super(2, args);
  }

  private options(): Conv2DOptions {
    return { strides: [this.strides[0], this.strides[1]], padding: this.padding, dilations: [this.dilationRate[0], this.dilationRate[1]] };
  }

  protected convolve(x: Tensor): Tensor {
    return conv2d(x, this.kernel!.value, this.options());
  }

  protected override convolveFused(x: Tensor, bias: Tensor | null, activation: FusedActivation): Tensor {
    return fusedConv2d(x, this.kernel!.value, bias, activation, this.options());
  }
}
