import { optionKeys } from '@layerwise/data';
import type { Tensor } from '../../tensor/tensor.js';
import { add, mul, sub } from '../../ops/binary.js';
import { slice, split } from '../../ops/layout.js';
import { matMul } from '../../ops/matmul.js';
import { reshape } from '../../ops/reshape.js';
import { gateBlock, type GateStep, MULTI_GATE_CELL_OPTIONS, MultiGateCell, type MultiGateCellArgs } from './gated-cell.js';

export interface GRUCellArgs extends MultiGateCellArgs {
  /**
   * Apply the reset gate after the recurrent product (the CuDNN-compatible form; Keras 2
   * default false). With it the bias is [2, 3*units]: row 0 for the input, row 1 for the recurrent product.
   */
  resetAfter?: boolean;
}

/** GRUCell's options (GRU's, besides the layer's). */
export const GRU_CELL_OPTIONS = optionKeys<GRUCellArgs>()(['resetAfter'], { base: [MULTI_GATE_CELL_OPTIONS] });

/**
 * Keras 2 GRUCell. Kernel columns are the gates z, r, h (each `units` wide):
 * z, r = recurrentActivation(x W + h U + b); resetAfter false: hh = activation(x W_h + b_h + (r h) U_h),
 * true: hh = activation(x W_h + b_h + r (h U_h + b'_h)); h_t = z h_{t-1} + (1 - z) hh. One state, h.
 */
export class GRUCell extends MultiGateCell {
  readonly className = 'GRUCell';
  /** Whether the reset gate is applied after the recurrent product (default false); the bias is then [2, 3 * units]. */
  readonly resetAfter: boolean;
  protected readonly gates = 3;

  constructor(args: GRUCellArgs, owner?: string) {
    args = GRU_CELL_OPTIONS.readFor(args, GRUCell, new.target);
    super(args, owner);
    this.resetAfter = args.resetAfter ?? false;
  }

  get stateSize(): number {
    return this.units;
  }

  protected override biasShape(): number[] {
    return this.resetAfter ? [2, 3 * this.units] : [3 * this.units];
  }

  protected override inputBias(): Tensor | null {
    if (!this.bias || !this.resetAfter) return super.inputBias();
    return reshape(slice(this.bias.value, [0, 0], [1, 3 * this.units]), [3 * this.units]);
  }

  private recurrentBias(): Tensor | null {
    if (!this.bias || !this.resetAfter) return null;
    return reshape(slice(this.bias.value, [1, 0], [1, 3 * this.units]), [3 * this.units]);
  }

  protected gateStep(recurrentMasks: Tensor[] | null): GateStep {
    const u = this.units;
    const recurrentKernel = this.recurrentKernel!.value;
    const kernels = [0, 1, 2].map((g) => gateBlock(recurrentKernel, g, u));
    const recurrentBias = this.recurrentBias();
    const biases = recurrentBias ? [0, 1, 2].map((g) => slice(recurrentBias, [g * u], [u])) : null;
    // h as each gate's recurrent product sees it (recurrent dropout masks it per gate).
    const hFor = (h: Tensor, g: number): Tensor => (recurrentMasks ? mul(h, recurrentMasks[g]) : h);
    const recurrentPart = (h: Tensor, g: number): Tensor => {
      const p = matMul(hFor(h, g), kernels[g]);
      return biases ? add(p, biases[g]) : p;
    };
    return (projected, [h]) => {
      const [pz, pr, ph] = split(projected, 3, 1);
      const z = this.recurrentActivation(add(pz, recurrentPart(h, 0)));
      const r = this.recurrentActivation(add(pr, recurrentPart(h, 1)));
      const recurrentH = this.resetAfter ? mul(r, recurrentPart(h, 2)) : matMul(mul(r, hFor(h, 2)), kernels[2]);
      const hh = this.activation(add(ph, recurrentH));
      return [add(mul(z, h), mul(sub(1, z), hh))];
    };
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), resetAfter: this.resetAfter };
  }
}
