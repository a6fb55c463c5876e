import type { Tensor } from '../../tensor/tensor.js';
import { avgPool1d } from '../../ops/index.js';
import { Pooling, type PoolingArgs } from './pooling.js';

export interface AveragePooling1DArgs extends PoolingArgs {
  poolSize?: number | [number];
  strides?: number | [number] | null;
}

/** Average over windows of the steps axis of [batch, steps, channels] (with 'same' padding, only real inputs are averaged). */
export class AveragePooling1D extends Pooling {
  readonly className = 'AveragePooling1D';

  constructor(args: AveragePooling1DArgs = {}) {
    super(1, args);
  }

  protected pool(x: Tensor): Tensor {
    return avgPool1d(x, { poolSize: this.poolSize[0], strides: this.strides[0], padding: this.padding });
  }
}
