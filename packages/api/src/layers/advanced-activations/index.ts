import { registerLayer } from '../registry.js';
import { LeakyReLU, type LeakyReLUArgs } from './leaky-relu.js';
import { PReLU, type PReLUArgs } from './prelu.js';
import { ELU, type ELUArgs } from './elu.js';
import { ThresholdedReLU, type ThresholdedReLUArgs } from './thresholded-relu.js';
import { Softmax, type SoftmaxArgs } from './softmax.js';
import { ReLU, type ReLUArgs } from './relu.js';

export {
  LeakyReLU, type LeakyReLUArgs, PReLU, type PReLUArgs, ELU, type ELUArgs, ThresholdedReLU, type ThresholdedReLUArgs,
  Softmax, type SoftmaxArgs, ReLU, type ReLUArgs,
};

/** `layers.leakyReLU({ alpha })`: a LeakyReLU layer (default alpha 0.3). */
export const leakyReLU = (args: LeakyReLUArgs = {}): LeakyReLU => new LeakyReLU(args);
/** `layers.prelu({ sharedAxes })`: a PReLU layer with a learned slope. */
export const prelu = (args: PReLUArgs = {}): PReLU => new PReLU(args);
/** `layers.elu({ alpha })`: an ELU layer (default alpha 1). */
export const elu = (args: ELUArgs = {}): ELU => new ELU(args);
/** `layers.thresholdedReLU({ theta })`: a ThresholdedReLU layer (default theta 1). */
export const thresholdedReLU = (args: ThresholdedReLUArgs = {}): ThresholdedReLU => new ThresholdedReLU(args);
/** `layers.softmax({ axis })`: a Softmax layer (default axis -1). */
export const softmax = (args: SoftmaxArgs = {}): Softmax => new Softmax(args);
/** `layers.reLU({ maxValue, negativeSlope, threshold })`: Keras's ReLU layer. */
export const reLU = (args: ReLUArgs = {}): ReLU => new ReLU(args);

registerLayer('LeakyReLU', (c) => new LeakyReLU(c as LeakyReLUArgs));
registerLayer('PReLU', (c) => new PReLU(c as PReLUArgs));
registerLayer('ELU', (c) => new ELU(c as ELUArgs));
registerLayer('ThresholdedReLU', (c) => new ThresholdedReLU(c as ThresholdedReLUArgs));
registerLayer('Softmax', (c) => new Softmax(c as SoftmaxArgs));
registerLayer('ReLU', (c) => new ReLU(c as ReLUArgs));
