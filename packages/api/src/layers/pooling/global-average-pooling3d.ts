import { GlobalAveragePooling, type GlobalPoolingArgs } from './global-pooling.js';

export type GlobalAveragePooling3DArgs = GlobalPoolingArgs;

/** Mean over depth, rows and cols: [batch, depth, rows, cols, channels] -> [batch, channels]. */
export class GlobalAveragePooling3D extends GlobalAveragePooling {
  readonly className = 'GlobalAveragePooling3D';

  constructor(args: GlobalAveragePooling3DArgs = {}) {
    super(3, args);
  }
}
