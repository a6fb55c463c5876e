import { GlobalAveragePooling, type GlobalPoolingArgs } from './global-pooling.js';

export type GlobalAveragePooling2DArgs = GlobalPoolingArgs;

/** Mean over rows and cols: [batch, rows, cols, channels] -> [batch, channels]. */
export class GlobalAveragePooling2D extends GlobalAveragePooling {
  readonly className = 'GlobalAveragePooling2D';

  constructor(args: GlobalAveragePooling2DArgs = {}) {
    super(2, args);
  }
}
