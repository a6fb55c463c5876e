import { optionKeys } from '@layerwise/data';
import { GLOBAL_POOLING_OPTIONS, GlobalMaxPooling, type GlobalPoolingArgs } from './global-pooling.js';

/** GlobalMaxPooling2D takes dataFormat only (default 'channelsLast'). */
export type GlobalMaxPooling2DArgs = GlobalPoolingArgs;

const OPTIONS = optionKeys<GlobalMaxPooling2DArgs>()([], { base: [GLOBAL_POOLING_OPTIONS] });

/** Maximum over rows and cols: [batch, rows, cols, channels] -> [batch, channels]. */
export class GlobalMaxPooling2D extends GlobalMaxPooling {
  readonly className = 'GlobalMaxPooling2D';

  constructor(args: GlobalMaxPooling2DArgs = {}) {
    args = OPTIONS.readFor(args, GlobalMaxPooling2D, new.target);
    super(2, args);
  }
}
