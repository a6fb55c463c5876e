import { GlobalMaxPooling, type GlobalPoolingArgs } from './global-pooling.js';

export type GlobalMaxPooling1DArgs = GlobalPoolingArgs;

/** Maximum over the steps axis (an incoming mask is ignored and dropped, as Keras 2 does not use it). */
export class GlobalMaxPooling1D extends GlobalMaxPooling {
  readonly className = 'GlobalMaxPooling1D';

  constructor(args: GlobalMaxPooling1DArgs = {}) {
    super(1, args);
  }
}
