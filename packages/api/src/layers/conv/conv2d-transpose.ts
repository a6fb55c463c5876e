import { optionKeys } from '@layerwise/data';
import type { Tensor } from '../../tensor/tensor.js';
import { conv2dTranspose } from '../../ops/index.js';
import { CONV_TRANSPOSE_OPTIONS, ConvTranspose, type ConvTransposeArgs } from './conv-transpose.js';
import type { IntTuple, WindowedArgs } from './window-args.js';

/** Conv2DTranspose's options: filters and kernelSize (a number or [kh, kw]) are required; strides and dilationRate default 1, padding 'valid'. */
export type Conv2DTransposeArgs = WindowedArgs<ConvTransposeArgs, 2> & {
  /** Extra rows and cols at the end of the output, each below its stride (a number or [rows, cols]); null (default): inferred from the strides. */
  outputPadding?: IntTuple<2> | null;
};

const OPTIONS = optionKeys<Conv2DTransposeArgs>()([], { base: [CONV_TRANSPOSE_OPTIONS] });

/**
 * Transposed 2-D convolution (deconvolution): upsamples [batch, rows, cols, channels] by
 * the strides. Kernel [kh, kw, filters, inChannels], then bias [filters].
 */
export class Conv2DTranspose extends ConvTranspose {
  readonly className = 'Conv2DTranspose';

  constructor(args: Conv2DTransposeArgs) {
    args = OPTIONS.readFor(args, Conv2DTranspose, new.target);
    super(2, args);
  }

  protected convolve(x: Tensor): Tensor {
    const [s, d] = [this.strides, this.dilationRate];
    return conv2dTranspose(x, this.kernel!.value, this.outputShapeFor(x.shape), {
      strides: [s[0], s[1]], padding: this.padding as 'valid' | 'same', dilations: [d[0], d[1]],
    });
  }
}
