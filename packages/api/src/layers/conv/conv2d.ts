import type { Tensor } from '../../tensor/tensor.js';
import { conv2d } from '../../ops/index.js';
import { Conv, type ConvArgs } from './conv.js';

export interface Conv2DArgs extends ConvArgs {
  kernelSize: number | [number, number];
  strides?: number | [number, number];
  padding?: 'valid' | 'same';
  dilationRate?: number | [number, number];
}

/** Spatial convolution: kernel [kh, kw, inChannels, filters], then bias [filters]. */
export class Conv2D extends Conv {
  readonly className = 'Conv2D';

  constructor(args: Conv2DArgs) {
    super(2, args);
  }

  protected convolve(x: Tensor, kernel: Tensor): Tensor {
    return conv2d(x, kernel, {
      strides: [this.strides[0], this.strides[1]], padding: this.padding, dilations: [this.dilationRate[0], this.dilationRate[1]],
    });
  }
}
