import type { Tensor } from '../../tensor/tensor.js';
import { fmtShape } from '../../tensor/shape.js';
import { canonicalActivation, getActivation, kerasActivationName, type ActivationFn, type ActivationName } from '../../activations/index.js';
import { getInitializer, type Initializer } from '../../initializers/index.js';
import { mul } from '../../ops/binary.js';
import { denseForward } from '../../ops/fused.js';
import { concat, slice } from '../../ops/layout.js';
import type { LayerArgs } from '../layer.js';
import type { LayerVariable } from '../variable.js';
import { fmtKerasShape, type Shape } from '../shape.js';
import { RNNCell, stateSizes, type CellStepper } from './cell.js';
import { dropoutMasks, maskFor } from './dropout-masks.js';
import { checkWeightArgs, initializer, weightArgsConfig, weightOptions, type RecurrentWeightArgs } from './weight-args.js';

/** Arguments of the dense recurrent cells (Keras 2 names, camelCase). */
export interface GatedCellArgs extends Pick<LayerArgs, 'name' | 'trainable' | 'dtype'>, RecurrentWeightArgs {
  units: number;
  /** Output activation (default 'tanh'). */
  activation?: string;
  useBias?: boolean;
  /** Fraction of the input units dropped while training (one mask per batch, reused at every step). */
  dropout?: number;
  /** Fraction of the recurrent state units dropped while training (one mask per batch). */
  recurrentDropout?: number;
}

/** One step of a gated cell: the projected input and the states to the new states (output = the first). */
export type GateStep = (projected: Tensor, states: Tensor[]) => Tensor[];

export function checkRate(where: string, arg: string, value: number | undefined): number {
  const v = value ?? 0;
  if (typeof v !== 'number' || !(v >= 0 && v < 1)) throw new Error(`${where}: ${arg} must be a number in [0, 1), got ${value}`);
  return v;
}

/** Keras's activations argument, with the layer (or its owner) named in the error. */
export function activationArg(where: string, arg: string, value: string | undefined, fallback: ActivationName): ActivationName {
  try {
    return canonicalActivation(value ?? fallback);
  } catch (err) {
    throw new Error(`${where}: ${arg}: ${(err as Error).message}`);
  }
}

/**
 * What SimpleRNNCell, LSTMCell and GRUCell share (Keras 2's cells): `gates` blocks of
 * `units` columns stacked in `kernel` [inputDim, gates*units], `recurrent_kernel`
 * [units, gates*units] and `bias` (shape from `biasShape`), weights in that order; per-gate
 * input and recurrent dropout masks drawn once per RNN call. The input projection of every
 * timestep is one matrix product, made before the time loop.
 */
export abstract class GatedCell extends RNNCell {
  readonly units: number;
  readonly activationName: ActivationName;
  readonly useBias: boolean;
  readonly dropout: number;
  readonly recurrentDropout: number;
  kernel: LayerVariable | null = null;
  recurrentKernel: LayerVariable | null = null;
  bias: LayerVariable | null = null;
  protected readonly activation: ActivationFn;
  protected readonly cellArgs: GatedCellArgs;
  /** The name errors are reported under: the layer that made this cell (an LSTM), else the cell. */
  protected readonly label: string;
  /** Gate blocks stacked along the kernels' columns (SimpleRNN 1, GRU 3, LSTM 4). */
  protected abstract readonly gates: number;

  /** `owner`: the layer that made this cell (errors name it). */
  constructor(args: GatedCellArgs, owner?: string) {
    super(args);
    this.label = owner ?? this.name;
    if (!Number.isInteger(args.units) || args.units < 1) throw new Error(`${this.label}: units must be a positive integer, got ${args.units}`);
    this.units = args.units;
    this.activationName = activationArg(this.label, 'activation', args.activation, 'tanh');
    this.activation = getActivation(this.activationName);
    this.useBias = args.useBias ?? true;
    this.dropout = checkRate(this.label, 'dropout', args.dropout);
    this.recurrentDropout = checkRate(this.label, 'recurrentDropout', args.recurrentDropout);
    checkWeightArgs(args, this.label);
    this.cellArgs = args;
  }

  /** Shape of the bias weight (Keras: [gates*units]; GRU with resetAfter: [2, gates*units]). */
  protected biasShape(): number[] {
    return [this.gates * this.units];
  }

  /** The bias initializer as Keras applies it (LSTM's unitForgetBias overrides). */
  protected biasInitializer(): Initializer {
    return getInitializer(initializer(this.cellArgs, 'bias'), `${this.label}.biasInitializer`);
  }

  /** The bias added to the input projection, [gates*units], or null. */
  protected inputBias(): Tensor | null {
    return this.bias ? this.bias.value : null;
  }

  /** The step for one call; `recurrentMasks` (one per gate, [batch, units]) are set only while training with recurrentDropout. */
  protected abstract gateStep(recurrentMasks: Tensor[] | null): GateStep;

  override build(inputShape: Shape): void {
    const inputDim = inputShape[inputShape.length - 1];
    if (inputShape.length !== 2 || inputDim === null) {
      throw new Error(`${this.label}: expected step inputs of shape (batch, features) with known features, got ${fmtKerasShape(inputShape)}`);
    }
    const a = this.cellArgs;
    const width = this.gates * this.units;
    this.kernel = this.addWeight('kernel', [inputDim, width], initializer(a, 'kernel'), weightOptions(a, 'kernel'));
    this.recurrentKernel = this.addWeight('recurrent_kernel', [this.units, width], initializer(a, 'recurrent'), weightOptions(a, 'recurrent'));
    if (this.useBias) this.bias = this.addWeight('bias', this.biasShape(), this.biasInitializer(), weightOptions(a, 'bias'));
  }

  override stepper(batch: number, training: boolean): CellStepper {
    const inputDim = this.kernel!.shape[0];
    // Keras 2 draws the masks once per call (per batch), input masks first, and only while training.
    const inputMasks = training && this.dropout > 0 ? dropoutMasks(this.gates, [batch, inputDim], this.dropout) : null;
    const recurrentMasks = training && this.recurrentDropout > 0 ? dropoutMasks(this.gates, [batch, this.units], this.recurrentDropout) : null;
    const step = this.gateStep(recurrentMasks);
    return {
      project: (x) => this.projectInputs(x, inputMasks),
      step: (projected, states) => {
        const next = step(projected, states);
        return [next[0], next];
      },
    };
  }

  step(inputs: Tensor, states: Tensor[], training: boolean): [Tensor, Tensor[]] {
    if (!this.built) this.buildFor([null, inputs.shape[inputs.rank - 1]]);
    const inputDim = this.kernel!.shape[0];
    if (inputs.rank !== 2 || inputs.shape[1] !== inputDim) {
      throw new Error(`${this.label}: expected a step input of shape [batch, ${inputDim}], got ${fmtShape(inputs.shape)}`);
    }
    const sizes = stateSizes(this);
    if (states.length !== sizes.length || states.some((s, i) => s.rank !== 2 || s.shape[0] !== inputs.shape[0] || s.shape[1] !== sizes[i])) {
      throw new Error(`${this.label}: expected ${sizes.length} state(s) of shape ${sizes.map((s) => `[${inputs.shape[0]}, ${s}]`).join(', ')}, got ${states.map((s) => fmtShape(s.shape)).join(', ') || 'none'}`);
    }
    return this.stepOnce(inputs, states, training);
  }

  /** x [batch, (time,) input] to [batch, (time,) gates*units]: x @ kernel + input bias, per-gate input dropout masks applied. */
  private projectInputs(x: Tensor, inputMasks: Tensor[] | null): Tensor {
    const kernel = this.kernel!.value;
    const bias = this.inputBias();
    if (!inputMasks) return denseForward(x, kernel, bias, 'linear');
    const u = this.units;
    const parts = inputMasks.map((m, g) => denseForward(
      mul(x, maskFor(x, m)),
      this.gates === 1 ? kernel : gateBlock(kernel, g, u),
      bias && this.gates > 1 ? gateBlock(bias, g, u) : bias,
      'linear',
    ));
    return parts.length === 1 ? parts[0] : concat(parts, -1);
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(), units: this.units, activation: kerasActivationName(this.activationName), useBias: this.useBias,
      ...weightArgsConfig(this.cellArgs), dropout: this.dropout, recurrentDropout: this.recurrentDropout,
    };
  }
}

/** Block `g` (of width `units`) along the last axis of a [..., gates*units] tensor (a kernel, a bias). */
export function gateBlock(t: Tensor, g: number, units: number): Tensor {
  const last = t.rank - 1;
  return slice(t, t.shape.map((_, i) => (i === last ? g * units : 0)), t.shape.map((d, i) => (i === last ? units : d)));
}
