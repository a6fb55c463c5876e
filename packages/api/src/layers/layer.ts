import type { DType } from '../kernel/dtypes.js';
import type { Tensor } from '../tensor/tensor.js';
import { fmtShape, shapesEqual } from '../tensor/shape.js';
import { getInitializer, type InitializerIdentifier } from '../initializers/index.js';
import { getRegularizer, type L1L2, type RegularizerIdentifier } from '../regularizers/index.js';
import { reshape } from '../ops/reshape.js';
import { tidy } from '../engine/scope.js';
import { LayerVariable } from './variable.js';
import type { NameScope } from './name-scope.js';
import type { Shape } from './shape.js';

export interface LayerArgs {
  name?: string;
  trainable?: boolean;
  /** Shape of one sample (no batch axis); makes this the model's first layer. */
  inputShape?: number[];
  /** Shape with the batch axis (null = any). */
  batchInputShape?: (number | null)[];
  batchSize?: number;
  /** Keras's `input_dim` for Dense-like first layers. */
  inputDim?: number;
  dtype?: DType;
}

/** What `call` receives besides the input. */
export interface CallArgs {
  /** True inside fit/trainOnBatch: dropout drops, batch norm uses batch statistics. */
  training: boolean;
  /** A [batch, timesteps] bool mask from an earlier layer, or null. */
  mask: Tensor | null;
}

const nameCounts = new Map<string, number>();

/** Keras's automatic names: dense, dense_1, dense_2, ... */
export function uniqueName(prefix: string): string {
  const n = nameCounts.get(prefix) ?? 0;
  nameCounts.set(prefix, n + 1);
  return n === 0 ? prefix : `${prefix}_${n}`;
}

/** Keras's to_snake_case: Conv2D -> conv2d, MaxPooling2D -> max_pooling2d, SimpleRNN -> simple_rnn. */
function snake(className: string): string {
  const intermediate = className.replace(/(.)([A-Z][a-z0-9]+)/g, '$1_$2');
  return intermediate.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
}

interface WeightEntry {
  variable: LayerVariable;
  regularizer: L1L2 | null;
}

/** A Keras layer: weights it owns, and a forward `call` written with ops (autodiff is automatic). */
export abstract class Layer {
  /** The Keras class name ('Dense'), used for serialisation and summaries. */
  abstract readonly className: string;
  readonly name: string;
  trainable: boolean;
  readonly dtype: DType;
  readonly batchInputShape: Shape | null;
  /** Whether the layer passes an incoming mask on (unchanged, unless computeMask says otherwise). */
  supportsMasking = false;
  built = false;
  /** Set once the layer is built inside a model. */
  inputShape: Shape | null = null;
  outputShape: Shape | null = null;
  /** @internal Set by an enclosing layer (an RNN, a wrapper) before it builds this one: the scope this layer's weights are named in. */
  nameScope: NameScope | null = null;
  private readonly entries: WeightEntry[] = [];

  constructor(args: LayerArgs = {}, defaultPrefix?: string) {
    this.name = args.name ?? uniqueName(defaultPrefix ?? snake(new.target.name));
    this.trainable = args.trainable ?? true;
    this.dtype = args.dtype ?? 'float32';
    if (args.batchInputShape) {
      this.batchInputShape = args.batchInputShape.slice();
    } else if (args.inputShape) {
      this.batchInputShape = [args.batchSize ?? null, ...args.inputShape];
    } else if (args.inputDim !== undefined) {
      this.batchInputShape = [args.batchSize ?? null, args.inputDim];
    } else {
      this.batchInputShape = null;
    }
    if (this.batchInputShape && this.batchInputShape.some((d, i) => d !== null && (!Number.isInteger(d) || d < 0 || (i === 0 && d === 0)))) {
      throw new Error(`${this.name}: inputShape ${JSON.stringify(args.inputShape ?? args.batchInputShape)} must hold positive integers`);
    }
  }

  /** Creates the weights for inputs of `inputShape`. Layers with weights override this. */
  build(inputShape: Shape): void {
    void inputShape;
  }

  abstract call(x: Tensor, args: CallArgs): Tensor;

  computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }

  /** The mask for the next layer. Default: passed on if the layer supports masking, else dropped. */
  computeMask(x: Tensor, mask: Tensor | null): Tensor | null {
    void x;
    return this.supportsMasking ? mask : null;
  }

  /** Builds on first use, then calls. */
  apply(x: Tensor, args: CallArgs = { training: false, mask: null }): Tensor {
    if (!this.built) this.buildFor(x.shape.map((d, i) => (i === 0 ? null : d)));
    return this.call(x, args);
  }

  /** @internal Builds the layer and records its shapes. */
  buildFor(inputShape: Shape): Shape {
    if (!this.built) {
      this.build(inputShape);
      this.built = true;
    }
    this.inputShape = inputShape;
    this.outputShape = this.computeOutputShape(inputShape);
    return this.outputShape;
  }

  protected addWeight(name: string, shape: number[], initializer: InitializerIdentifier, options: {
    trainable?: boolean; regularizer?: RegularizerIdentifier | null; dtype?: DType;
  } = {}): LayerVariable {
    const init = getInitializer(initializer, `${this.name}.${name}`);
    // tidy: an initializer composed from ops (LSTM's unit forget bias) frees its pieces.
    const value = tidy(() => init.apply(shape, options.dtype ?? this.dtype));
    const variable = new LayerVariable(this.nameScope ? this.nameScope.weightName(name) : `${this.name}/${name}`, value, options.trainable ?? true);
    value.dispose();
    this.entries.push({ variable, regularizer: getRegularizer(options.regularizer) });
    return variable;
  }

  /** All weights in Keras order (trainable first, then non-trainable, each in creation order). */
  get weights(): LayerVariable[] {
    return [...this.trainableWeights, ...this.nonTrainableWeights];
  }

  get trainableWeights(): LayerVariable[] {
    return this.trainable ? this.entries.filter((e) => e.variable.trainable).map((e) => e.variable) : [];
  }

  get nonTrainableWeights(): LayerVariable[] {
    return this.trainable ? this.entries.filter((e) => !e.variable.trainable).map((e) => e.variable) : this.entries.map((e) => e.variable);
  }

  /** The regularisation penalties of this layer's weights (scalars), for the training loss. */
  regularizationLosses(): Tensor[] {
    return this.entries.filter((e) => e.regularizer && this.trainable).map((e) => e.regularizer!.apply(e.variable.value));
  }

  /** Snapshots of the weights (the caller owns them; later training does not change them). */
  getWeights(): Tensor[] {
    return this.weights.map((w) => reshape(w.value, w.shape));
  }

  setWeights(weights: readonly Tensor[]): void {
    const own = this.weights;
    if (weights.length !== own.length) {
      throw new Error(`${this.name}.setWeights: expected ${own.length} weights (${own.map((w) => `${w.name} ${fmtShape(w.shape)}`).join(', ')}), got ${weights.length}`);
    }
    own.forEach((w, i) => {
      if (!shapesEqual(w.shape, weights[i].shape)) {
        throw new Error(`${this.name}.setWeights: weight ${i} (${w.name}) must have shape ${fmtShape(w.shape)}, got ${fmtShape(weights[i].shape)}`);
      }
    });
    own.forEach((w, i) => w.assign(weights[i]));
  }

  countParams(): number {
    return this.weights.reduce((n, w) => n + w.value.size, 0);
  }

  /** Constructor arguments that recreate this layer (camelCase; saving converts to Keras's snake_case). */
  getConfig(): Record<string, unknown> {
    const config: Record<string, unknown> = { name: this.name, trainable: this.trainable, dtype: this.dtype };
    if (this.batchInputShape) config.batchInputShape = this.batchInputShape;
    return config;
  }

  dispose(): void {
    for (const e of this.entries) e.variable.dispose();
    this.entries.length = 0;
    this.built = false;
  }
}
