import { optionKeys } from '@layerwise/data';
import type { DType } from '../../kernel/dtypes.js';
import type { Tensor } from '../../tensor/tensor.js';
import type { ActivationFn } from '../../activations/index.js';
import { Initializer } from '../../initializers/index.js';
import { add, mul } from '../../ops/binary.js';
import { concat, split } from '../../ops/layout.js';
import { fill } from '../../ops/create.js';
import { matMul } from '../../ops/matmul.js';
import { gateBlock, type GateStep, MULTI_GATE_CELL_OPTIONS, MultiGateCell, type MultiGateCellArgs } from './gated-cell.js';

export interface LSTMCellArgs extends MultiGateCellArgs {
  /** Start the forget-gate bias at 1 (Keras 2 default true). */
  unitForgetBias?: boolean;
}

/** Keras 2's unit_forget_bias: the bias initializer for the i, c, o blocks, ones for f. */
export class UnitForgetBias extends Initializer {
  readonly className = 'UnitForgetBias';
  constructor(private readonly inner: Initializer, private readonly units: number) {
    super();
  }
  apply(shape: readonly number[], dtype: DType = 'float32'): Tensor {
    const u = this.units;
    return concat([this.inner.apply([u], dtype), fill([u], 1, dtype), this.inner.apply([2 * u], dtype)], 0);
  }
}

/**
 * The LSTM update from the summed pre-activations `z` (blocks i, f, c, o along the last
 * axis) and the previous carry `c`: [h, c_next].
 */
export function lstmGates(z: Tensor, c: Tensor, activation: ActivationFn, recurrentActivation: ActivationFn): [Tensor, Tensor] {
  // One split (one gradient: a concat) rather than four slices (four padded gradients).
  const [zi, zf, zc, zo] = split(z, 4, z.rank - 1);
  const i = recurrentActivation(zi);
  const f = recurrentActivation(zf);
  const cNext = add(mul(f, c), mul(i, activation(zc)));
  const o = recurrentActivation(zo);
  return [mul(o, activation(cNext)), cNext];
}

/** LSTMCell's options (LSTM's, besides the layer's). */
export const LSTM_CELL_OPTIONS = optionKeys<LSTMCellArgs>()(['unitForgetBias'], { base: [MULTI_GATE_CELL_OPTIONS] });

/**
 * Keras 2 LSTMCell. Kernel columns are the gates i, f, c, o (each `units` wide):
 * i, f, o = recurrentActivation(x W + h U + b); c_t = f c_{t-1} + i activation(x W_c + h U_c + b_c);
 * h_t = o activation(c_t). States: [h, c].
 */
export class LSTMCell extends MultiGateCell {
  readonly className = 'LSTMCell';
  /** Whether 1 was added to the forget gate's bias at initialisation. */
  readonly unitForgetBias: boolean;
  protected readonly gates = 4;

  constructor(args: LSTMCellArgs, owner?: string) {
    args = LSTM_CELL_OPTIONS.readFor(args, LSTMCell, new.target);
    super(args, owner);
    this.unitForgetBias = args.unitForgetBias ?? true;
  }

  get stateSize(): number[] {
    return [this.units, this.units];
  }

  protected override biasInitializer(): Initializer {
    const base = super.biasInitializer();
    return this.unitForgetBias ? new UnitForgetBias(base, this.units) : base;
  }

  protected gateStep(recurrentMasks: Tensor[] | null): GateStep {
    const u = this.units;
    const recurrentKernel = this.recurrentKernel!.value;
    const kernels = recurrentMasks ? [0, 1, 2, 3].map((g) => gateBlock(recurrentKernel, g, u)) : null;
    return (projected, [h, c]) => {
      const recurrent = recurrentMasks && kernels
        ? concat(kernels.map((k, g) => matMul(mul(h, recurrentMasks[g]), k)), -1)
        : matMul(h, recurrentKernel);
      return lstmGates(add(projected, recurrent), c, this.activation, this.recurrentActivation);
    };
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), unitForgetBias: this.unitForgetBias };
  }
}
