import { optionKeys } from '@layerwise/data';
import type { Tensor } from '../../tensor/tensor.js';
import { maxPool3d } from '../../ops/index.js';
import { Pooling, POOLING_OPTIONS, type PoolingArgs } from './pooling.js';

type Triple = number | [number, number, number];

export interface MaxPooling3DArgs extends PoolingArgs {
  poolSize?: Triple;
  strides?: Triple | null;
}

const OPTIONS = optionKeys<MaxPooling3DArgs>()([], { base: [POOLING_OPTIONS] });

/** Maximum over 3-D windows of [batch, depth, rows, cols, channels]. */
export class MaxPooling3D extends Pooling {
  readonly className = 'MaxPooling3D';

  constructor(args: MaxPooling3DArgs = {}) {
    args = OPTIONS.readFor(args, MaxPooling3D, new.target);
    super(3, args);
  }

  protected pool(x: Tensor): Tensor {
    const [p, s] = [this.poolSize, this.strides];
    return maxPool3d(x, { poolSize: [p[0], p[1], p[2]], strides: [s[0], s[1], s[2]], padding: this.padding });
  }
}
