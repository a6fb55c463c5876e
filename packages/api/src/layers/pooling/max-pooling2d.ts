import type { Tensor } from '../../tensor/tensor.js';
import { maxPool2d } from '../../ops/index.js';
import { Pooling, type PoolingArgs } from './pooling.js';

export interface MaxPooling2DArgs extends PoolingArgs {
  poolSize?: number | [number, number];
  strides?: number | [number, number] | null;
}

/** Maximum over windows of the rows and cols of [batch, rows, cols, channels]. */
export class MaxPooling2D extends Pooling {
  readonly className = 'MaxPooling2D';

  constructor(args: MaxPooling2DArgs = {}) {
    super(2, args);
  }

  protected pool(x: Tensor): Tensor {
    return maxPool2d(x, { poolSize: [this.poolSize[0], this.poolSize[1]], strides: [this.strides[0], this.strides[1]], padding: this.padding });
  }
}
