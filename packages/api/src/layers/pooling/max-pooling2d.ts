import { optionKeys } from '@layerwise/data';
import type { Tensor } from '../../tensor/tensor.js';
import { maxPool2d } from '../../ops/index.js';
import { Pooling, POOLING_OPTIONS, type PoolingArgs } from './pooling.js';

export interface MaxPooling2DArgs extends PoolingArgs {
  poolSize?: number | [number, number];
  strides?: number | [number, number] | null;
}

const OPTIONS = optionKeys<MaxPooling2DArgs>()([], { base: [POOLING_OPTIONS] });

/** Maximum over windows of the rows and cols of [batch, rows, cols, channels]. */
export class MaxPooling2D extends Pooling {
  readonly className = 'MaxPooling2D';

  constructor(args: MaxPooling2DArgs = {}) {
    args = OPTIONS.readFor(args, MaxPooling2D, new.target);
    super(2, args);
  }

  protected pool(x: Tensor): Tensor {
    return maxPool2d(x, { poolSize: [this.poolSize[0], this.poolSize[1]], strides: [this.strides[0], this.strides[1]], padding: this.padding });
  }
}
