import { optionKeys } from '@layerwise/data';
import type { Tensor } from '../../tensor/tensor.js';
import { conv3d } from '../../ops/index.js';
import { Conv, CONV_OPTIONS, type ConvArgs } from './conv.js';
import type { WindowedArgs } from './window-args.js';

/** Conv3D's options: filters and kernelSize (a number or [kd, kh, kw]) are required; strides and dilationRate default 1, padding 'valid'. */
export type Conv3DArgs = WindowedArgs<ConvArgs, 3>;

const OPTIONS = optionKeys<Conv3DArgs>()([], { base: [CONV_OPTIONS] });

/** Volumetric convolution: [batch, depth, rows, cols, channels] with kernel [kd, kh, kw, channels, filters], then bias [filters]. */
export class Conv3D extends Conv {
  readonly className = 'Conv3D';

  constructor(args: Conv3DArgs) {
    args = OPTIONS.readFor(args, Conv3D, new.target);
    super(3, args);
  }

  protected convolve(x: Tensor): Tensor {
    const [s, d] = [this.strides, this.dilationRate];
    return conv3d(x, this.kernel!.value, { strides: [s[0], s[1], s[2]], padding: this.padding as 'valid' | 'same', dilations: [d[0], d[1], d[2]] });
  }
}
