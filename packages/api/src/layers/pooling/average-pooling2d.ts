import { optionKeys } from '@layerwise/data';
import type { Tensor } from '../../tensor/tensor.js';
import { avgPool2d } from '../../ops/index.js';
import { Pooling, POOLING_OPTIONS, type PoolingArgs } from './pooling.js';

export interface AveragePooling2DArgs extends PoolingArgs {
  poolSize?: number | [number, number];
  strides?: number | [number, number] | null;
}

const OPTIONS = optionKeys<AveragePooling2DArgs>()([], { base: [POOLING_OPTIONS] });

/** Average over windows of the rows and cols of [batch, rows, cols, channels] (with 'same' padding, only real inputs are averaged). */
export class AveragePooling2D extends Pooling {
  readonly className = 'AveragePooling2D';

  constructor(args: AveragePooling2DArgs = {}) {
    args = OPTIONS.readFor(args, AveragePooling2D, new.target);
    super(2, args);
  }

  protected pool(x: Tensor): Tensor {
    return avgPool2d(x, { poolSize: [this.poolSize[0], this.poolSize[1]], strides: [this.strides[0], this.strides[1]], padding: this.padding });
  }
}
