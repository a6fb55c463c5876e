import { optionKeys } from '@layerwise/data';
import type { Tensor } from '../../tensor/tensor.js';
import type { FusedActivation } from '../../kernel/kernel.js';
import { conv2d, depthwiseConv2d } from '../../ops/index.js';
import { fusedConv2d } from '../../ops/fused.js';
import { SEPARABLE_CONV_OPTIONS, SeparableConv, type SeparableConvArgs } from './separable-conv.js';
import type { WindowedArgs } from './window-args.js';

/** SeparableConv2D's options: filters and kernelSize (a number or [kh, kw]) are required; strides and dilationRate default 1, padding 'valid'. */
export type SeparableConv2DArgs = WindowedArgs<SeparableConvArgs, 2>;

const OPTIONS = optionKeys<SeparableConv2DArgs>()([], { base: [SEPARABLE_CONV_OPTIONS] });

/** Depthwise separable 2-D convolution on [batch, rows, cols, channels]. */
export class SeparableConv2D extends SeparableConv {
  readonly className = 'SeparableConv2D';

  constructor(args: SeparableConv2DArgs) {
    args = OPTIONS.readFor(args, SeparableConv2D, new.target);
    super(2, args);
  }

  private depthwise(x: Tensor): Tensor {
    const [s, d] = [this.strides, this.dilationRate];
    return depthwiseConv2d(x, this.depthwiseKernel!.value, { strides: [s[0], s[1]], padding: this.padding as 'valid' | 'same', dilations: [d[0], d[1]] });
  }

  protected convolve(x: Tensor): Tensor {
    return conv2d(this.depthwise(x), this.pointwiseKernel!.value);
  }

  protected override convolveFused(x: Tensor, bias: Tensor | null, activation: FusedActivation): Tensor {
    return fusedConv2d(this.depthwise(x), this.pointwiseKernel!.value, bias, activation);
  }
}
