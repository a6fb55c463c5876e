import { optionKeys } from '@layerwise/data';
import type { Tensor } from '../../tensor/tensor.js';
import { maxPool1d } from '../../ops/index.js';
import { Pooling, POOLING_OPTIONS, type PoolingArgs } from './pooling.js';

export interface MaxPooling1DArgs extends PoolingArgs {
  poolSize?: number | [number];
  strides?: number | [number] | null;
}

const OPTIONS = optionKeys<MaxPooling1DArgs>()([], { base: [POOLING_OPTIONS] });

/** Maximum over windows of the steps axis of [batch, steps, channels]. */
export class MaxPooling1D extends Pooling {
  readonly className = 'MaxPooling1D';

  constructor(args: MaxPooling1DArgs = {}) {
    args = OPTIONS.readFor(args, MaxPooling1D, new.target);
    super(1, args);
  }

  protected pool(x: Tensor): Tensor {
    return maxPool1d(x, { poolSize: this.poolSize[0], strides: this.strides[0], padding: this.padding });
  }
}
