import { optionKeys } from '@layerwise/data';
import { LAYER_OPTIONS } from '../layer-options.js';
import { GlobalAveragePooling, type GlobalPoolingArgs } from './global-pooling.js';

export type GlobalAveragePooling2DArgs = GlobalPoolingArgs;

const OPTIONS = optionKeys<GlobalAveragePooling2DArgs>()(['dataFormat'], { base: [LAYER_OPTIONS] });

/** Mean over rows and cols: [batch, rows, cols, channels] -> [batch, channels]. */
export class GlobalAveragePooling2D extends GlobalAveragePooling {
  readonly className = 'GlobalAveragePooling2D';

  constructor(args: GlobalAveragePooling2DArgs = {}) {
    args = OPTIONS.readFor(args, GlobalAveragePooling2D, new.target);
    super(2, args);
  }
}
