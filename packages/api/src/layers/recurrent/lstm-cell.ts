import type { DType } from '../../kernel/dtypes.js';
import type { Tensor } from '../../tensor/tensor.js';
import { getActivation, kerasActivationName, type ActivationFn, type ActivationName } from '../../activations/index.js';
import { Initializer } from '../../initializers/index.js';
import { add, mul } from '../../ops/binary.js';
import { concat, split } from '../../ops/layout.js';
import { fill } from '../../ops/create.js';
import { matMul } from '../../ops/matmul.js';
import { activationArg, gateBlock, GatedCell, type GatedCellArgs, type GateStep } from './gated-cell.js';

export interface LSTMCellArgs extends GatedCellArgs {
  /** Gate activation (Keras 2 default 'hardSigmoid': clip(0.2 x + 0.5, 0, 1)). */
  recurrentActivation?: string;
  /** Start the forget-gate bias at 1 (Keras 2 default true). */
  unitForgetBias?: boolean;
  /** Keras's 1 or 2 (0 in Keras 2.0); accepted, results are the same. */
  implementation?: number;
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

export function checkImplementation(where: string, value: number | undefined): number {
  const v = value ?? 1;
  if (v !== 0 && v !== 1 && v !== 2) throw new Error(`${where}: implementation must be 0, 1 or 2, got ${value}`);
  return v;
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

/**
 * Keras 2 LSTMCell. Kernel columns are the gates i, f, c, o (each `units` wide):
 * i, f, o = recurrentActivation(x W + h U + b); c_t = f c_{t-1} + i activation(x W_c + h U_c + b_c);
 * h_t = o activation(c_t). States: [h, c].
 */
export class LSTMCell extends GatedCell {
  readonly className = 'LSTMCell';
  readonly recurrentActivationName: ActivationName;
  readonly unitForgetBias: boolean;
  readonly implementation: number;
  protected readonly gates = 4;
  private readonly recurrentActivation: ActivationFn;

  constructor(args: LSTMCellArgs, owner?: string) {
    super(args, owner);
    this.recurrentActivationName = activationArg(this.label, 'recurrentActivation', args.recurrentActivation, 'hardSigmoid');
    this.recurrentActivation = getActivation(this.recurrentActivationName);
    this.unitForgetBias = args.unitForgetBias ?? true;
    this.implementation = checkImplementation(this.label, args.implementation);
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
    return {
      ...super.getConfig(), recurrentActivation: kerasActivationName(this.recurrentActivationName),
      unitForgetBias: this.unitForgetBias, implementation: this.implementation,
    };
  }
}
