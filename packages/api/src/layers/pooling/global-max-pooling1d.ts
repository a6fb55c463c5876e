import { optionKeys } from '@layerwise/data';
import { GLOBAL_POOLING_OPTIONS, GlobalMaxPooling, type GlobalPoolingArgs } from './global-pooling.js';

/** GlobalMaxPooling1D takes dataFormat only (default 'channelsLast'). */
export type GlobalMaxPooling1DArgs = GlobalPoolingArgs;

const OPTIONS = optionKeys<GlobalMaxPooling1DArgs>()([], { base: [GLOBAL_POOLING_OPTIONS] });

/** Maximum over the steps axis (an incoming mask is ignored and dropped, as Keras 2 does not use it). */
export class GlobalMaxPooling1D extends GlobalMaxPooling {
  readonly className = 'GlobalMaxPooling1D';

  constructor(args: GlobalMaxPooling1DArgs = {}) {
    args = OPTIONS.readFor(args, GlobalMaxPooling1D, new.target);
    super(1, args);
  }
}
