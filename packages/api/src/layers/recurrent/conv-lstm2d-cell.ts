import { optionKeys } from '@layerwise/data';
import type { Tensor } from '../../tensor/tensor.js';
import { fmtShape } from '../../tensor/shape.js';
import { getActivation, kerasActivationName, type ActivationFn, type ActivationIdentifier, type ActivationName } from '../../activations/index.js';
import type { Initializer } from '../../initializers/index.js';
import { add, mul } from '../../ops/binary.js';
import { conv2d } from '../../ops/conv.js';
import { fusedConv2d } from '../../ops/fused.js';
import { concat, transpose } from '../../ops/layout.js';
import { reshape } from '../../ops/reshape.js';
import { fmtKerasShape, type Shape } from '../shape.js';
import { normalizeDataFormat, type DataFormat } from '../core/data-format.js';
import { checkPadding, convOutputLength, normalizeTuple } from '../conv/window-args.js';
import { stateSizes, type CellStepper } from './cell.js';
import { dropoutMasks, maskFor } from './dropout-masks.js';
import { gateBlock } from './gated-cell.js';
import { activationArg, KERNEL_CELL_OPTIONS, KernelCell, type KernelCellArgs } from './kernel-cell.js';
import { lstmGates, UnitForgetBias } from './lstm-cell.js';

/** Arguments of ConvLSTM2DCell (Keras 2.2.4's, camelCase). */
export interface ConvLSTM2DCellArgs extends KernelCellArgs {
  /** Channels of the states and the output. */
  filters: number;
  /** The convolution window: a number or [kh, kw] (required). */
  kernelSize: number | number[];
  /** Strides of the input convolution (the recurrent one always uses 1). */
  strides?: number | number[];
  /** Padding of the input convolution (the recurrent one is always 'same'). */
  padding?: 'valid' | 'same';
  /** Where the channels axis sits: 'channelsLast' (default) or 'channelsFirst' (Keras spellings accepted). */
  dataFormat?: DataFormat | 'channels_last' | 'channels_first';
  /** Dilation of the input convolution. */
  dilationRate?: number | number[];
  /** Gate activation (Keras 2 default 'hardSigmoid'). */
  recurrentActivation?: ActivationIdentifier;
  /** Start the forget-gate bias at 1 (Keras 2 default true). */
  unitForgetBias?: boolean;
}

const TO_CHANNELS_LAST = [0, 2, 3, 1];
const TO_CHANNELS_FIRST = [0, 3, 1, 2];

/** ConvLSTM2DCell's options (ConvLSTM2D's, besides the layer's). */
export const CONV_LSTM2D_CELL_OPTIONS = optionKeys<ConvLSTM2DCellArgs>()([
  'filters', 'kernelSize', 'strides', 'padding', 'dataFormat', 'dilationRate', 'recurrentActivation',
  'unitForgetBias',
], { base: [KERNEL_CELL_OPTIONS] });

/**
 * Keras 2 ConvLSTM2DCell: an LSTM whose products are 2-D convolutions. Gates i, f, c, o are
 * blocks of `filters` output channels of `kernel` [kh, kw, inChannels, 4*filters] (applied
 * to the input with the layer's strides, padding and dilation) and of `recurrent_kernel`
 * [kh, kw, filters, 4*filters] (applied to h with stride 1, 'same'); bias [4*filters].
 * States [h, c], each [batch, rows', cols', filters] (channels first: [batch, filters, rows', cols']).
 */
export class ConvLSTM2DCell extends KernelCell {
  readonly className = 'ConvLSTM2DCell';
  /** The number of output channels. */
  readonly filters: number;
  /** The convolution window, [kh, kw]. */
  readonly kernelSize: number[];
  /** The input convolution's strides, [rows, cols] (default [1, 1]). */
  readonly strides: number[];
  /** The input convolution's padding (default 'valid'). */
  readonly padding: 'valid' | 'same';
  /** Where the channels axis sits (default 'channelsLast'). */
  readonly dataFormat: DataFormat;
  /** The input convolution's dilation, [rows, cols] (default [1, 1]). */
  readonly dilationRate: number[];
  /** The recurrent (gate) activation's name. */
  readonly recurrentActivationName: ActivationName;
  /** Whether 1 was added to the forget gate's bias at initialisation. */
  readonly unitForgetBias: boolean;
  private readonly recurrentActivation: ActivationFn;

  /** `owner`: the layer that made this cell (errors name it). */
  constructor(args: ConvLSTM2DCellArgs, owner?: string) {
    args = CONV_LSTM2D_CELL_OPTIONS.readFor(args, ConvLSTM2DCell, new.target);
    super(args, owner);
    const label = this.label;
    if (!Number.isInteger(args.filters) || args.filters < 1) throw new Error(`${label}: filters must be a positive integer, got ${args.filters}`);
    this.filters = args.filters;
    if (args.kernelSize === undefined) throw new Error(`${label}: kernelSize is required`);
    this.kernelSize = normalizeTuple(args.kernelSize, 2, label, 'kernelSize', 1);
    this.strides = normalizeTuple(args.strides, 2, label, 'strides', 1);
    this.dilationRate = normalizeTuple(args.dilationRate, 2, label, 'dilationRate', 1);
    this.padding = checkPadding(args.padding, ['valid', 'same'] as const, label);
    this.dataFormat = normalizeDataFormat(args.dataFormat, label);
    this.recurrentActivationName = activationArg(label, 'recurrentActivation', args.recurrentActivation, 'hardSigmoid');
    this.recurrentActivation = getActivation(this.recurrentActivationName);
    this.unitForgetBias = args.unitForgetBias ?? true;
  }

  get stateSize(): number[] {
    return [this.filters, this.filters];
  }

  private channelsLast(): boolean {
    return this.dataFormat === 'channelsLast';
  }

  /** The step input's [rows, cols, channels], whatever the data format. */
  private spatial(stepShape: Shape): Shape {
    return this.channelsLast() ? stepShape.slice(1, 4) : [stepShape[2], stepShape[3], stepShape[1]];
  }

  private checkStepShape(stepShape: Shape): number {
    const channels = stepShape.length === 4 ? this.spatial(stepShape)[2] : null;
    if (channels === null) {
      const layout = this.channelsLast() ? '(batch, rows, cols, channels)' : '(batch, channels, rows, cols)';
      throw new Error(`${this.label}: expected step inputs of shape ${layout} with known channels, got ${fmtKerasShape(stepShape)}`);
    }
    return channels;
  }

  override build(inputShape: Shape): void {
    const channels = this.checkStepShape(inputShape);
    const [kh, kw] = this.kernelSize;
    const width = 4 * this.filters;
    this.addCellWeights([kh, kw, channels, width], [kh, kw, this.filters, width], [width]);
  }

  protected override biasInitializer(): Initializer {
    const base = super.biasInitializer();
    return this.unitForgetBias ? new UnitForgetBias(base, this.filters) : base;
  }

  /** [batch, rows', cols', filters] (channels first: [batch, filters, rows', cols']): the input convolution's output size. */
  override stateShapes(stepShape: Shape): Shape[] {
    const [rows, cols] = this.spatial(stepShape);
    const out = [rows, cols].map((n, i) => convOutputLength(n, this.kernelSize[i], this.padding, this.strides[i], this.dilationRate[i]));
    const shape = this.channelsLast() ? [stepShape[0], out[0], out[1], this.filters] : [stepShape[0], this.filters, out[0], out[1]];
    return stateSizes(this).map(() => shape.slice());
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return this.stateShapes(inputShape)[0];
  }

  override stepper(batch: number, training: boolean): CellStepper {
    const f = this.filters;
    const kernel = this.kernel!.value;
    const recurrentKernel = this.recurrentKernel!.value;
    const bias = this.bias ? this.bias.value : null;
    const options = { strides: this.strides as [number, number], padding: this.padding, dilations: this.dilationRate as [number, number] };
    // Keras draws the masks at the first step: input masks (the step input's shape) first.
    let inputMasks: Tensor[] | null | undefined;
    let recurrentMasks: Tensor[] | null | undefined;
    const inputConv = (x: Tensor, k: Tensor, b: Tensor | null): Tensor => fusedConv2d(x, k, b, 'linear', options);
    return {
      project: (x) => {
        const timed = x.rank === 5;
        const xl = this.channelsLast() ? x : transpose(x, timed ? [0, 1, 3, 4, 2] : TO_CHANNELS_LAST);
        const spatial = xl.shape.slice(timed ? 2 : 1);
        inputMasks ??= training && this.dropout > 0 ? dropoutMasks(4, [batch, ...spatial], this.dropout) : null;
        const flat = (v: Tensor): Tensor => (timed ? reshape(v, [xl.shape[0] * xl.shape[1], ...spatial]) : v);
        const y = inputMasks
          ? concat(inputMasks.map((m, g) => inputConv(flat(mul(xl, maskFor(xl, m))), gateBlock(kernel, g, f), bias && gateBlock(bias, g, f))), -1)
          : inputConv(flat(xl), kernel, bias);
        return timed ? reshape(y, [xl.shape[0], xl.shape[1], ...y.shape.slice(1)]) : y;
      },
      step: (projected, [h, c]) => {
        const hl = this.channelsLast() ? h : transpose(h, TO_CHANNELS_LAST);
        const cl = this.channelsLast() ? c : transpose(c, TO_CHANNELS_LAST);
        recurrentMasks ??= training && this.recurrentDropout > 0 ? dropoutMasks(4, hl.shape, this.recurrentDropout) : null;
        const masks = recurrentMasks;
        const recurrent = masks
          ? concat(masks.map((m, g) => conv2d(mul(hl, m), gateBlock(recurrentKernel, g, f), { padding: 'same' })), -1)
          : conv2d(hl, recurrentKernel, { padding: 'same' });
        const [hNext, cNext] = lstmGates(add(projected, recurrent), cl, this.activation, this.recurrentActivation);
        const next = this.channelsLast() ? [hNext, cNext] : [transpose(hNext, TO_CHANNELS_FIRST), transpose(cNext, TO_CHANNELS_FIRST)];
        return [next[0], next];
      },
    };
  }

  step(inputs: Tensor, states: Tensor[], training: boolean): [Tensor, Tensor[]] {
    const shape = inputs.shape.map((d, i) => (i === 0 ? null : d));
    if (!this.built) this.buildFor(shape);
    const channels = this.checkStepShape(shape);
    if (channels !== this.kernel!.shape[2]) {
      throw new Error(`${this.label}: the cell was built for ${this.kernel!.shape[2]} input channels, got a step input of shape ${fmtShape(inputs.shape)}`);
    }
    const expected = this.stateShapes(inputs.shape);
    if (states.length !== 2 || states.some((s, i) => fmtShape(s.shape) !== fmtShape(expected[i] as number[]))) {
      throw new Error(`${this.label}: expected states [h, c] of shape ${fmtShape(expected[0] as number[])}, got ${states.map((s) => fmtShape(s.shape)).join(', ') || 'none'}`);
    }
    return this.stepOnce(inputs, states, training);
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(), filters: this.filters, kernelSize: this.kernelSize.slice(), strides: this.strides.slice(),
      padding: this.padding, dataFormat: this.dataFormat, dilationRate: this.dilationRate.slice(),
      recurrentActivation: kerasActivationName(this.recurrentActivationName), unitForgetBias: this.unitForgetBias,
    };
  }
}
