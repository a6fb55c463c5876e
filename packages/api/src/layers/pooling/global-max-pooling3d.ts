import { optionKeys } from '@layerwise/data';
import { LAYER_OPTIONS } from '../layer-options.js';
import { GlobalMaxPooling, type GlobalPoolingArgs } from './global-pooling.js';

export type GlobalMaxPooling3DArgs = GlobalPoolingArgs;

const OPTIONS = optionKeys<GlobalMaxPooling3DArgs>()(['dataFormat'], { base: [LAYER_OPTIONS] });

/** Maximum over depth, rows and cols: [batch, depth, rows, cols, channels] -> [batch, channels]. */
export class GlobalMaxPooling3D extends GlobalMaxPooling {
  readonly className = 'GlobalMaxPooling3D';

  constructor(args: GlobalMaxPooling3DArgs = {}) {
    args = OPTIONS.readFor(args, GlobalMaxPooling3D, new.target);
    super(3, args);
  }
}
