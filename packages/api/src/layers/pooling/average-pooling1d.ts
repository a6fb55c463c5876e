import { optionKeys } from '@layerwise/data';
import type { Tensor } from '../../tensor/tensor.js';
import { avgPool1d } from '../../ops/index.js';
import { Pooling, POOLING_OPTIONS, type PoolingArgs } from './pooling.js';

export interface AveragePooling1DArgs extends PoolingArgs {
  poolSize?: number | [number];
  strides?: number | [number] | null;
}

const OPTIONS = optionKeys<AveragePooling1DArgs>()([], { base: [POOLING_OPTIONS] });

/** Average over windows of the steps axis of [batch, steps, channels] (with 'same' padding, only real inputs are averaged). */
export class AveragePooling1D extends Pooling {
  readonly className = 'AveragePooling1D';

  constructor(args: AveragePooling1DArgs = {}) {
    args = OPTIONS.readFor(args, AveragePooling1D, new.target);
    super(1, args);
  }

  protected pool(x: Tensor): Tensor {
    return avgPool1d(x, { poolSize: this.poolSize[0], strides: this.strides[0], padding: this.padding });
  }
}
