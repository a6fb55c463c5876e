import { optionKeys } from '@layerwise/data';
import type { Tensor } from '../../tensor/tensor.js';
import { cast, div, mean, mul, reshape, sum } from '../../ops/index.js';
import { fmtShape } from '../../tensor/shape.js';
import type { CallArgs } from '../layer.js';
import { GLOBAL_POOLING_OPTIONS, GlobalPooling, type GlobalPoolingArgs } from './global-pooling.js';

/** GlobalAveragePooling1D takes dataFormat only (default 'channelsLast'). */
export type GlobalAveragePooling1DArgs = GlobalPoolingArgs;

const OPTIONS = optionKeys<GlobalAveragePooling1DArgs>()([], { base: [GLOBAL_POOLING_OPTIONS] });

/**
 * Mean over the steps axis. With a [batch, steps] mask, only unmasked steps are
 * averaged (sum(x * mask) / sum(mask)), as in Keras 2.
 */
export class GlobalAveragePooling1D extends GlobalPooling {
  readonly className = 'GlobalAveragePooling1D';

  constructor(args: GlobalAveragePooling1DArgs = {}) {
    args = OPTIONS.readFor(args, GlobalAveragePooling1D, new.target);
    super(1, args);
    this.supportsMasking = true;
  }

  call(x: Tensor, args: CallArgs): Tensor {
    this.checkRank(x.shape);
    const stepsAxis = this.spatialAxes[0];
    if (!args.mask) return mean(x, stepsAxis);
    const steps = x.shape[stepsAxis];
    if (args.mask.rank !== 2 || args.mask.shape[0] !== x.shape[0] || args.mask.shape[1] !== steps) {
      throw new Error(`${this.name}: mask of shape ${fmtShape(args.mask.shape)} must be [batch, steps] = [${x.shape[0]}, ${steps}] for input ${fmtShape(x.shape)}`);
    }
    const m = reshape(cast(args.mask, 'float32'), stepsAxis === 1 ? [x.shape[0], steps, 1] : [x.shape[0], 1, steps]);
    return div(sum(mul(x, m), stepsAxis), sum(m, stepsAxis));
  }
}
