import { optionKeys } from '@layerwise/data';
import { GLOBAL_POOLING_OPTIONS, GlobalAveragePooling, type GlobalPoolingArgs } from './global-pooling.js';

/** GlobalAveragePooling3D takes dataFormat only (default 'channelsLast'). */
export type GlobalAveragePooling3DArgs = GlobalPoolingArgs;

const OPTIONS = optionKeys<GlobalAveragePooling3DArgs>()([], { base: [GLOBAL_POOLING_OPTIONS] });

/** Mean over depth, rows and cols: [batch, depth, rows, cols, channels] -> [batch, channels]. */
export class GlobalAveragePooling3D extends GlobalAveragePooling {
  readonly className = 'GlobalAveragePooling3D';

  constructor(args: GlobalAveragePooling3DArgs = {}) {
    args = OPTIONS.readFor(args, GlobalAveragePooling3D, new.target);
    super(3, args);
  }
}
