import type { Tensor } from '../../tensor/tensor.js';
import { max } from '../../ops/index.js';
import type { CallArgs } from '../layer.js';
import { GlobalPooling, type GlobalPoolingArgs } from './global-pooling.js';

export type GlobalMaxPooling1DArgs = GlobalPoolingArgs;

/** Maximum over the steps axis (an incoming mask is ignored and dropped, as Keras 2 does not use it). */
export class GlobalMaxPooling1D extends GlobalPooling {
  readonly className = 'GlobalMaxPooling1D';

  constructor(args: GlobalMaxPooling1DArgs = {}) {
    super(1, args);
  }

  call(x: Tensor, _args: CallArgs): Tensor {
    this.checkRank(x.shape);
    return max(x, this.spatialAxes);
  }
}
