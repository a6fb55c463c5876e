import type { Tensor } from '../../tensor/tensor.js';
import { max } from '../../ops/index.js';
import type { CallArgs } from '../layer.js';
import { GlobalPooling, type GlobalPoolingArgs } from './global-pooling.js';

export type GlobalMaxPooling2DArgs = GlobalPoolingArgs;

/** Maximum over rows and cols: [batch, rows, cols, channels] -> [batch, channels]. */
export class GlobalMaxPooling2D extends GlobalPooling {
  readonly className = 'GlobalMaxPooling2D';

  constructor(args: GlobalMaxPooling2DArgs = {}) {
    super(2, args);
  }

  call(x: Tensor, _args: CallArgs): Tensor {
    this.checkRank(x.shape);
    return max(x, this.spatialAxes);
  }
}
