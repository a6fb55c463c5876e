import { optionKeys } from '@layerwise/data';
import type { Tensor } from '../../tensor/tensor.js';
import { add, mul } from '../../ops/binary.js';
import { matMul } from '../../ops/matmul.js';
import { GATED_CELL_OPTIONS, GatedCell, type GatedCellArgs, type GateStep } from './gated-cell.js';

/** SimpleRNNCell's options: units (required), activation (default 'tanh'), the weights' options and the dropout rates. */
export type SimpleRNNCellArgs = GatedCellArgs;

/** SimpleRNNCell's options (SimpleRNN's, besides the layer's). */
export const SIMPLE_RNN_CELL_OPTIONS = optionKeys<SimpleRNNCellArgs>()([], { base: [GATED_CELL_OPTIONS] });

/** Keras 2 SimpleRNNCell: h_t = activation(x_t @ kernel + bias + h_{t-1} @ recurrent_kernel). One state, h. */
export class SimpleRNNCell extends GatedCell {
  readonly className = 'SimpleRNNCell';
  protected readonly gates = 1;

  constructor(args: SimpleRNNCellArgs, owner?: string) {
    args = SIMPLE_RNN_CELL_OPTIONS.readFor(args, SimpleRNNCell, new.target);
    super(args, owner);
  }

  get stateSize(): number {
    return this.units;
  }

  protected gateStep(recurrentMasks: Tensor[] | null): GateStep {
    const recurrentKernel = this.recurrentKernel!.value;
    return (projected, [h]) => {
      const hIn = recurrentMasks ? mul(h, recurrentMasks[0]) : h;
      return [this.activation(add(projected, matMul(hIn, recurrentKernel)))];
    };
  }
}
