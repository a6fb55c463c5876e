import type { ActivationName } from '../../activations/index.js';
import type { DataFormat } from '../core/data-format.js';
import { fmtKerasShape, type Shape } from '../shape.js';
import { RNN, type RecurrentArgs } from './rnn.js';
import { inlineCellConfig, withOwnCell } from './own-cell.js';
import { ConvLSTM2DCell, type ConvLSTM2DCellArgs } from './conv-lstm2d-cell.js';

export type ConvLSTM2DArgs = ConvLSTM2DCellArgs & RecurrentArgs;

/**
 * Keras 2 ConvLSTM2D: an LSTM over sequences of images, [batch, time, rows, cols, channels]
 * (channels first: [batch, time, channels, rows, cols]), whose products are convolutions
 * (see ConvLSTM2DCell for the gates and weights). Output [batch, (time,) rows', cols', filters].
 */
export class ConvLSTM2D extends RNN {
  override readonly className = 'ConvLSTM2D';
  declare readonly cell: ConvLSTM2DCell;

  constructor(args: ConvLSTM2DArgs) {
    super(withOwnCell(args, 'conv_lst_m2d', (cellArgs, owner) => new ConvLSTM2DCell(cellArgs, owner)));
    // As in Keras: there is no unrolled form of a convolutional recurrence.
    if (this.unroll) throw new Error(`${this.name}: unroll is not possible with convolutional RNNs`);
  }

  get filters(): number {
    return this.cell.filters;
  }

  get kernelSize(): number[] {
    return this.cell.kernelSize;
  }

  get strides(): number[] {
    return this.cell.strides;
  }

  get padding(): 'valid' | 'same' {
    return this.cell.padding;
  }

  get dataFormat(): DataFormat {
    return this.cell.dataFormat;
  }

  get dilationRate(): number[] {
    return this.cell.dilationRate;
  }

  get activationName(): ActivationName {
    return this.cell.activationName;
  }

  get recurrentActivationName(): ActivationName {
    return this.cell.recurrentActivationName;
  }

  protected override inputLayout(): string {
    return this.dataFormat === 'channelsLast' ? '(batch, timesteps, rows, cols, channels)' : '(batch, timesteps, channels, rows, cols)';
  }

  protected override checkInputShape(inputShape: Shape): void {
    const channels = inputShape[this.dataFormat === 'channelsLast' ? 4 : 2];
    if (inputShape.length !== 5 || channels === null) {
      throw new Error(`${this.name}: expected input of shape ${this.inputLayout()} with known channels, got ${fmtKerasShape(inputShape)}`);
    }
  }

  override computeOutputShape(inputShape: Shape): Shape {
    this.checkInputShape(inputShape);
    const state = this.cell.stateShapes([inputShape[0], ...inputShape.slice(2)])[0];
    return this.returnSequences ? [inputShape[0], inputShape[1], ...state.slice(1)] : state;
  }

  protected override cellConfig(): Record<string, unknown> {
    return inlineCellConfig(this.cell);
  }
}
