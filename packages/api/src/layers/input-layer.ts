import { optionKeys } from '@layerwise/data';
import { LAYER_OPTIONS } from './layer-options.js';
import type { DType } from '../kernel/dtypes.js';
import type { Tensor } from '../tensor/tensor.js';
import { Layer, type LayerArgs } from './layer.js';
import { Node } from './node.js';
import { SymbolicTensor } from './symbolic-tensor.js';
import { fmtKerasShape, type Shape } from './shape.js';

/** `input()`'s options (tfjs's `tf.input`, Keras's `Input`). */
export interface InputArgs {
  /** Shape of one sample, without the batch axis; null marks a dimension of any size. */
  shape?: (number | null)[];
  /** The full shape, batch axis first (instead of `shape`). */
  batchShape?: (number | null)[];
  /** A fixed batch size (default: any). */
  batchSize?: number;
  /** 'float32' (default), or 'int32' for token ids. */
  dtype?: DType;
  /** The input layer's name (default 'input_<n>'); also the input's key when x is given by name. */
  name?: string;
}

/** `InputLayer`'s options, as Keras and tfjs configs name them. */
export interface InputLayerArgs extends Omit<LayerArgs, 'inputShape' | 'batchInputShape'> {
  /** The shape of one sample, batch axis excluded (null: unknown size); give this or batchInputShape. */
  inputShape?: (number | null)[];
  /** The full shape, batch axis first (null: unknown size); wins over inputShape. */
  batchInputShape?: (number | null)[];
  /** Keras's sparse placeholders: not supported, accepted only as false. */
  sparse?: boolean;
}

const OPTIONS = optionKeys<InputLayerArgs>()(['sparse'], { base: [LAYER_OPTIONS] });

/**
 * The entry point of a model's graph (Keras's InputLayer): it makes one symbolic tensor of
 * its shape and, when the model runs, passes the fed data through unchanged.
 */
export class InputLayer extends Layer {
  readonly className = 'InputLayer';

  constructor(args: InputLayerArgs = {}) {
    args = OPTIONS.readFor(args, InputLayer, new.target);
    const { inputShape, batchInputShape, sparse, ...rest } = args;
    if (sparse) throw new Error(`${args.name ?? 'InputLayer'}: sparse inputs are not supported`);
    const batch: Shape | undefined = batchInputShape ? batchInputShape.slice()
      : inputShape ? [args.batchSize ?? null, ...inputShape] : undefined;
    if (!batch) throw new Error(`${args.name ?? 'InputLayer'}: give a shape (the shape of one sample) or a batchShape`);
    if (!Array.isArray(batch) || batch.some((d) => d !== null && (!Number.isInteger(d) || d < 0))) {
      throw new Error(`${args.name ?? 'InputLayer'}: shape ${JSON.stringify(inputShape ?? batchInputShape)} must hold non-negative integers or null`);
    }
    super({ ...rest, batchInputShape: batch }, 'input');
    this.built = true;
    this.inputShape = batch.slice();
    this.outputShape = batch.slice();
    const out = new SymbolicTensor(this.dtype, batch.slice(), this, 0, 0);
    this.inboundNodes.push(new Node(this, [], [out], {}));
  }

  /** The symbolic tensor this input stands for. */
  get tensor(): SymbolicTensor {
    return this.inboundNodes[0].outputTensors[0];
  }

  call(x: Tensor): Tensor {
    return x;
  }

  override apply(): never {
    throw new Error(`${this.name}: an InputLayer is not applied to tensors; use its symbolic tensor (input() returns it)`);
  }

  override applyMulti(): never {
    return this.apply();
  }

  override getConfig(): Record<string, unknown> {
    return { batchInputShape: this.batchInputShape, dtype: this.dtype, sparse: false, name: this.name };
  }

  override toString(): string {
    return `InputLayer(${this.name}, ${fmtKerasShape(this.batchInputShape!)})`;
  }
}

// Keras's Input also takes sparse (refused unless false) and tensor (an existing tensor to wrap).
const INPUT_OPTIONS = optionKeys<InputArgs>()(['shape', 'batchShape', 'batchSize', 'dtype', 'name'], {
  ignored: {
    sparse: { why: 'sparse inputs are not supported', accepts: (v) => v === false || v === null },
    tensor: { why: 'an input wraps no existing tensor in layerwise', accepts: (v) => v === null },
  },
});

/**
 * A symbolic input for a functional model (tfjs's `tf.input`, Keras's `Input`):
 * `const x = input({ shape: [32] })`, then `layer.apply(x)` and `new Model({ inputs: x, outputs })`.
 */
export function input(args: InputArgs): SymbolicTensor {
  if (args === null || typeof args !== 'object') throw new Error('input: expected { shape, batchSize?, dtype?, name? }');
  args = INPUT_OPTIONS.read(args, 'input');
  if (args.shape === undefined && args.batchShape === undefined) throw new Error('input: give a shape (one sample, no batch axis) or a batchShape');
  if (args.shape !== undefined && args.batchShape !== undefined) throw new Error('input: give shape or batchShape, not both');
  const layer = new InputLayer({ inputShape: args.shape, batchInputShape: args.batchShape, batchSize: args.batchSize, dtype: args.dtype, name: args.name });
  return layer.tensor;
}
