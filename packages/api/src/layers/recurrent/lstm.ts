import type { DType } from '../../kernel/dtypes.js';
import type { Tensor } from '../../tensor/tensor.js';
import { getActivation, kerasActivationName, type ActivationFn, type ActivationIdentifier, type ActivationName } from '../../activations/index.js';
import { Initializer } from '../../initializers/index.js';
import { add, mul } from '../../ops/binary.js';
import { concat, split } from '../../ops/layout.js';
import { fill } from '../../ops/create.js';
import { matMul } from '../../ops/matmul.js';
import { gateBlock, RNN, type RNNArgs, type StepFn } from './rnn.js';

export interface LSTMArgs extends RNNArgs {
  /** Gate activation (Keras 2 default 'hardSigmoid': clip(0.2 x + 0.5, 0, 1)). */
  recurrentActivation?: ActivationIdentifier;
  /** Start the forget-gate bias at 1 (Keras 2 default true). */
  unitForgetBias?: boolean;
  /** Keras's 1 or 2 (0 in Keras 2.0); accepted, results are the same. */
  implementation?: number;
}

/** Keras 2's unit_forget_bias: the bias initializer for the i, c, o blocks, ones for f. */
class UnitForgetBias extends Initializer {
  readonly className = 'UnitForgetBias';
  constructor(private readonly inner: Initializer, private readonly units: number) {
    super();
  }
  apply(shape: readonly number[], dtype: DType = 'float32'): Tensor {
    const u = this.units;
    return concat([this.inner.apply([u], dtype), fill([u], 1, dtype), this.inner.apply([2 * u], dtype)], 0);
  }
}

export function checkImplementation(layer: string, value: number | undefined): number {
  const v = value ?? 1;
  if (v !== 0 && v !== 1 && v !== 2) throw new Error(`${layer}: implementation must be 0, 1 or 2, got ${value}`);
  return v;
}

/**
 * Keras 2 LSTM. Kernel columns are the gates i, f, c, o (each `units` wide):
 * i, f, o = recurrentActivation(x W + h U + b); c_t = f c_{t-1} + i activation(x W_c + h U_c + b_c);
 * h_t = o activation(c_t). States: [h, c].
 */
export class LSTM extends RNN {
  readonly className = 'LSTM';
  readonly recurrentActivationName: ActivationName;
  readonly unitForgetBias: boolean;
  readonly implementation: number;
  protected readonly gates = 4;
  protected readonly stateCount = 2;
  private readonly recurrentActivation: ActivationFn;

  constructor(args: LSTMArgs) {
    super(args);
    this.recurrentActivationName = this.activationArg('recurrentActivation', args.recurrentActivation, 'hardSigmoid');
    this.recurrentActivation = getActivation(this.recurrentActivationName);
    this.unitForgetBias = args.unitForgetBias ?? true;
    this.implementation = checkImplementation(this.name, args.implementation);
  }

  protected override biasInitializer(): Initializer {
    const base = super.biasInitializer();
    return this.unitForgetBias ? new UnitForgetBias(base, this.units) : base;
  }

  protected stepFunction(recurrentMasks: Tensor[] | null): StepFn {
    const u = this.units;
    const recurrentKernel = this.recurrentKernel!.value;
    const kernels = recurrentMasks ? [0, 1, 2, 3].map((g) => gateBlock(recurrentKernel, g, u)) : null;
    return (projected, [h, c]) => {
      const recurrent = recurrentMasks && kernels
        ? concat(kernels.map((k, g) => matMul(mul(h, recurrentMasks[g]), k)), -1)
        : matMul(h, recurrentKernel);
      const z = add(projected, recurrent);
      // One split (one gradient: a concat) rather than four slices (four padded gradients).
      const [zi, zf, zc, zo] = split(z, 4, 1);
      const i = this.recurrentActivation(zi);
      const f = this.recurrentActivation(zf);
      const cNext = add(mul(f, c), mul(i, this.activation(zc)));
      const o = this.recurrentActivation(zo);
      return [mul(o, this.activation(cNext)), cNext];
    };
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(), recurrentActivation: kerasActivationName(this.recurrentActivationName),
      unitForgetBias: this.unitForgetBias, implementation: this.implementation,
    };
  }
}
