import { optionKeys } from '@layerwise/data';
import type { Tensor } from '../../tensor/tensor.js';
import { conv3dTranspose } from '../../ops/index.js';
import { CONV_TRANSPOSE_OPTIONS, ConvTranspose, type ConvTransposeArgs } from './conv-transpose.js';
import type { IntTuple, WindowedArgs } from './window-args.js';

/** Conv3DTranspose's arguments; Keras 2.2.4's has no dilation (it would ignore one), so dilationRate must be 1. */
export type Conv3DTransposeArgs = WindowedArgs<ConvTransposeArgs, 3> & {
  /** Extra entries at the end of each output axis, each below its stride (a number or a list of 3); null (default): inferred from the strides. */
  outputPadding?: IntTuple<3> | null;
};

const OPTIONS = optionKeys<Conv3DTransposeArgs>()([], { base: [CONV_TRANSPOSE_OPTIONS] });

/**
 * Transposed 3-D convolution: upsamples [batch, depth, rows, cols, channels] by the
 * strides. Kernel [kd, kh, kw, filters, inChannels], then bias [filters].
 */
export class Conv3DTranspose extends ConvTranspose {
  readonly className = 'Conv3DTranspose';

  constructor(args: Conv3DTransposeArgs) {
    args = OPTIONS.readFor(args, Conv3DTranspose, new.target);
    super(3, args);
    if (this.dilationRate.some((d) => d !== 1)) {
      throw new Error(`${this.name}: dilationRate must be 1 (Keras 2.2.4's Conv3DTranspose has no dilation), got ${JSON.stringify(args.dilationRate)}`);
    }
  }

  protected convolve(x: Tensor): Tensor {
    const s = this.strides;
    return conv3dTranspose(x, this.kernel!.value, this.outputShapeFor(x.shape), { strides: [s[0], s[1], s[2]], padding: this.padding as 'valid' | 'same' });
  }

  override getConfig(): Record<string, unknown> {
    const { dilationRate: _, ...config } = super.getConfig();
    return config;
  }
}
