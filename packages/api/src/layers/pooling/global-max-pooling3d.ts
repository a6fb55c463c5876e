import { GlobalMaxPooling, type GlobalPoolingArgs } from './global-pooling.js';

export type GlobalMaxPooling3DArgs = GlobalPoolingArgs;

/** Maximum over depth, rows and cols: [batch, depth, rows, cols, channels] -> [batch, channels]. */
export class GlobalMaxPooling3D extends GlobalMaxPooling {
  readonly className = 'GlobalMaxPooling3D';

  constructor(args: GlobalMaxPooling3DArgs = {}) {
    super(3, args);
  }
}
