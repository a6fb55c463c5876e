import { optionKeys } from '@layerwise/data';
import type { Tensor } from '../../tensor/tensor.js';
import { avgPool3d } from '../../ops/index.js';
import { Pooling, POOLING_OPTIONS, type PoolingArgs } from './pooling.js';

type Triple = number | [number, number, number];

export interface AveragePooling3DArgs extends PoolingArgs {
  poolSize?: Triple;
  strides?: Triple | null;
}

const OPTIONS = optionKeys<AveragePooling3DArgs>()([], { base: [POOLING_OPTIONS] });

/** Average over 3-D windows of [batch, depth, rows, cols, channels] (with 'same' padding, only real inputs are averaged). */
export class AveragePooling3D extends Pooling {
  readonly className = 'AveragePooling3D';

  constructor(args: AveragePooling3DArgs = {}) {
    args = OPTIONS.readFor(args, AveragePooling3D, new.target);
    super(3, args);
  }

  protected pool(x: Tensor): Tensor {
    const [p, s] = [this.poolSize, this.strides];
    return avgPool3d(x, { poolSize: [p[0], p[1], p[2]], strides: [s[0], s[1], s[2]], padding: this.padding });
  }
}
