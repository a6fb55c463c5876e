import type { Tensor } from '../../tensor/tensor.js';
import { fmtShape } from '../../tensor/shape.js';
import { canonicalActivation, getActivation, kerasActivationName, type ActivationFn, type ActivationIdentifier, type ActivationName } from '../../activations/index.js';
import { getInitializer, type Initializer, type InitializerIdentifier } from '../../initializers/index.js';
import { getRegularizer, type RegularizerIdentifier } from '../../regularizers/index.js';
import { keep } from '../../engine/scope.js';
import { mul } from '../../ops/binary.js';
import { where } from '../../ops/select.js';
import { cast } from '../../ops/cast.js';
import { zeros } from '../../ops/create.js';
import { denseForward } from '../../ops/fused.js';
import { concat, slice, stack, unstack } from '../../ops/layout.js';
import { expandDims, reshape } from '../../ops/reshape.js';
import { Layer, type CallArgs, type LayerArgs } from '../layer.js';
import type { LayerVariable } from '../variable.js';
import { fmtKerasShape, type Shape } from '../shape.js';
import { dropoutMasks } from './dropout-masks.js';

/** Arguments every recurrent layer takes (Keras 2 names, camelCase). */
export interface RNNArgs extends LayerArgs {
  units: number;
  /** Output activation (default 'tanh'). */
  activation?: ActivationIdentifier;
  useBias?: boolean;
  kernelInitializer?: InitializerIdentifier;
  recurrentInitializer?: InitializerIdentifier;
  biasInitializer?: InitializerIdentifier;
  kernelRegularizer?: RegularizerIdentifier | null;
  recurrentRegularizer?: RegularizerIdentifier | null;
  biasRegularizer?: RegularizerIdentifier | null;
  /** Fraction of the input units dropped while training (one mask per batch, reused at every step). */
  dropout?: number;
  /** Fraction of the recurrent state units dropped while training (one mask per batch). */
  recurrentDropout?: number;
  /** Output every step ([batch, time, units]) rather than the last ([batch, units]). */
  returnSequences?: boolean;
  /** Also produce the final states; see `RNN.callWithStates` and `RNN.lastStates`. */
  returnState?: boolean;
  /** Process the sequence last step first (outputs come in that processing order, as in Keras 2). */
  goBackwards?: boolean;
  /** Carry the final states of one batch into the next as its initial states, until `resetStates()`. */
  stateful?: boolean;
  /** Accepted for Keras compatibility; the loop is the same either way. */
  unroll?: boolean;
  /** Keras 2's `input_length`: with `inputDim`, the same as inputShape [inputLength, inputDim]. */
  inputLength?: number;
}

/** One time step: the input projection for this step and the previous states give the new states (output = states[0]). */
export type StepFn = (projected: Tensor, states: Tensor[]) => Tensor[];

/** Keras 2 RNNs read `inputDim`/`inputLength` as inputShape [inputLength, inputDim], not as a Dense-style [inputDim]. */
function withSequenceInput(args: RNNArgs): RNNArgs {
  if (args.inputShape || args.batchInputShape || (args.inputDim === undefined && args.inputLength === undefined)) return args;
  const { inputDim, inputLength, ...rest } = args;
  return { ...rest, batchInputShape: [args.batchSize ?? null, inputLength ?? null, inputDim ?? null] };
}

function checkRate(layer: string, arg: string, value: number | undefined): number {
  const v = value ?? 0;
  if (typeof v !== 'number' || !(v >= 0 && v < 1)) throw new Error(`${layer}: ${arg} must be a number in [0, 1), got ${value}`);
  return v;
}

/**
 * The time loop shared by SimpleRNN, LSTM and GRU (Keras 2's RNN + K.rnn). A subclass
 * says how many gates its kernels stack and writes one step; the input projection of all
 * steps is one matrix product made before the loop.
 *
 * Weights, in Keras order: `kernel` [inputDim, gates*units], `recurrent_kernel`
 * [units, gates*units], `bias` (shape from `biasShape`).
 */
export abstract class RNN extends Layer {
  readonly units: number;
  readonly activationName: ActivationName;
  readonly useBias: boolean;
  readonly dropout: number;
  readonly recurrentDropout: number;
  readonly returnSequences: boolean;
  readonly returnState: boolean;
  readonly goBackwards: boolean;
  readonly stateful: boolean;
  readonly unroll: boolean;
  kernel: LayerVariable | null = null;
  recurrentKernel: LayerVariable | null = null;
  bias: LayerVariable | null = null;
  /**
   * With `returnState`, the final states of the latest call ([h] or, for LSTM, [h, c]),
   * owned by the layer (valid until the next call or `dispose`). In a Sequential model only
   * the output flows on, so this is where the states can be read.
   */
  lastStates: Tensor[] | null = null;
  protected readonly activation: ActivationFn;
  protected readonly rnnArgs: RNNArgs;
  /** Stateful layers: the states the next batch starts from (owned by the layer). */
  private heldStates: Tensor[] | null = null;

  /** Gate blocks stacked along the kernels' columns (SimpleRNN 1, GRU 3, LSTM 4). */
  protected abstract readonly gates: number;
  /** State tensors the cell carries, each [batch, units] (LSTM 2: h and c; else 1). */
  protected abstract readonly stateCount: number;

  constructor(args: RNNArgs) {
    super(withSequenceInput(args));
    if (!Number.isInteger(args.units) || args.units < 1) throw new Error(`${this.name}: units must be a positive integer, got ${args.units}`);
    this.units = args.units;
    this.activationName = this.activationArg('activation', args.activation, 'tanh');
    this.activation = getActivation(this.activationName);
    this.useBias = args.useBias ?? true;
    this.dropout = checkRate(this.name, 'dropout', args.dropout);
    this.recurrentDropout = checkRate(this.name, 'recurrentDropout', args.recurrentDropout);
    this.returnSequences = args.returnSequences ?? false;
    this.returnState = args.returnState ?? false;
    this.goBackwards = args.goBackwards ?? false;
    this.stateful = args.stateful ?? false;
    this.unroll = args.unroll ?? false;
    for (const id of [args.kernelInitializer, args.recurrentInitializer, args.biasInitializer]) {
      if (id !== undefined) getInitializer(id, this.name);
    }
    for (const id of [args.kernelRegularizer, args.recurrentRegularizer, args.biasRegularizer]) getRegularizer(id);
    this.rnnArgs = args;
    this.supportsMasking = true;
  }

  protected activationArg(arg: string, value: ActivationIdentifier | undefined, fallback: ActivationName): ActivationName {
    try {
      return canonicalActivation(value ?? fallback);
    } catch (err) {
      throw new Error(`${this.name}: ${arg}: ${(err as Error).message}`);
    }
  }

  /** Shape of the bias weight (Keras: [gates*units]; GRU with resetAfter: [2, gates*units]). */
  protected biasShape(): number[] {
    return [this.gates * this.units];
  }

  /** The bias initializer as Keras applies it (LSTM's unitForgetBias overrides). */
  protected biasInitializer(): Initializer {
    return getInitializer(this.rnnArgs.biasInitializer ?? 'zeros', `${this.name}.biasInitializer`);
  }

  /** The bias added to the input projection, [gates*units], or null. */
  protected inputBias(): Tensor | null {
    return this.bias ? this.bias.value : null;
  }

  /** The step for one call; `recurrentMasks` (one per gate, [batch, units]) are set only while training with recurrentDropout. */
  protected abstract stepFunction(recurrentMasks: Tensor[] | null): StepFn;

  override build(inputShape: Shape): void {
    const inputDim = inputShape[2];
    if (inputShape.length !== 3 || inputDim === null) {
      throw new Error(`${this.name}: expected input of shape (batch, timesteps, features) with known features, got ${fmtKerasShape(inputShape)}`);
    }
    const a = this.rnnArgs;
    const width = this.gates * this.units;
    this.kernel = this.addWeight('kernel', [inputDim, width], a.kernelInitializer ?? 'glorotUniform', { regularizer: a.kernelRegularizer });
    this.recurrentKernel = this.addWeight('recurrent_kernel', [this.units, width], a.recurrentInitializer ?? 'orthogonal', { regularizer: a.recurrentRegularizer });
    if (this.useBias) this.bias = this.addWeight('bias', this.biasShape(), this.biasInitializer(), { regularizer: a.biasRegularizer });
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return this.returnSequences ? [inputShape[0], inputShape[1], this.units] : [inputShape[0], this.units];
  }

  override computeMask(_x: Tensor, mask: Tensor | null): Tensor | null {
    return this.returnSequences ? mask : null;
  }

  /** The layer's output; with `returnState` the final states are also kept in `lastStates`. */
  call(x: Tensor, args: CallArgs): Tensor {
    const [output, ...states] = this.run(x, args);
    if (this.returnState) {
      this.releaseLastStates();
      this.lastStates = states.map((s) => keep(reshape(s, s.shape)));
    }
    return output;
  }

  /**
   * Keras's `return_state` result: `[output, ...finalStates]` (states [h], or [h, c] for
   * LSTM), whatever `returnState` says. The caller owns the tensors. Builds on first use.
   */
  callWithStates(x: Tensor, args: CallArgs = { training: false, mask: null }): Tensor[] {
    if (!this.built) this.buildFor(x.shape.map((d, i) => (i === 0 ? null : d)));
    return this.run(x, args);
  }

  /**
   * Stateful layers: forget the carried states, so the next batch starts from zeros (or
   * from `states`, one [batch, units] tensor per state; the caller keeps ownership).
   */
  resetStates(states?: readonly Tensor[]): void {
    if (!this.stateful) throw new Error(`${this.name}.resetStates: the layer is not stateful (pass stateful: true)`);
    if (states) {
      if (states.length !== this.stateCount) throw new Error(`${this.name}.resetStates: expected ${this.stateCount} state tensor(s), got ${states.length}`);
      states.forEach((s, i) => {
        if (s.rank !== 2 || s.shape[1] !== this.units || s.dtype !== 'float32') {
          throw new Error(`${this.name}.resetStates: state ${i} must be float32 of shape [batch, ${this.units}], got ${s.dtype} ${fmtShape(s.shape)}`);
        }
        if (s.shape[0] !== states[0].shape[0]) throw new Error(`${this.name}.resetStates: the states have different batch sizes`);
      });
    }
    this.releaseHeldStates();
    if (states) this.heldStates = states.map((s) => keep(reshape(s, s.shape)));
  }

  /** The stateful layer's current states (copies the caller owns), or null before the first batch. */
  get states(): Tensor[] | null {
    return this.heldStates ? this.heldStates.map((s) => reshape(s, s.shape)) : null;
  }

  private run(x: Tensor, { training, mask }: CallArgs): Tensor[] {
    const inputDim = this.kernel!.shape[0];
    if (x.rank !== 3 || x.shape[2] !== inputDim) {
      throw new Error(`${this.name}: expected input of shape [batch, timesteps, ${inputDim}], got ${fmtShape(x.shape)}`);
    }
    const [batch, steps] = x.shape;
    if (steps === 0) throw new Error(`${this.name}: the input has no timesteps (shape ${fmtShape(x.shape)})`);
    if (mask && (mask.rank !== 2 || mask.shape[0] !== batch || mask.shape[1] !== steps)) {
      throw new Error(`${this.name}: mask must have shape [${batch}, ${steps}] (batch, timesteps), got ${fmtShape(mask.shape)}`);
    }
    const initial = this.initialStates(batch);
    // Keras 2 draws the masks once per call (per batch), input masks first, and only while training.
    const inputMasks = training && this.dropout > 0 ? dropoutMasks(this.gates, [batch, inputDim], this.dropout) : null;
    const recurrentMasks = training && this.recurrentDropout > 0 ? dropoutMasks(this.gates, [batch, this.units], this.recurrentDropout) : null;

    const projected = unstack(this.projectInputs(x, inputMasks), 1);
    const boolMask = mask ? (mask.dtype === 'bool' ? mask : cast(mask, 'bool')) : null;
    const order = Array.from({ length: steps }, (_, t) => (this.goBackwards ? steps - 1 - t : t));
    const step = this.stepFunction(recurrentMasks);
    let states = initial;
    const outputs: Tensor[] = [];
    for (const t of order) {
      const next = step(projected[t], states);
      if (boolMask) {
        // K.rnn: at a masked step the states are carried over and the output repeats the previous one.
        const keepStep = slice(boolMask, [0, t], [batch, 1]);
        states = next.map((s, i) => where(keepStep, s, states[i]));
      } else {
        states = next;
      }
      if (this.returnSequences) outputs.push(states[0]);
    }
    if (this.stateful) {
      this.releaseHeldStates();
      this.heldStates = states.map((s) => keep(reshape(s, s.shape)));
    }
    const output = this.returnSequences ? stack(outputs, 1) : reshape(states[0], states[0].shape);
    return [output, ...states];
  }

  /** x [batch, time, input] to [batch, time, gates*units]: x @ kernel + input bias, per-gate input dropout masks applied. */
  private projectInputs(x: Tensor, inputMasks: Tensor[] | null): Tensor {
    const kernel = this.kernel!.value;
    const bias = this.inputBias();
    if (!inputMasks) return denseForward(x, kernel, bias, 'linear');
    const u = this.units;
    const inputDim = kernel.shape[0];
    const parts = inputMasks.map((m, g) => denseForward(
      mul(x, expandDims(m, 1)),
      this.gates === 1 ? kernel : slice(kernel, [0, g * u], [inputDim, u]),
      bias && this.gates > 1 ? slice(bias, [g * u], [u]) : bias,
      'linear',
    ));
    return parts.length === 1 ? parts[0] : concat(parts, -1);
  }

  private initialStates(batch: number): Tensor[] {
    if (this.stateful && this.heldStates) {
      const held = this.heldStates[0].shape[0];
      if (held !== batch) {
        throw new Error(`${this.name}: stateful layer holds states for batch size ${held} but got a batch of ${batch}; use a fixed batch size (batchInputShape, and no partial last batch) or call resetStates()`);
      }
      // Views, so releasing the held tensors later cannot free what this call's gradient needs.
      return this.heldStates.map((s) => reshape(s, s.shape));
    }
    return Array.from({ length: this.stateCount }, () => zeros([batch, this.units]));
  }

  private releaseHeldStates(): void {
    if (this.heldStates) for (const s of this.heldStates) s.dispose();
    this.heldStates = null;
  }

  private releaseLastStates(): void {
    if (this.lastStates) for (const s of this.lastStates) s.dispose();
    this.lastStates = null;
  }

  override getConfig(): Record<string, unknown> {
    const a = this.rnnArgs;
    const reg = (id: RegularizerIdentifier | null | undefined): Record<string, unknown> | null => {
      const r = getRegularizer(id);
      return r ? { className: r.className, config: r.getConfig() } : null;
    };
    return {
      ...super.getConfig(), units: this.units, activation: kerasActivationName(this.activationName), useBias: this.useBias,
      kernelInitializer: getInitializer(a.kernelInitializer ?? 'glorotUniform').toJSON(),
      recurrentInitializer: getInitializer(a.recurrentInitializer ?? 'orthogonal').toJSON(),
      biasInitializer: getInitializer(a.biasInitializer ?? 'zeros').toJSON(),
      kernelRegularizer: reg(a.kernelRegularizer), recurrentRegularizer: reg(a.recurrentRegularizer), biasRegularizer: reg(a.biasRegularizer),
      dropout: this.dropout, recurrentDropout: this.recurrentDropout, returnSequences: this.returnSequences,
      returnState: this.returnState, goBackwards: this.goBackwards, stateful: this.stateful, unroll: this.unroll,
    };
  }

  override dispose(): void {
    this.releaseHeldStates();
    this.releaseLastStates();
    super.dispose();
  }
}

/** Column block `g` (of width `units`) of a [rows, gates*units] tensor. */
export function gateBlock(t: Tensor, g: number, units: number): Tensor {
  return slice(t, [0, g * units], [t.shape[0], units]);
}
