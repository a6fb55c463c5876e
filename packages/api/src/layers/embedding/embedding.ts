import { optionKeys } from '@layerwise/data';
import { LAYER_OPTIONS } from '../layer-options.js';
import type { Tensor } from '../../tensor/tensor.js';
import type { InitializerIdentifier } from '../../initializers/index.js';
import { RandomUniform } from '../../initializers/index.js';
import type { RegularizerIdentifier } from '../../regularizers/index.js';
import type { ConstraintIdentifier } from '../../constraints/index.js';
import { cast, gather, notEqual } from '../../ops/index.js';
import { Layer, type CallArgs, type LayerArgs } from '../layer.js';
import type { LayerVariable } from '../variable.js';
import type { Shape } from '../shape.js';
import { fmtKerasShape } from '../shape.js';
import { constraintConfig, initializerConfig, regularizerConfig, regularizerFrom } from '../core/config-values.js';

export interface EmbeddingArgs extends LayerArgs {
  /** Vocabulary size: indices run over 0..inputDim-1. (Not Keras's Dense-style input_dim.) */
  inputDim: number;
  /** Length of each embedding vector. */
  outputDim: number;
  /** Default RandomUniform(-0.05, 0.05), Keras 2's 'uniform'. */
  embeddingsInitializer?: InitializerIdentifier;
  /** A penalty on the embeddings matrix, added to the loss. */
  embeddingsRegularizer?: RegularizerIdentifier;
  /** A penalty on the layer's output, added to the loss. */
  activityRegularizer?: RegularizerIdentifier;
  /** A constraint applied to the embeddings matrix after each update. */
  embeddingsConstraint?: ConstraintIdentifier;
  /** Treat index 0 as padding: the layer emits the mask x != 0 for later layers. */
  maskZero?: boolean;
  /** Length of the input sequences (or the shape of each sample), when fixed. */
  inputLength?: number | (number | null)[] | null;
}

/** What the Layer base sees: the vocabulary size is not an input shape, and (as in Keras 2) an Embedding always knows its input rank. */
function baseArgs(args: EmbeddingArgs): LayerArgs {
  const { inputDim: _vocabulary, ...rest } = args;
  if (rest.batchInputShape || rest.inputShape) return rest;
  const length = args.inputLength ?? null;
  const sample = Array.isArray(length) ? length : [length];
  // A bad inputLength is reported by the constructor, with the layer's name.
  const valid = sample.every((d) => d === null || (Number.isInteger(d) && d > 0));
  return { ...rest, batchInputShape: [args.batchSize ?? null, ...(valid ? sample : [null])] };
}

const OPTIONS = optionKeys<EmbeddingArgs>()([
  'activityRegularizer', 'embeddingsConstraint', 'embeddingsInitializer', 'embeddingsRegularizer', 'inputLength',
  'maskZero', 'outputDim',
], { base: [LAYER_OPTIONS] });

/** Turns integer indices [batch, ...] into vectors [batch, ..., outputDim] by row lookup in embeddings [inputDim, outputDim]. */
export class Embedding extends Layer {
  readonly className = 'Embedding';
  /** The vocabulary size: indices run over 0..inputDim-1. */
  readonly inputDim: number;
  /** The length of each embedding vector. */
  readonly outputDim: number;
  /** Whether index 0 is padding, masked for later layers (default false). */
  readonly maskZero: boolean;
  /** The fixed length of the input sequences (or each sample's shape); null: not fixed. */
  readonly inputLength: number | (number | null)[] | null;
  private readonly embeddingsInitializer: InitializerIdentifier;
  private readonly embeddingsRegularizer: RegularizerIdentifier | null;
  private readonly embeddingsConstraint: ConstraintIdentifier | null;
  /** The lookup table, [inputDim, outputDim], once built (null before). */
  embeddings: LayerVariable | null = null;

  constructor(args: EmbeddingArgs) {
    args = OPTIONS.readFor(args, Embedding, new.target);
    super(baseArgs(args));
    if (!Number.isInteger(args.inputDim) || args.inputDim < 1) throw new Error(`${this.name}: inputDim (the vocabulary size) must be a positive integer, got ${args.inputDim}`);
    if (!Number.isInteger(args.outputDim) || args.outputDim < 1) throw new Error(`${this.name}: outputDim must be a positive integer, got ${args.outputDim}`);
    const length = args.inputLength ?? null;
    const lengths = Array.isArray(length) ? length : [length];
    if (lengths.some((d) => d !== null && (!Number.isInteger(d) || d < 1))) {
      throw new Error(`${this.name}: inputLength must be a positive integer (or a list of them and nulls), got ${JSON.stringify(args.inputLength)}`);
    }
    this.inputDim = args.inputDim;
    this.outputDim = args.outputDim;
    this.maskZero = args.maskZero ?? false;
    this.inputLength = Array.isArray(length) ? length.slice() : length;
    this.embeddingsInitializer = args.embeddingsInitializer ?? new RandomUniform({ minval: -0.05, maxval: 0.05 });
    this.embeddingsRegularizer = args.embeddingsRegularizer ?? null;
    initializerConfig(this.embeddingsInitializer, `${this.name}: embeddingsInitializer`);
    regularizerConfig(this.embeddingsRegularizer, `${this.name}: embeddingsRegularizer`);
    this.embeddingsConstraint = args.embeddingsConstraint ?? null;
    constraintConfig(this.embeddingsConstraint, `${this.name}: embeddingsConstraint`);
    this.activityRegularizer = regularizerFrom(args.activityRegularizer, `${this.name}: activityRegularizer`);
  }

  override build(_inputShape: Shape): void {
    this.embeddings = this.addWeight('embeddings', [this.inputDim, this.outputDim], this.embeddingsInitializer, {
      regularizer: this.embeddingsRegularizer, constraint: this.embeddingsConstraint,
    });
  }

  override computeOutputShape(inputShape: Shape): Shape {
    if (this.inputLength === null) return [...inputShape, this.outputDim];
    const lengths = Array.isArray(this.inputLength) ? this.inputLength : [this.inputLength];
    if (lengths.length !== inputShape.length - 1) {
      throw new Error(`${this.name}: inputLength is ${JSON.stringify(this.inputLength)}, but the input has shape ${fmtKerasShape(inputShape)}`);
    }
    const sample = lengths.map((d, i) => {
      const actual = inputShape[i + 1];
      if (d !== null && actual !== null && d !== actual) {
        throw new Error(`${this.name}: inputLength is ${JSON.stringify(this.inputLength)}, but the input has shape ${fmtKerasShape(inputShape)}`);
      }
      return d ?? actual;
    });
    return [inputShape[0], ...sample, this.outputDim];
  }

  override computeMask(x: Tensor, _mask: Tensor | null): Tensor | null {
    return this.maskZero ? notEqual(x, 0) : null;
  }

  /** Indices outside [0, inputDim) give zero vectors (no check: it would need the data on the host). */
  call(x: Tensor, _args: CallArgs): Tensor {
    const indices = x.dtype === 'int32' ? x : cast(x, 'int32');
    return gather(this.embeddings!.value, indices, 0);
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(), inputDim: this.inputDim, outputDim: this.outputDim,
      embeddingsInitializer: initializerConfig(this.embeddingsInitializer),
      embeddingsRegularizer: regularizerConfig(this.embeddingsRegularizer),
      activityRegularizer: regularizerConfig(this.activityRegularizer),
      embeddingsConstraint: constraintConfig(this.embeddingsConstraint),
      maskZero: this.maskZero, inputLength: Array.isArray(this.inputLength) ? this.inputLength.slice() : this.inputLength,
    };
  }
}
