import { optionKeys } from '@layerwise/data';
import { GLOBAL_POOLING_OPTIONS, GlobalMaxPooling, type GlobalPoolingArgs } from './global-pooling.js';

/** GlobalMaxPooling3D takes dataFormat only (default 'channelsLast'). */
export type GlobalMaxPooling3DArgs = GlobalPoolingArgs;

const OPTIONS = optionKeys<GlobalMaxPooling3DArgs>()([], { base: [GLOBAL_POOLING_OPTIONS] });

/** Maximum over depth, rows and cols: [batch, depth, rows, cols, channels] -> [batch, channels]. */
export class GlobalMaxPooling3D extends GlobalMaxPooling {
  readonly className = 'GlobalMaxPooling3D';

  constructor(args: GlobalMaxPooling3DArgs = {}) {
    args = OPTIONS.readFor(args, GlobalMaxPooling3D, new.target);
    super(3, args);
  }
}
