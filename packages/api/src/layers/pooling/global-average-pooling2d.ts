import { optionKeys } from '@layerwise/data';
import { GLOBAL_POOLING_OPTIONS, GlobalAveragePooling, type GlobalPoolingArgs } from './global-pooling.js';

/** GlobalAveragePooling2D takes dataFormat only (default 'channelsLast'). */
export type GlobalAveragePooling2DArgs = GlobalPoolingArgs;

const OPTIONS = optionKeys<GlobalAveragePooling2DArgs>()([], { base: [GLOBAL_POOLING_OPTIONS] });

/** Mean over rows and cols: [batch, rows, cols, channels] -> [batch, channels]. */
export class GlobalAveragePooling2D extends GlobalAveragePooling {
  readonly className = 'GlobalAveragePooling2D';

  constructor(args: GlobalAveragePooling2DArgs = {}) {
    args = OPTIONS.readFor(args, GlobalAveragePooling2D, new.target);
    super(2, args);
  }
}
