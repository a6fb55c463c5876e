import { optionKeys } from '@layerwise/data';
import { LAYER_OPTIONS } from '../layer-options.js';
import { GlobalMaxPooling, type GlobalPoolingArgs } from './global-pooling.js';

export type GlobalMaxPooling1DArgs = GlobalPoolingArgs;

const OPTIONS = optionKeys<GlobalMaxPooling1DArgs>()(['dataFormat'], { base: [LAYER_OPTIONS] });

/** Maximum over the steps axis (an incoming mask is ignored and dropped, as Keras 2 does not use it). */
export class GlobalMaxPooling1D extends GlobalMaxPooling {
  readonly className = 'GlobalMaxPooling1D';

  constructor(args: GlobalMaxPooling1DArgs = {}) {
    args = OPTIONS.readFor(args, GlobalMaxPooling1D, new.target);
    super(1, args);
  }
}
