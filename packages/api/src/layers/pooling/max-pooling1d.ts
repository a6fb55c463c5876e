import type { Tensor } from '../../tensor/tensor.js';
import { maxPool1d } from '../../ops/index.js';
import { Pooling, type PoolingArgs } from './pooling.js';

export interface MaxPooling1DArgs extends PoolingArgs {
  poolSize?: number | [number];
  strides?: number | [number] | null;
}

/** Maximum over windows of the steps axis of [batch, steps, channels]. */
export class MaxPooling1D extends Pooling {
  readonly className = 'MaxPooling1D';

  constructor(args: MaxPooling1DArgs = {}) {
    super(1, args);
  }

  protected pool(x: Tensor): Tensor {
    return maxPool1d(x, { poolSize: this.poolSize[0], strides: this.strides[0], padding: this.padding });
  }
}
