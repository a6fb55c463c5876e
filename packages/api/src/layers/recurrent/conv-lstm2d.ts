import { optionKeys } from '@layerwise/data';
import type { ActivationName } from '../../activations/index.js';
import type { DataFormat } from '../core/data-format.js';
import { fmtKerasShape, type Shape } from '../shape.js';
import { OWN_CELL_LAYER_OPTIONS, type OwnCellLayerArgs, OwnCellRNN } from './own-cell.js';
import { CONV_LSTM2D_CELL_OPTIONS, ConvLSTM2DCell, type ConvLSTM2DCellArgs } from './conv-lstm2d-cell.js';

/** ConvLSTM2D's options: ConvLSTM2DCell's (filters and kernelSize are required) and the recurrent layer's. */
export type ConvLSTM2DArgs = ConvLSTM2DCellArgs & OwnCellLayerArgs;

const OPTIONS = optionKeys<ConvLSTM2DArgs>()([], { base: [OWN_CELL_LAYER_OPTIONS, CONV_LSTM2D_CELL_OPTIONS] });

/**
 * Keras 2 ConvLSTM2D: an LSTM over sequences of images, [batch, time, rows, cols, channels]
 * (channels first: [batch, time, channels, rows, cols]), whose products are convolutions
 * (see ConvLSTM2DCell for the gates and weights). Output [batch, (time,) rows', cols', filters].
 */
export class ConvLSTM2D extends OwnCellRNN<ConvLSTM2DCell> {
  override readonly className = 'ConvLSTM2D';
  constructor(args: ConvLSTM2DArgs) {
    args = OPTIONS.readFor(args, ConvLSTM2D, new.target);
    super(args, 'conv_lst_m2d', (cellArgs: ConvLSTM2DCellArgs, owner) => new ConvLSTM2DCell(cellArgs, owner));
    // As in Keras: there is no unrolled form of a convolutional recurrence.
    if (this.unroll) throw new Error(`${this.name}: unroll is not possible with convolutional RNNs`);
  }

  /** The number of output channels (of the states and the output). */
  get filters(): number {
    return this.cell.filters;
  }

  /** The convolution window, [kh, kw]. */
  get kernelSize(): number[] {
    return this.cell.kernelSize;
  }

  /** The input convolution's strides, [rows, cols] (default [1, 1]; the recurrent one always uses 1). */
  get strides(): number[] {
    return this.cell.strides;
  }

  /** The input convolution's padding (default 'valid'; the recurrent one is always 'same'). */
  get padding(): 'valid' | 'same' {
    return this.cell.padding;
  }

  /** Where the channels axis sits (default 'channelsLast'). */
  get dataFormat(): DataFormat {
    return this.cell.dataFormat;
  }

  /** The input convolution's dilation, [rows, cols] (default [1, 1]). */
  get dilationRate(): number[] {
    return this.cell.dilationRate;
  }

  /** The output activation's name (default 'tanh'). */
  get activationName(): ActivationName {
    return this.cell.activationName;
  }

  /** The gate activation's name (default 'hardSigmoid', Keras 2's 'hard_sigmoid'). */
  get recurrentActivationName(): ActivationName {
    return this.cell.recurrentActivationName;
  }

  protected override inputLayout(): string {
    return this.dataFormat === 'channelsLast' ? '(batch, timesteps, rows, cols, channels)' : '(batch, timesteps, channels, rows, cols)';
  }

  protected override checkSequenceShape(inputShape: Shape): void {
    const channels = inputShape[this.dataFormat === 'channelsLast' ? 4 : 2];
    if (inputShape.length !== 5 || channels === null) {
      throw new Error(`${this.name}: expected input of shape ${this.inputLayout()} with known channels, got ${fmtKerasShape(inputShape)}`);
    }
  }

  protected override outputShapeFor(inputShape: Shape): Shape {
    const state = this.cell.stateShapes([inputShape[0], ...inputShape.slice(2)])[0];
    return this.returnSequences ? [inputShape[0], inputShape[1], ...state.slice(1)] : state;
  }
}
