import { LAYER_OPTIONS } from '../layer-options.js';
import { optionKeys } from '@layerwise/data';
import type { Tensor } from '../../tensor/tensor.js';
import { fmtShape, shapesEqual } from '../../tensor/shape.js';
import { where } from '../../ops/select.js';
import { cast } from '../../ops/cast.js';
import { zeros, zerosLike } from '../../ops/create.js';
import { slice, stack, unstack } from '../../ops/layout.js';
import { reshape } from '../../ops/reshape.js';
import { isShapeList, Layer, type ApplyArgs, type CallArgs, type LayerArgs, type Mask } from '../layer.js';
import type { SymbolicTensor } from '../symbolic-tensor.js';
import { NameScope } from '../name-scope.js';
import { nestedConfig } from '../nested-config.js';
import { LayerVariable } from '../variable.js';
import { fmtKerasShape, type Shape } from '../shape.js';
import { buildCell, cellWeights, checkCell, outputSizeOf, stateShapesOf, stateSizes, stepperOf, type RNNCellLike } from './cell.js';
import { StackedRNNCells } from './stacked-rnn-cells.js';
import { applyFirstOutput, keepStates, sequenceMask, sequenceShape, splitInputs } from './sequence-io.js';

/** What every recurrent layer takes besides its cell (Keras 2's RNN arguments, camelCase). */
export interface RecurrentArgs extends LayerArgs {
  /** Output every step ([batch, time, ...]) rather than the last ([batch, ...]). */
  returnSequences?: boolean;
  /**
   * Also give the final states: the outputs are [output, ...states] (Keras's list; use
   * `applyMulti`). `apply` on tensors gives the output and keeps the states in `lastStates`.
   */
  returnState?: boolean;
  /** Process the sequence last step first (outputs come in that processing order, as in Keras 2). */
  goBackwards?: boolean;
  /** Carry the final states of one batch into the next as its initial states, until `resetStates()`. */
  stateful?: boolean;
  /**
   * Keras's unrolled loop. The results are the same except at masked steps, where the
   * output repeats the previous output (zeros before the first step) rather than the
   * previous first state; the two differ only for a cell whose output is not its first state.
   */
  unroll?: boolean;
  /** Keras 2's `input_length`: with `inputDim`, the same as inputShape [inputLength, inputDim]. */
  inputLength?: number;
}

/** Keras 2's RNN(cell): a cell (or a list of cells, stacked) run over time. */
export interface RNNArgs extends RecurrentArgs {
  /** The cell run over the time axis. */
  cell: RNNCellLike | RNNCellLike[];
}

/** Keras 2 RNNs read `inputDim`/`inputLength` as inputShape [inputLength, inputDim], not as a Dense-style [inputDim]. */
function withSequenceInput<A extends RecurrentArgs>(args: A): A {
  if (args.inputShape || args.batchInputShape || (args.inputDim === undefined && args.inputLength === undefined)) return args;
  const { inputDim, inputLength, ...rest } = args;
  return { ...rest, batchInputShape: [args.batchSize ?? null, inputLength ?? null, inputDim ?? null] } as A;
}

/** `keep` [batch, 1] (bool) shaped to select between tensors of `rank`. */
function keepFor(keepStep: Tensor, rank: number): Tensor {
  return rank === 2 ? keepStep : reshape(keepStep, [keepStep.shape[0], ...new Array<number>(rank - 1).fill(1)]);
}

/** What every recurrent layer takes besides its cell. */
export const RECURRENT_OPTIONS = optionKeys<RecurrentArgs>()([
  'returnSequences', 'returnState', 'goBackwards', 'stateful', 'unroll', 'inputLength',
], { base: [LAYER_OPTIONS] });

const OPTIONS = optionKeys<RNNArgs>()(['cell'], { base: [RECURRENT_OPTIONS] });

/**
 * Keras 2's RNN layer: runs `cell` over the time axis of [batch, time, ...] inputs (K.rnn),
 * with masking (a masked step carries the states over), `goBackwards`, `stateful` and
 * `returnSequences`/`returnState`. SimpleRNN, LSTM, GRU and ConvLSTM2D are this layer with
 * their cell. Its weights are the cell's.
 */
export class RNN extends Layer {
  readonly className: string = 'RNN';
  /** The cell run over the time axis. */
  readonly cell: RNNCellLike;
  /** Whether every step's output is returned (see RecurrentArgs). */
  readonly returnSequences: boolean;
  /** Whether the final states are returned too. */
  readonly returnState: boolean;
  /** Whether the sequence is processed last step first. */
  readonly goBackwards: boolean;
  /** Whether one batch's final states start the next. */
  readonly stateful: boolean;
  /** Whether the loop is unrolled (Keras's `unroll`). */
  readonly unroll: boolean;
  /**
   * With `returnState`, the final states of the latest call (LSTM: [h, c]), owned by the
   * layer (valid until the next call or `dispose`). In a Sequential model only the output
   * flows on, so this is where the states can be read.
   */
  lastStates: Tensor[] | null = null;
  /** Stateful layers: the states the next batch starts from (owned by the layer). */
  private heldStates: Tensor[] | null = null;
  /** The input's shape after the time axis, once built. */
  private stepInputShape: Shape | null = null;

  constructor(args: RNNArgs) {
    args = OPTIONS.readFor(args, RNN, new.target);
    super(withSequenceInput(args));
    const cell = Array.isArray(args.cell) ? new StackedRNNCells({ cells: args.cell }) : args.cell;
    checkCell(cell, `${this.name}: cell`);
    this.cell = cell;
    this.returnSequences = args.returnSequences ?? false;
    this.returnState = args.returnState ?? false;
    this.goBackwards = args.goBackwards ?? false;
    this.stateful = args.stateful ?? false;
    this.unroll = args.unroll ?? false;
    this.supportsMasking = true;
  }

  /** The input layout in errors. */
  protected inputLayout(): string {
    return '(batch, timesteps, features)';
  }

  /** Throws unless `inputShape` fits the layer: rank 3 with known features (ConvLSTM2D: rank 5). */
  protected checkSequenceShape(inputShape: Shape): void {
    if (inputShape.length !== 3 || inputShape[2] === null) {
      throw new Error(`${this.name}: expected input of shape ${this.inputLayout()} with known features, got ${fmtKerasShape(inputShape)}`);
    }
  }

  /** `inputShape` is the sequence's, or with initial states [sequence, ...states]. */
  override build(inputShape: Shape | Shape[]): void {
    const shape = sequenceShape(inputShape);
    this.checkSequenceShape(shape);
    this.stepInputShape = shape.slice(2);
    // Keras builds the cell in the RNN's name scope: its kernel is 'lstm/kernel'.
    buildCell(this.cell, NameScope.of(this), [shape[0], ...shape.slice(2)]);
  }

  /** The output's shape, then with `returnState` each state's (Keras's list). */
  override computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
    const shape = sequenceShape(inputShape);
    if (isShapeList(inputShape)) this.checkStateShapes(inputShape.slice(1), shape[0], `${this.name}: initial state`);
    const out = this.outputShapeFor(shape);
    return this.returnState ? [out, ...this.stateShapes(shape[0])] : out;
  }

  /** The output's shape for a sequence of `inputShape`. */
  protected outputShapeFor(inputShape: Shape): Shape {
    const out = outputSizeOf(this.cell);
    return this.returnSequences ? [inputShape[0], inputShape[1], out] : [inputShape[0], out];
  }

  /** The mask passes on with returnSequences; the states have none. */
  override computeMask(_inputs: Tensor | Tensor[], mask: Mask): Mask {
    const out = this.returnSequences ? sequenceMask(mask) : null;
    return this.returnState ? [out, ...stateSizes(this.cell).map(() => null)] : out;
  }

  override get trainableWeights(): LayerVariable[] {
    return this.trainable ? cellWeights(this.cell, 'trainable') : [];
  }

  override get nonTrainableWeights(): LayerVariable[] {
    const frozen = cellWeights(this.cell, 'nonTrainable');
    return this.trainable ? frozen : [...cellWeights(this.cell, 'trainable'), ...frozen];
  }

  /** The cell's weight penalties, and the activity penalty of this layer's outputs. */
  override regularizationLosses(): Tensor[] {
    return [...(this.trainable && this.cell instanceof Layer ? this.cell.regularizationLosses() : []), ...super.regularizationLosses()];
  }

  /** The cell's input kernel (built-in single cells), or null. */
  get kernel(): LayerVariable | null {
    return this.cellVariable('kernel');
  }

  /** The cell's recurrent kernel (built-in single cells), or null. */
  get recurrentKernel(): LayerVariable | null {
    return this.cellVariable('recurrentKernel');
  }

  /** The cell's bias (built-in single cells with useBias), or null. */
  get bias(): LayerVariable | null {
    return this.cellVariable('bias');
  }

  private cellVariable(key: 'kernel' | 'recurrentKernel' | 'bias'): LayerVariable | null {
    const v = (this.cell as unknown as Partial<Record<typeof key, unknown>>)[key];
    return v instanceof LayerVariable ? v : null;
  }

  /**
   * Keras's call: `inputs` is the sequence, or [sequence, ...initialState]. Gives the output,
   * or with `returnState` [output, ...finalStates] (LSTM: [output, h, c]), the states then
   * also kept in `lastStates`.
   */
  call(inputs: Tensor | Tensor[], args: CallArgs<Mask>): Tensor | Tensor[] {
    const { x, initialState } = splitInputs(inputs);
    const outputs = this.run(x, { training: args.training, mask: sequenceMask(args.mask) }, initialState);
    if (!this.returnState) return outputs[0];
    this.lastStates = keepStates(outputs.slice(1), this.lastStates);
    return outputs;
  }

  /**
   * On tensors with `returnState`, the output alone (the states are in `lastStates`; use
   * `applyMulti` or `callWithStates` for them all). On symbolic tensors as any layer: a
   * layer of several outputs is applied with `applyMulti`.
   */
  override apply(inputs: SymbolicTensor | SymbolicTensor[], args?: ApplyArgs): SymbolicTensor;
  override apply(inputs: Tensor | Tensor[], args?: ApplyArgs): Tensor;
  override apply(inputs: SymbolicTensor | SymbolicTensor[] | Tensor | Tensor[], args: ApplyArgs = {}): SymbolicTensor | Tensor {
    return applyFirstOutput(this, inputs, args, this.returnState) ?? super.apply(inputs as Tensor | Tensor[], args);
  }

  /**
   * Keras's `return_state` result: `[output, ...finalStates]` (LSTM: [output, h, c]),
   * whatever `returnState` says, optionally from `initialState` (Keras's `initial_state`,
   * one tensor per state; the caller keeps them). The caller owns the results. Builds on first use.
   */
  callWithStates(x: Tensor, args: CallArgs = { training: false, mask: null }, initialState?: readonly Tensor[]): Tensor[] {
    if (!this.built) this.buildFor(x.shape.map((d, i) => (i === 0 ? null : d)));
    return this.run(x, args, initialState ?? null);
  }

  /** The shape of each state for a batch of `batch` (null where the input leaves a size open). */
  stateShapes(batch: number | null): Shape[] {
    return stateShapesOf(this.cell, [batch, ...(this.stepInputShape ?? [])]);
  }

  /**
   * Stateful layers: forget the carried states, so the next batch starts from zeros (or
   * from `states`, one tensor per state; the caller keeps ownership).
   */
  resetStates(states?: readonly Tensor[]): void {
    if (!this.stateful) throw new Error(`${this.name}.resetStates: the layer is not stateful (pass stateful: true)`);
    if (states) this.checkStates(states, `${this.name}.resetStates`);
    this.releaseHeldStates();
    if (states) this.heldStates = keepStates(states, null);
  }

  /** The stateful layer's current states (copies the caller owns), or null before the first batch. */
  get states(): Tensor[] | null {
    return this.heldStates ? this.heldStates.map((s) => reshape(s, s.shape)) : null;
  }

  private checkStates(states: readonly Tensor[], where: string): void {
    if (states.some((s) => s.dtype !== 'float32')) throw new Error(`${where}: states must be float32, got ${states.map((s) => s.dtype).join(', ')}`);
    this.checkStateShapes(states.map((s) => s.shape), states[0]?.shape[0] ?? null, where);
  }

  /** Throws unless `shapes` are one per state, each fitting the cell's state shape for a batch of `batch`. */
  private checkStateShapes(shapes: readonly Shape[], batch: number | null, where: string): void {
    const expected = this.stateShapes(batch);
    if (shapes.length !== expected.length) throw new Error(`${where}: expected ${expected.length} state tensor(s), got ${shapes.length}`);
    shapes.forEach((s, i) => {
      const fits = s.length === expected[i].length && expected[i].every((d, k) => d === null || s[k] === null || d === s[k]);
      if (!fits) throw new Error(`${where}: state ${i} must have shape ${fmtKerasShape(expected[i])}, got ${fmtKerasShape(s)}`);
    });
  }

  private run(x: Tensor, { training, mask }: CallArgs, initialState: readonly Tensor[] | null): Tensor[] {
    const built = this.stepInputShape!;
    const fits = x.rank === built.length + 2 && built.every((d, i) => d === null || d === x.shape[i + 2]);
    if (!fits) throw new Error(`${this.name}: expected input of shape [batch, timesteps, ${built.map((d) => d ?? 'None').join(', ')}], got ${fmtShape(x.shape)}`);
    const [batch, steps] = x.shape;
    if (steps === 0) throw new Error(`${this.name}: the input has no timesteps (shape ${fmtShape(x.shape)})`);
    if (mask && (mask.rank !== 2 || mask.shape[0] !== batch || mask.shape[1] !== steps)) {
      throw new Error(`${this.name}: mask must have shape [${batch}, ${steps}] (batch, timesteps), got ${fmtShape(mask.shape)}`);
    }
    if (initialState) {
      this.checkStates(initialState, `${this.name}: initialState`);
      if (initialState.some((s) => s.shape[0] !== batch)) throw new Error(`${this.name}: initialState must have the input's batch size ${batch}`);
    }
    const shapes = stateShapesOf(this.cell, x.shape.filter((_, i) => i !== 1)) as number[][];
    const initial = initialState ? initialState.map((s) => reshape(s, s.shape)) : this.initialStates(batch, shapes);

    const stepper = stepperOf(this.cell, batch, training);
    const projected = unstack(stepper.project(x), 1);
    const boolMask = mask ? (mask.dtype === 'bool' ? mask : cast(mask, 'bool')) : null;
    const order = Array.from({ length: steps }, (_, t) => (this.goBackwards ? steps - 1 - t : t));
    let states = initial;
    let output: Tensor | null = null;
    const outputs: Tensor[] = [];
    for (const t of order) {
      const [stepOutput, next] = stepper.step(projected[t], states);
      if (next.length !== states.length) throw new Error(`${this.name}: the cell returned ${next.length} state(s), expected ${states.length}`);
      let out = stepOutput;
      if (boolMask) {
        // K.rnn: at a masked step the states are carried over; the output repeats the previous
        // first state (the previous output, for a cell whose output is its first state).
        const keepStep = slice(boolMask, [0, t], [batch, 1]);
        const carried = next.map((s, i) => where(keepFor(keepStep, s.rank), s, states[i]));
        const previousOutput = this.unroll || !shapesEqual(out.shape, states[0].shape) ? (output ?? zerosLike(out)) : states[0];
        out = out === next[0] && previousOutput === states[0] ? carried[0] : where(keepFor(keepStep, out.rank), out, previousOutput);
        states = carried;
      } else {
        states = next;
      }
      output = out;
      if (this.returnSequences) outputs.push(out);
    }
    if (this.stateful) this.heldStates = keepStates(states, this.heldStates);
    const last = output!;
    return [this.returnSequences ? stack(outputs, 1) : reshape(last, last.shape), ...states];
  }

  private initialStates(batch: number, shapes: number[][]): Tensor[] {
    if (this.stateful && this.heldStates) {
      const held = this.heldStates[0].shape[0];
      if (held !== batch) {
        throw new Error(`${this.name}: stateful layer holds states for batch size ${held} but got a batch of ${batch}; use a fixed batch size (batchInputShape, and no partial last batch) or call resetStates()`);
      }
      // Views, so releasing the held tensors later cannot free what this call's gradient needs.
      return this.heldStates.map((s) => reshape(s, s.shape));
    }
    return shapes.map((shape) => zeros(shape));
  }

  private releaseHeldStates(): void {
    if (this.heldStates) for (const s of this.heldStates) s.dispose();
    this.heldStates = null;
  }

  /** The cell's part of the config: Keras nests it as `cell`; SimpleRNN, LSTM, GRU and ConvLSTM2D inline its arguments. */
  protected cellConfig(): Record<string, unknown> {
    return { cell: nestedConfig(this.cell, `${this.name}: cell`) };
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(), ...this.cellConfig(), returnSequences: this.returnSequences, returnState: this.returnState,
      goBackwards: this.goBackwards, stateful: this.stateful, unroll: this.unroll,
    };
  }

  override dispose(): void {
    this.releaseHeldStates();
    if (this.lastStates) for (const s of this.lastStates) s.dispose();
    this.lastStates = null;
    if (this.cell instanceof Layer) this.cell.dispose();
    super.dispose();
  }
}
