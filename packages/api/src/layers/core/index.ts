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

export const dense = (args: DenseArgs): Dense => new Dense(args);
export const activation = (args: ActivationArgs): Activation => new Activation(args);
export const dropout = (args: DropoutArgs): Dropout => new Dropout(args);
export const flatten = (args: FlattenArgs = {}): Flatten => new Flatten(args);
export const reshape = (args: ReshapeArgs): Reshape => new Reshape(args);
export const permute = (args: PermuteArgs): Permute => new Permute(args);
export const repeatVector = (args: RepeatVectorArgs): RepeatVector => new RepeatVector(args);
export const masking = (args: MaskingArgs = {}): Masking => new Masking(args);
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
