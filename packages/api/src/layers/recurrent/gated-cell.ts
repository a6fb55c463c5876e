import { optionKeys } from '@layerwise/data';
import type { Tensor } from '../../tensor/tensor.js';
import { fmtShape } from '../../tensor/shape.js';
import { mul } from '../../ops/binary.js';
import { denseForward } from '../../ops/fused.js';
import { concat, slice } from '../../ops/layout.js';
import { fmtKerasShape, type Shape } from '../shape.js';
import { stateSizes, type CellStepper } from './cell.js';
import { dropoutMasks, maskFor } from './dropout-masks.js';
import { getActivation, kerasActivationName, type ActivationFn, type ActivationIdentifier, type ActivationName } from '../../activations/index.js';
import { activationArg, KERNEL_CELL_OPTIONS, KernelCell, type KernelCellArgs } from './kernel-cell.js';

/** Arguments of the dense recurrent cells (Keras 2 names, camelCase). */
export interface GatedCellArgs extends KernelCellArgs {
  /** The number of output units. */
  units: number;
}

/** One step of a gated cell: the projected input and the states to the new states (output = the first). */
export type GateStep = (projected: Tensor, states: Tensor[]) => Tensor[];

/** GatedCell's options (SimpleRNNCell's). */
export const GATED_CELL_OPTIONS = optionKeys<GatedCellArgs>()(['units'], { base: [KERNEL_CELL_OPTIONS] });

/**
 * What SimpleRNNCell, LSTMCell and GRUCell share (Keras 2's cells): `gates` blocks of
 * `units` columns stacked in `kernel` [inputDim, gates*units], `recurrent_kernel`
 * [units, gates*units] and `bias` (shape from `biasShape`), weights in that order; per-gate
 * input and recurrent dropout masks drawn once per RNN call. The input projection of every
 * timestep is one matrix product, made before the time loop.
 */
export abstract class GatedCell extends KernelCell {
  /** The number of output units. */
  readonly units: number;
  /** Gate blocks stacked along the kernels' columns (SimpleRNN 1, GRU 3, LSTM 4). */
  protected abstract readonly gates: number;

  /** `owner`: the layer that made this cell (errors name it). */
  constructor(args: GatedCellArgs, owner?: string) {
    super(args, owner);
    if (!Number.isInteger(args.units) || args.units < 1) throw new Error(`${this.label}: units must be a positive integer, got ${args.units}`);
    this.units = args.units;
  }

  /** Shape of the bias weight (Keras: [gates*units]; GRU with resetAfter: [2, gates*units]). */
  protected biasShape(): number[] {
    return [this.gates * this.units];
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
    const width = this.gates * this.units;
    this.addCellWeights([inputDim, width], [this.units, width], this.biasShape());
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
    return { ...super.getConfig(), units: this.units };
  }
}

/** Arguments of LSTMCell and GRUCell beyond the gated cell's. */
export interface MultiGateCellArgs extends GatedCellArgs {
  /** Gate activation (Keras 2 default 'hardSigmoid': clip(0.2 x + 0.5, 0, 1)). */
  recurrentActivation?: ActivationIdentifier;
  /** Keras's 1 or 2 (0 in Keras 2.0); accepted, results are the same. */
  implementation?: number;
}

/** The options LSTMCell and GRUCell share. */
export const MULTI_GATE_CELL_OPTIONS = optionKeys<MultiGateCellArgs>()([
  'recurrentActivation', 'implementation',
], { base: [GATED_CELL_OPTIONS] });

/** LSTMCell and GRUCell: a gated cell whose gates use `recurrentActivation`. */
export abstract class MultiGateCell extends GatedCell {
  /** The recurrent (gate) activation's name. */
  readonly recurrentActivationName: ActivationName;
  /** Keras's implementation mode (default 1); accepted for configs, it changes no result. */
  readonly implementation: number;
  /** The gate activation (default hardSigmoid), as a function. */
  protected readonly recurrentActivation: ActivationFn;

  constructor(args: MultiGateCellArgs, owner?: string) {
    super(args, owner);
    this.recurrentActivationName = activationArg(this.label, 'recurrentActivation', args.recurrentActivation, 'hardSigmoid');
    this.recurrentActivation = getActivation(this.recurrentActivationName);
    const implementation = args.implementation ?? 1;
    if (implementation !== 0 && implementation !== 1 && implementation !== 2) {
      throw new Error(`${this.label}: implementation must be 0, 1 or 2, got ${args.implementation}`);
    }
    this.implementation = implementation;
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), recurrentActivation: kerasActivationName(this.recurrentActivationName), implementation: this.implementation };
  }
}

/** Block `g` (of width `units`) along the last axis of a [..., gates*units] tensor (a kernel, a bias). */
export function gateBlock(t: Tensor, g: number, units: number): Tensor {
  const last = t.rank - 1;
  return slice(t, t.shape.map((_, i) => (i === last ? g * units : 0)), t.shape.map((d, i) => (i === last ? units : d)));
}
