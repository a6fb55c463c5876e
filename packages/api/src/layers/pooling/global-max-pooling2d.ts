import { GlobalMaxPooling, type GlobalPoolingArgs } from './global-pooling.js';

export type GlobalMaxPooling2DArgs = GlobalPoolingArgs;

/** Maximum over rows and cols: [batch, rows, cols, channels] -> [batch, channels]. */
export class GlobalMaxPooling2D extends GlobalMaxPooling {
  readonly className = 'GlobalMaxPooling2D';

  constructor(args: GlobalMaxPooling2DArgs = {}) {
    super(2, args);
  }
}
