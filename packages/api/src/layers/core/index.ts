import { registerLayer } from '../registry.js';
import { Dense, type DenseArgs } from './dense.js';
import { Activation, type ActivationArgs } from './activation.js';
import { Dropout, type DropoutArgs } from './dropout.js';
import { Flatten, type FlattenArgs } from './flatten.js';
import { Reshape, type ReshapeArgs } from './reshape.js';
import { Permute, type PermuteArgs } from './permute.js';
import { RepeatVector, type RepeatVectorArgs } from './repeat-vector.js';
import { Masking, type MaskingArgs } from './masking.js';
import { ActivityRegularization, type ActivityRegularizationArgs } from './activity-regularization.js';

export { Dense, type DenseArgs, Activation, type ActivationArgs, Dropout, type DropoutArgs, Flatten, type FlattenArgs,
  Reshape, type ReshapeArgs, Permute, type PermuteArgs, RepeatVector, type RepeatVectorArgs, Masking, type MaskingArgs,
  ActivityRegularization, type ActivityRegularizationArgs };
export type { DataFormat } from './data-format.js';

/** `layers.dense({ units })`: a Dense (fully connected) layer. */
export const dense = (args: DenseArgs): Dense => new Dense(args);
/** `layers.activation({ activation })`: an Activation layer. */
export const activation = (args: ActivationArgs): Activation => new Activation(args);
/** `layers.dropout({ rate })`: a Dropout layer. */
export const dropout = (args: DropoutArgs): Dropout => new Dropout(args);
/** `layers.flatten()`: a Flatten layer. */
export const flatten = (args: FlattenArgs = {}): Flatten => new Flatten(args);
/** `layers.reshape({ targetShape })`: a Reshape layer. */
export const reshape = (args: ReshapeArgs): Reshape => new Reshape(args);
/** `layers.permute({ dims })`: a Permute layer. */
export const permute = (args: PermuteArgs): Permute => new Permute(args);
/** `layers.repeatVector({ n })`: a RepeatVector layer. */
export const repeatVector = (args: RepeatVectorArgs): RepeatVector => new RepeatVector(args);
/** `layers.masking({ maskValue })`: a Masking layer (default maskValue 0). */
export const masking = (args: MaskingArgs = {}): Masking => new Masking(args);
/** `layers.activityRegularization({ l1, l2 })`: an ActivityRegularization layer (defaults 0). */
export const activityRegularization = (args: ActivityRegularizationArgs = {}): ActivityRegularization => new ActivityRegularization(args);

registerLayer('Dense', (c) => new Dense(c as unknown as DenseArgs));
registerLayer('Activation', (c) => new Activation(c as unknown as ActivationArgs));
registerLayer('Dropout', (c) => new Dropout(c as unknown as DropoutArgs));
registerLayer('Flatten', (c) => new Flatten(c as unknown as FlattenArgs));
registerLayer('Reshape', (c) => new Reshape(c as unknown as ReshapeArgs));
registerLayer('Permute', (c) => new Permute(c as unknown as PermuteArgs));
registerLayer('RepeatVector', (c) => new RepeatVector(c as unknown as RepeatVectorArgs));
registerLayer('Masking', (c) => new Masking(c as unknown as MaskingArgs));
registerLayer('ActivityRegularization', (c) => new ActivityRegularization(c as ActivityRegularizationArgs));
