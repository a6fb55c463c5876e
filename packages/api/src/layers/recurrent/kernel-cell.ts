import { CELL_OPTIONS } from '../layer-options.js';
import { optionKeys } from '@layerwise/data';
import { canonicalActivation, getActivation, kerasActivationName, type ActivationFn, type ActivationIdentifier, type ActivationName } from '../../activations/index.js';
import { getInitializer, type Initializer } from '../../initializers/index.js';
import type { LayerArgs } from '../layer.js';
import type { LayerVariable } from '../variable.js';
import { RNNCell } from './cell.js';
import { checkWeightArgs, initializer, RECURRENT_WEIGHT_OPTIONS, weightArgsConfig, weightOptions, type RecurrentWeightArgs } from './weight-args.js';

/** What every built-in cell with weights takes (Keras 2 names, camelCase). */
export interface KernelCellArgs extends Pick<LayerArgs, 'name' | 'trainable' | 'dtype'>, RecurrentWeightArgs {
  /** Output activation (default 'tanh'). */
  activation?: ActivationIdentifier;
  /** Whether the cell has a bias (default true). */
  useBias?: boolean;
  /** Fraction of the input dropped while training (one mask per gate and batch, reused at every step). */
  dropout?: number;
  /** Fraction of the recurrent state dropped while training (one mask per gate and batch). */
  recurrentDropout?: number;
}

/** The options every built-in cell with weights takes. */
export const KERNEL_CELL_OPTIONS = optionKeys<KernelCellArgs>()([
  'activation', 'useBias', 'dropout', 'recurrentDropout',
], { base: [CELL_OPTIONS, RECURRENT_WEIGHT_OPTIONS] });

/** Keras's dropout rates: a number in [0, 1). */
export function checkRate(where: string, arg: string, value: number | undefined): number {
  const v = value ?? 0;
  if (typeof v !== 'number' || !(v >= 0 && v < 1)) throw new Error(`${where}: ${arg} must be a number in [0, 1), got ${value}`);
  return v;
}

/** Keras's activations argument, with the layer (or its owner) named in the error. */
export function activationArg(where: string, arg: string, value: ActivationIdentifier | undefined, fallback: ActivationName): ActivationName {
  try {
    return canonicalActivation(value ?? fallback);
  } catch (err) {
    throw new Error(`${where}: ${arg}: ${(err as Error).message}`);
  }
}

/**
 * The built-in cells' common ground (SimpleRNNCell, LSTMCell, GRUCell, ConvLSTM2DCell):
 * `kernel`, `recurrent_kernel` and `bias` in Keras's order, their initializers, regularizers
 * and constraints, the output activation and the two dropout rates.
 */
export abstract class KernelCell extends RNNCell {
  /** The output activation's name. */
  readonly activationName: ActivationName;
  /** Whether the cell has a bias. */
  readonly useBias: boolean;
  /** The fraction of the input dropped while training. */
  readonly dropout: number;
  /** The fraction of the recurrent state dropped while training. */
  readonly recurrentDropout: number;
  /** The input kernel once built (`[inputDim, gates * units]`; ConvLSTM2D's is a convolution kernel). */
  kernel: LayerVariable | null = null;
  /** The recurrent kernel once built (`[units, gates * units]`; ConvLSTM2D's is a convolution kernel). */
  recurrentKernel: LayerVariable | null = null;
  /** The bias once built, one per gate and unit (null without one). */
  bias: LayerVariable | null = null;
  /** The output activation (default tanh), as a function. */
  protected readonly activation: ActivationFn;
  /** The arguments the cell was made with (its weights' initializers, regularizers and constraints are read from them). */
  protected readonly cellArgs: KernelCellArgs;
  /** The name errors are reported under: the layer that made this cell (an LSTM), else the cell. */
  protected readonly label: string;

  /** `owner`: the layer that made this cell (errors name it). */
  constructor(args: KernelCellArgs, owner?: string) {
    super(args);
    this.label = owner ?? this.name;
    this.activationName = activationArg(this.label, 'activation', args.activation, 'tanh');
    this.activation = getActivation(this.activationName);
    this.useBias = args.useBias ?? true;
    this.dropout = checkRate(this.label, 'dropout', args.dropout);
    this.recurrentDropout = checkRate(this.label, 'recurrentDropout', args.recurrentDropout);
    checkWeightArgs(args, this.label);
    this.cellArgs = args;
  }

  /** The bias initializer as Keras applies it (unitForgetBias wraps it). */
  protected biasInitializer(): Initializer {
    return getInitializer(initializer(this.cellArgs, 'bias'), `${this.label}.biasInitializer`);
  }

  /** Creates the three weights, in Keras's order (the bias only with useBias). */
  protected addCellWeights(kernelShape: number[], recurrentShape: number[], biasShape: number[]): void {
    const a = this.cellArgs;
    this.kernel = this.addWeight('kernel', kernelShape, initializer(a, 'kernel'), weightOptions(a, 'kernel'));
    this.recurrentKernel = this.addWeight('recurrent_kernel', recurrentShape, initializer(a, 'recurrent'), weightOptions(a, 'recurrent'));
    if (this.useBias) this.bias = this.addWeight('bias', biasShape, this.biasInitializer(), weightOptions(a, 'bias'));
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(), activation: kerasActivationName(this.activationName), useBias: this.useBias,
      ...weightArgsConfig(this.cellArgs), dropout: this.dropout, recurrentDropout: this.recurrentDropout,
    };
  }
}
