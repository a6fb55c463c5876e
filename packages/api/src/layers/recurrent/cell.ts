import type { Tensor } from '../../tensor/tensor.js';
import { zeros } from '../../ops/create.js';
import { Layer, type CallArgs } from '../layer.js';
import type { NameScope } from '../name-scope.js';
import type { LayerVariable } from '../variable.js';
import type { Shape } from '../shape.js';

/** Keras's state_size: one number per state (a single number: one state). */
export type StateSize = number | readonly number[];

/**
 * Keras's RNN cell protocol: what `rnn({ cell })` and `stackedRNNCells({ cells })` accept.
 * Every built-in cell is one; so is any object with these members (a cell without weights,
 * or one written in JavaScript as a Layer subclass). A cell with weights written in
 * TypeScript extends `RNNCell`.
 */
export interface RNNCellLike {
  /** The width of each state, e.g. [units, units] for an LSTM's h and c. */
  readonly stateSize: StateSize;
  /** The width of the output (default: the first state's). */
  readonly outputSize?: number;
  /** One step: the step input [batch, features] and the states to [output, newStates]. */
  call(inputs: Tensor, states: Tensor[], training?: boolean): [Tensor, Tensor[]];
  /** Creates the cell's weights for step inputs of `inputShape` ([batch, features]); the RNN calls it once. */
  build?(inputShape: Shape): void;
}

/**
 * @internal One RNN call's view of a cell. The RNN projects the whole sequence once
 * (built-in cells: `x @ kernel + bias` as one product over every timestep) and then steps
 * through the projected timesteps.
 */
export interface CellStepper {
  /** The step input of `x` ([batch, ...features], or [batch, time, ...features] for all steps at once). */
  project(x: Tensor): Tensor;
  /** One step from a projected input: [output, newStates]. */
  step(projected: Tensor, states: Tensor[]): [Tensor, Tensor[]];
}

/** The state widths of `cell` as a list. */
export function stateSizes(cell: { readonly stateSize: StateSize }): number[] {
  return typeof cell.stateSize === 'number' ? [cell.stateSize] : [...cell.stateSize];
}

/** The width of the cell's output (Keras: output_size, else the first state size). */
export function outputSizeOf(cell: RNNCellLike): number {
  return cell.outputSize ?? stateSizes(cell)[0];
}

/**
 * Base class of the cells of `layers.rnn` (Keras's cell Layers: SimpleRNNCell, LSTMCell,
 * GRUCell, StackedRNNCells, ConvLSTM2DCell). A subclass declares `stateSize`, creates its
 * weights in `build(stepInputShape)` and writes one step in `step`; `rnn({ cell })` runs it
 * over time, with masking, statefulness and the rest.
 */
export abstract class RNNCell extends Layer implements RNNCellLike {
  abstract readonly stateSize: StateSize;

  get outputSize(): number {
    return stateSizes(this)[0];
  }

  /** One step (Keras's cell call): the step input and the states to [output, newStates]. */
  abstract step(inputs: Tensor, states: Tensor[], training: boolean): [Tensor, Tensor[]];

  /** The cell as a Layer: one step from zero states, giving the step's output. */
  call(inputs: Tensor, args: CallArgs): Tensor;
  /** Keras's cell call: one step, [output, newStates]. */
  call(inputs: Tensor, states: Tensor[], training?: boolean): [Tensor, Tensor[]];
  call(inputs: Tensor, second: CallArgs | Tensor[], training = false): Tensor | [Tensor, Tensor[]] {
    if (Array.isArray(second)) return this.step(inputs, second, training);
    const states = this.stateShapes(inputs.shape).map((shape) => zeros(shape as number[]));
    return this.step(inputs, states, second.training)[0];
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return [inputShape[0], this.outputSize];
  }

  /** The shape of each state for step inputs of `stepShape` ([batch, ...features]; null: not known). */
  stateShapes(stepShape: Shape): Shape[] {
    return stateSizes(this).map((size) => [stepShape[0], size]);
  }

  /** @internal The cell's view for one RNN call over a batch of `batch` (dropout masks are drawn here). */
  stepper(batch: number, training: boolean): CellStepper {
    void batch;
    return { project: (x) => x, step: (x, states) => this.step(x, states, training) };
  }

  /** `step` for a cell whose work is in its stepper (one call = one stepper, so fresh dropout masks). */
  protected stepOnce(inputs: Tensor, states: Tensor[], training: boolean): [Tensor, Tensor[]] {
    const stepper = this.stepper(inputs.shape[0], training);
    return stepper.step(stepper.project(inputs), states);
  }
}

/** Throws unless `cell` follows the cell protocol; `where` names the argument. */
export function checkCell(cell: unknown, where: string): asserts cell is RNNCellLike {
  const c = cell as Partial<RNNCellLike> | null;
  const size = c?.stateSize;
  const sizeOk = (n: unknown): boolean => Number.isInteger(n) && (n as number) > 0;
  if (typeof c !== 'object' || c === null || typeof c.call !== 'function' || !(sizeOk(size) || (Array.isArray(size) && size.length > 0 && size.every(sizeOk)))) {
    throw new Error(`${where} must be an RNN cell (an object with stateSize, positive integers, and call(inputs, states)), got ${c === null ? 'null' : typeof c === 'object' ? (c.constructor?.name ?? 'an object') : typeof c}`);
  }
}

/** @internal Builds `cell` for step inputs of `stepShape`, its weights named in `scope` (Keras builds cells in the RNN's name scope). */
export function buildCell(cell: RNNCellLike, scope: NameScope, stepShape: Shape): void {
  if (cell instanceof Layer) {
    cell.nameScope = scope;
    cell.buildFor(stepShape);
  } else {
    cell.build?.(stepShape);
  }
}

/** @internal A cell's weights as the enclosing layer reports them (a cell that is not a Layer has none). */
export function cellWeights(cell: RNNCellLike, which: 'trainable' | 'nonTrainable'): LayerVariable[] {
  if (!(cell instanceof Layer)) return [];
  return which === 'trainable' ? cell.trainableWeights : cell.nonTrainableWeights;
}

/** @internal The stepper of any cell: a built-in one's own, else Keras's protocol step by step. */
export function stepperOf(cell: RNNCellLike, batch: number, training: boolean): CellStepper {
  if (cell instanceof RNNCell) return cell.stepper(batch, training);
  return { project: (x) => x, step: (x, states) => cell.call(x, states, training) };
}

/** @internal The state shapes of any cell for step inputs of `stepShape`. */
export function stateShapesOf(cell: RNNCellLike, stepShape: Shape): Shape[] {
  if (cell instanceof RNNCell) return cell.stateShapes(stepShape);
  return stateSizes(cell).map((size) => [stepShape[0], size]);
}
