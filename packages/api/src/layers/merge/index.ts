import { registerLayer } from '../registry.js';
import type { SymbolicTensor } from '../symbolic-tensor.js';
import { Merge, type MergeArgs } from './merge.js';
import { Add } from './add.js';
import { Subtract } from './subtract.js';
import { Multiply } from './multiply.js';
import { Average } from './average.js';
import { Maximum } from './maximum.js';
import { Minimum } from './minimum.js';
import { Concatenate, type ConcatenateArgs } from './concatenate.js';
import { Dot, type DotArgs } from './dot.js';

export { Merge, type MergeArgs, Add, Subtract, Multiply, Average, Maximum, Minimum, Concatenate, type ConcatenateArgs, Dot, type DotArgs };

/** `layers.add()`: an Add layer; apply it to a list of tensors. */
export const add = (args: MergeArgs = {}): Add => new Add(args);
/** `layers.subtract()`: a Subtract layer (two inputs). */
export const subtract = (args: MergeArgs = {}): Subtract => new Subtract(args);
/** `layers.multiply()`: a Multiply layer. */
export const multiply = (args: MergeArgs = {}): Multiply => new Multiply(args);
/** `layers.average()`: an Average layer. */
export const average = (args: MergeArgs = {}): Average => new Average(args);
/** `layers.maximum()`: a Maximum layer. */
export const maximum = (args: MergeArgs = {}): Maximum => new Maximum(args);
/** `layers.minimum()`: a Minimum layer. */
export const minimum = (args: MergeArgs = {}): Minimum => new Minimum(args);
/** `layers.concatenate({ axis })`: a Concatenate layer (default: the last axis). */
export const concatenate = (args: ConcatenateArgs = {}): Concatenate => new Concatenate(args);
/** `layers.dot({ axes, normalize })`: a Dot layer (two inputs). */
export const dot = (args: DotArgs): Dot => new Dot(args);

/**
 * Keras's functional helpers (`keras.layers.add([a, b])`): make the layer and apply it to
 * `inputs` in one call.
 */
export const merge = {
  /** `merge.add([a, b, ...])`: their elementwise sum. */
  add: (inputs: SymbolicTensor[], args?: MergeArgs): SymbolicTensor => add(args).apply(inputs),
  /** `merge.subtract([a, b])`: a - b. */
  subtract: (inputs: SymbolicTensor[], args?: MergeArgs): SymbolicTensor => subtract(args).apply(inputs),
  /** `merge.multiply([a, b, ...])`: their elementwise product. */
  multiply: (inputs: SymbolicTensor[], args?: MergeArgs): SymbolicTensor => multiply(args).apply(inputs),
  /** `merge.average([a, b, ...])`: their elementwise mean. */
  average: (inputs: SymbolicTensor[], args?: MergeArgs): SymbolicTensor => average(args).apply(inputs),
  /** `merge.maximum([a, b, ...])`: their elementwise maximum. */
  maximum: (inputs: SymbolicTensor[], args?: MergeArgs): SymbolicTensor => maximum(args).apply(inputs),
  /** `merge.minimum([a, b, ...])`: their elementwise minimum. */
  minimum: (inputs: SymbolicTensor[], args?: MergeArgs): SymbolicTensor => minimum(args).apply(inputs),
  /** `merge.concatenate([a, b, ...], { axis })`: joined along `axis` (default -1). */
  concatenate: (inputs: SymbolicTensor[], args?: ConcatenateArgs): SymbolicTensor => concatenate(args).apply(inputs),
  /** `merge.dot([a, b], { axes, normalize })`: per-sample dot products along `axes`. */
  dot: (inputs: SymbolicTensor[], args: DotArgs): SymbolicTensor => dot(args).apply(inputs),
};

registerLayer('Add', (c) => new Add(c as MergeArgs));
registerLayer('Subtract', (c) => new Subtract(c as MergeArgs));
registerLayer('Multiply', (c) => new Multiply(c as MergeArgs));
registerLayer('Average', (c) => new Average(c as MergeArgs));
registerLayer('Maximum', (c) => new Maximum(c as MergeArgs));
registerLayer('Minimum', (c) => new Minimum(c as MergeArgs));
registerLayer('Concatenate', (c) => new Concatenate(c as ConcatenateArgs));
registerLayer('Dot', (c) => new Dot(c as unknown as DotArgs));
