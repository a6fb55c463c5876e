import type { Tensor } from '../../tensor/tensor.js';
import { mean } from '../../ops/index.js';
import type { CallArgs } from '../layer.js';
import { GlobalPooling, type GlobalPoolingArgs } from './global-pooling.js';

export type GlobalAveragePooling2DArgs = GlobalPoolingArgs;

/** Mean over rows and cols: [batch, rows, cols, channels] -> [batch, channels]. */
export class GlobalAveragePooling2D extends GlobalPooling {
  readonly className = 'GlobalAveragePooling2D';

  constructor(args: GlobalAveragePooling2DArgs = {}) {
    super(2, args);
  }

  call(x: Tensor, _args: CallArgs): Tensor {
    this.checkRank(x.shape);
    return mean(x, this.spatialAxes);
  }
}
