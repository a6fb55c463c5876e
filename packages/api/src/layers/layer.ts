import type { DType } from '../kernel/dtypes.js';
import type { Tensor } from '../tensor/tensor.js';
import { fmtShape, shapesEqual } from '../tensor/shape.js';
import { getInitializer, type InitializerIdentifier } from '../initializers/index.js';
import { getRegularizer, type L1L2, type RegularizerIdentifier } from '../regularizers/index.js';
import { getConstraint, type ConstraintIdentifier } from '../constraints/index.js';
import { reshape } from '../ops/reshape.js';
import { currentScope, scopeIsOpen, tidy } from '../engine/scope.js';
import { LayerVariable } from './variable.js';
import type { NameScope } from './name-scope.js';
import { chargeWeight } from './weight-budget.js';
import { fmtKerasShape, type Shape } from './shape.js';
import { isSymbolic, SymbolicTensor } from './symbolic-tensor.js';
import { Node, type NodeCallArgs } from './node.js';
import { LAYER_OPTIONS } from './layer-options.js';

/** The options every layer takes (Keras's base `Layer` arguments). */
export interface LayerArgs {
  /** Unique within a model; default: the class name in snake_case with a counter (`dense_1`). */
  name?: string;
  /** Whether `fit` updates its weights (default true); false freezes them, and they count as non-trainable. */
  trainable?: boolean;
  /** Shape of one sample (no batch axis); makes this the model's first layer. */
  inputShape?: number[];
  /** Shape with the batch axis (null = any). */
  batchInputShape?: (number | null)[];
  /** With `inputShape`, fixes the batch axis of `batchInputShape`. */
  batchSize?: number;
  /** Keras's `input_dim` for Dense-like first layers. */
  inputDim?: number;
  /** The dtype of its weights and outputs (default 'float32'). */
  dtype?: DType;
}

/** The mask(s) a layer receives or passes on: one per input/output, each a tensor or null. */
export type Mask = Tensor | null | (Tensor | null)[];

/**
 * What `call` receives besides the input. A single-input layer sees `CallArgs` (one mask);
 * a layer of several inputs sees `CallArgs<Mask>` with one mask per input.
 */
export interface CallArgs<M extends Mask = Tensor | null> {
  /** True inside fit/trainOnBatch: dropout drops, batch norm uses batch statistics. */
  training: boolean;
  /** A [batch, timesteps] bool mask from an earlier layer, or null (a list for several inputs). */
  mask: M;
}

/** Options of `layer.apply`: `training` fixed for this call (else inference), the input mask(s). */
export interface ApplyArgs {
  /** Run as in training (dropout, noise and batch statistics active); default false. */
  training?: boolean;
  /** The input's mask (from Masking or Embedding with maskZero), or a list for several inputs. */
  mask?: Mask;
}

/** Whether a shape argument is a list of shapes (a layer of several inputs or outputs). */
export function isShapeList(s: Shape | Shape[]): s is Shape[] {
  return s.length > 0 && Array.isArray(s[0]);
}

/** `x` as a list (a single value becomes a list of one). */
export function toList<T>(x: T | T[]): T[] {
  return Array.isArray(x) ? x : [x];
}

function fmtShapes(s: Shape | Shape[]): string {
  return isShapeList(s) ? `[${s.map(fmtKerasShape).join(', ')}]` : fmtKerasShape(s);
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
  /** Its name, unique within a model (`getLayer(name)` finds it). */
  readonly name: string;
  /** Whether training updates its weights; set false to freeze them (takes effect at the next `compile`, as in Keras). */
  trainable: boolean;
  /** The dtype of its weights and outputs. */
  readonly dtype: DType;
  /** The input shape with the batch axis (null entries: any size) when the layer was given one, else null. */
  readonly batchInputShape: Shape | null;
  /** Whether the layer passes an incoming mask on (unchanged, unless computeMask says otherwise). */
  supportsMasking = false;
  /** Whether its weights exist (set by `build`, on the first call or when a model is built). */
  built = false;
  /** Set once the layer is built (a list of shapes for a layer of several inputs or outputs). */
  inputShape: Shape | Shape[] | null = null;
  /** Its output shape (batch axis null) once built; a list for a layer of several outputs. */
  outputShape: Shape | Shape[] | null = null;
  /** Its calls on symbolic tensors, in order (Keras's `_inbound_nodes`). */
  readonly inboundNodes: Node[] = [];
  /** The calls that consume its outputs (Keras's `_outbound_nodes`). */
  readonly outboundNodes: Node[] = [];
  /**
   * Keras's activity_regularizer: a penalty on the layer's output, added to the loss of the
   * pass that made it (training and evaluation alike). Layers whose Keras class takes the
   * argument set it; a custom layer may too.
   */
  activityRegularizer: L1L2 | null = null;
  /** @internal Set by an enclosing layer (an RNN, a wrapper) before it builds this one: the scope this layer's weights are named in. */
  nameScope: NameScope | null = null;
  private readonly entries: WeightEntry[] = [];
  /** Outputs of this layer's calls, with the memory scope each was made in, for activityLosses. */
  private activityOutputs: { output: Tensor; scope: object | null }[] = [];
  /** The input shape of the first build (what the weights were made for). */
  private builtInputShape: Shape | Shape[] | null = null;

  constructor(args: LayerArgs = {}, defaultPrefix?: string) {
    // A built-in layer has read its options already; a user's layer class gets its base
    // options read here (snake_case too), and its own keys are its business.
    args = LAYER_OPTIONS.read(args, new.target.name, { unknown: 'keep' });
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
  build(inputShape: Shape | Shape[]): void {
    void inputShape;
  }

  /**
   * The forward pass, written with ops (autodiff is automatic). A layer of one input takes
   * and returns a Tensor; one of several inputs (merge layers) or outputs takes/returns lists.
   */
  abstract call(inputs: Tensor | Tensor[], args: CallArgs<Mask>): Tensor | Tensor[];

  /** The output shape for an input shape (batch axis included, null when unknown); default: unchanged. */
  computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
    return inputShape;
  }

  /** The mask(s) for the next layer. Default: passed on if the layer supports masking, else dropped. */
  computeMask(inputs: Tensor | Tensor[], mask: Mask): Mask {
    void inputs;
    return this.supportsMasking ? mask : null;
  }

  /**
   * @internal Runs the layer on concrete tensors for a model: its outputs and their masks, as
   * lists. A model overrides it to compute both in one pass of its graph.
   */
  callAndMask(inputs: Tensor | Tensor[], args: CallArgs<Mask>): { outputs: Tensor[]; masks: (Tensor | null)[] } {
    const outputs = this.callConcrete(inputs, args);
    const mask = this.computeMask(inputs, args.mask);
    const masks = Array.isArray(mask) ? mask : outputs.map(() => mask);
    return { outputs, masks };
  }

  /**
   * Calls the layer. On Tensors: builds it on first use and returns the result. On symbolic
   * tensors (from `input()` or another layer's `apply`): infers the output shape, records the
   * call in the graph and returns symbolic outputs, from which `new Model({ inputs, outputs })`
   * makes a model. A layer applied twice shares its weights. For a layer of several outputs,
   * use `applyMulti`.
   */
  apply(inputs: SymbolicTensor | SymbolicTensor[], args?: ApplyArgs): SymbolicTensor;
  apply(inputs: Tensor | Tensor[], args?: ApplyArgs): Tensor;
  apply(inputs: SymbolicTensor | SymbolicTensor[] | Tensor | Tensor[], args: ApplyArgs = {}): SymbolicTensor | Tensor {
    const out = this.applyMulti(inputs as Tensor[], args);
    if (out.length !== 1) {
      throw new Error(`${this.name}.apply: the layer has ${out.length} outputs; use applyMulti() to get them as a list`);
    }
    return out[0];
  }

  /** `apply` for a layer of several outputs (a model, an RNN returning its states): every output, as a list. */
  applyMulti(inputs: SymbolicTensor | SymbolicTensor[], args?: ApplyArgs): SymbolicTensor[];
  applyMulti(inputs: Tensor | Tensor[], args?: ApplyArgs): Tensor[];
  applyMulti(inputs: SymbolicTensor | SymbolicTensor[] | Tensor | Tensor[], args: ApplyArgs = {}): SymbolicTensor[] | Tensor[] {
    if (isSymbolic(inputs)) return this.applySymbolic(inputs, args);
    const list = toList(inputs as Tensor | Tensor[]);
    if (list.length === 0 || list.some((t) => t instanceof SymbolicTensor)) {
      throw new Error(`${this.name}.apply: inputs must be all Tensors or all symbolic tensors (from input() or another layer), got ${describeInputs(list)}`);
    }
    const single = !Array.isArray(inputs);
    const x = single ? list[0] : list;
    if (!this.built) this.buildFor(single ? batchFree(list[0].shape) : list.map((t) => batchFree(t.shape)));
    return this.callConcrete(x, { training: args.training ?? false, mask: args.mask ?? null });
  }

  /** `call` on concrete tensors, its outputs kept for the activity regulariser when there is one. */
  private callConcrete(inputs: Tensor | Tensor[], args: CallArgs<Mask>): Tensor[] {
    // tidy: a layer composed of several ops leaves only its outputs, as a single op does
    // (the outputs are recorded for the activity penalty after, in the caller's scope).
    const outputs = tidy(() => toList(this.call(inputs, args)));
    if (this.activityRegularizer) for (const y of outputs) this.recordActivity(y);
    return outputs;
  }

  /** Records a call on symbolic tensors: builds the layer, checks and infers shapes, adds a Node. */
  private applySymbolic(inputs: SymbolicTensor | SymbolicTensor[], args: ApplyArgs): SymbolicTensor[] {
    const list = toList(inputs);
    const shapes: Shape | Shape[] = Array.isArray(inputs) ? list.map((t) => t.shape.slice()) : list[0].shape.slice();
    if (args.mask !== undefined && args.mask !== null) {
      throw new Error(`${this.name}.apply: a mask cannot be given with symbolic inputs; masks flow from the layers that make them (Masking, Embedding with maskZero)`);
    }
    let outShape: Shape | Shape[];
    try {
      if (!this.built) this.buildFor(shapes);
      else this.checkInputShape(shapes);
      outShape = this.computeOutputShape(shapes);
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      throw new Error(msg.startsWith(this.name) ? msg : `${this.name}: ${msg} (input shape ${fmtShapes(shapes)})`, { cause: err });
    }
    this.inputShape = shapes;
    this.outputShape = outShape;
    const nodeIndex = this.inboundNodes.length;
    const outputs = (isShapeList(outShape) ? outShape : [outShape])
      .map((s, i) => new SymbolicTensor(this.outputDType(list), s.slice(), this, nodeIndex, i));
    const callArgs: NodeCallArgs = args.training === undefined ? {} : { training: args.training };
    const node = new Node(this, list, outputs, callArgs);
    this.inboundNodes.push(node);
    for (const t of list) t.sourceLayer.outboundNodes.push(node);
    return outputs;
  }

  /** The dtype of symbolic outputs: the layer's own. */
  protected outputDType(inputs: readonly SymbolicTensor[]): DType {
    void inputs;
    return this.dtype;
  }

  /**
   * Checks a new input against the shape the layer was built for, before a second call shares
   * its weights. Default: a layer with weights needs the same last dimension (the axis Keras's
   * input specs pin for Dense, convolutions, recurrent and normalisation layers).
   */
  protected checkInputShape(inputShape: Shape | Shape[]): void {
    const built = this.builtInputShape;
    if (!built || this.entries.length === 0 || isShapeList(inputShape) || isShapeList(built)) return;
    const want = built[built.length - 1];
    const got = inputShape[inputShape.length - 1];
    if (want !== null && got !== null && want !== got) {
      throw new Error(`${this.name}: the layer was built for inputs of shape ${fmtKerasShape(built)} and cannot take shape ${fmtKerasShape(inputShape)} (last dimension ${got}, expected ${want})`);
    }
  }

  /** The symbolic output of the layer's only call (Keras's `layer.output`). */
  get output(): SymbolicTensor | SymbolicTensor[] {
    const node = this.onlyNode('output');
    return node.outputTensors.length === 1 ? node.outputTensors[0] : node.outputTensors.slice();
  }

  /** The symbolic input of the layer's only call (Keras's `layer.input`). */
  get input(): SymbolicTensor | SymbolicTensor[] {
    const node = this.onlyNode('input');
    return node.inputTensors.length === 1 ? node.inputTensors[0] : node.inputTensors.slice();
  }

  private onlyNode(what: string): Node {
    if (this.inboundNodes.length === 0) throw new Error(`${this.name}.${what}: the layer has not been applied to symbolic tensors`);
    if (this.inboundNodes.length > 1 && what === 'input') {
      throw new Error(`${this.name}.${what}: the layer has been applied ${this.inboundNodes.length} times, so it has several inputs; read inboundNodes[i].inputTensors`);
    }
    if (this.inboundNodes.length > 1) {
      throw new Error(`${this.name}.${what}: the layer has been applied ${this.inboundNodes.length} times, so it has several outputs; read inboundNodes[i].outputTensors`);
    }
    return this.inboundNodes[0];
  }

  /**
   * Keeps `y` for its activity penalty. The training and test steps run the forward pass and
   * read the losses in one memory scope, so outputs made in scopes since closed (earlier
   * batches, predictions) belong to passes that are over and are dropped.
   */
  private recordActivity(y: Tensor): void {
    const scope = currentScope();
    this.activityOutputs = this.activityOutputs.filter((r) => !r.output.isDisposed && scopeIsOpen(r.scope) && (r.scope !== null || scope === null));
    this.activityOutputs.push({ output: y, scope });
  }

  /** The activity penalties (scalars) of the outputs of this layer's current forward pass. */
  protected activityLosses(): Tensor[] {
    const regularizer = this.activityRegularizer;
    if (!regularizer) return [];
    return this.activityOutputs.filter((r) => !r.output.isDisposed && scopeIsOpen(r.scope)).map((r) => regularizer.apply(r.output));
  }

  /** @internal Builds the layer and records its shapes. */
  buildFor(inputShape: Shape | Shape[]): Shape | Shape[] {
    if (!this.built) {
      this.build(inputShape);
      this.built = true;
      this.builtInputShape = inputShape;
    }
    this.inputShape = inputShape;
    this.outputShape = this.computeOutputShape(inputShape);
    return this.outputShape;
  }

  /**
   * Create a weight in `build` (a custom layer's way to own one): initialised, charged to the
   * weight budget, named `<layer>/<name>`, regularised and constrained as given, freed by `dispose`.
   */
  protected addWeight(name: string, shape: number[], initializer: InitializerIdentifier, options: {
    trainable?: boolean; regularizer?: RegularizerIdentifier | null; constraint?: ConstraintIdentifier | null; dtype?: DType;
  } = {}): LayerVariable {
    chargeWeight(this.name, name, shape, options.dtype ?? this.dtype);
    const init = getInitializer(initializer, `${this.name}.${name}`);
    const constraint = getConstraint(options.constraint, `${this.name}.${name}`);
    constraint?.check(shape, `${this.name}.${name}`);
    // tidy: an initializer composed from ops (LSTM's unit forget bias) frees its pieces.
    const value = tidy(() => init.apply(shape, options.dtype ?? this.dtype));
    const variable = new LayerVariable(this.nameScope ? this.nameScope.weightName(name) : `${this.name}/${name}`, value, options.trainable ?? true, constraint);
    value.dispose();
    this.entries.push({ variable, regularizer: getRegularizer(options.regularizer) });
    return variable;
  }

  /** All weights in Keras order (trainable first, then non-trainable, each in creation order). */
  get weights(): LayerVariable[] {
    return [...this.trainableWeights, ...this.nonTrainableWeights];
  }

  /** The weights `fit` updates (none while `trainable` is false). */
  get trainableWeights(): LayerVariable[] {
    return this.trainable ? this.entries.filter((e) => e.variable.trainable).map((e) => e.variable) : [];
  }

  /** The weights `fit` leaves alone (moving statistics; all of them while `trainable` is false). */
  get nonTrainableWeights(): LayerVariable[] {
    return this.trainable ? this.entries.filter((e) => !e.variable.trainable).map((e) => e.variable) : this.entries.map((e) => e.variable);
  }

  /** The regularisation penalties (scalars) of this layer's weights and of its current pass's outputs, for the loss. */
  regularizationLosses(): Tensor[] {
    const weights = this.entries.filter((e) => e.regularizer && this.trainable).map((e) => e.regularizer!.apply(e.variable.value));
    return [...weights, ...this.activityLosses()];
  }

  /** Snapshots of the weights (the caller owns them; later training does not change them). */
  getWeights(): Tensor[] {
    return this.weights.map((w) => reshape(w.value, w.shape));
  }

  /** Copy values into its weights, in `getWeights()` order; the count and every shape must match. */
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

  /** The number of scalars in its weights (trainable and not), as `summary()` counts them. */
  countParams(): number {
    return this.weights.reduce((n, w) => n + w.value.size, 0);
  }

  /** Constructor arguments that recreate this layer (camelCase; saving converts to Keras's snake_case). */
  getConfig(): Record<string, unknown> {
    const config: Record<string, unknown> = { name: this.name, trainable: this.trainable, dtype: this.dtype };
    if (this.batchInputShape) config.batchInputShape = this.batchInputShape;
    return config;
  }

  /** Free its weights' buffers; the layer is unbuilt afterwards. */
  dispose(): void {
    for (const e of this.entries) e.variable.dispose();
    this.entries.length = 0;
    this.built = false;
    this.builtInputShape = null;
  }
}

function batchFree(shape: readonly number[]): Shape {
  return shape.map((d, i) => (i === 0 ? null : d));
}

function describeInputs(list: readonly unknown[]): string {
  if (list.length === 0) return 'an empty list';
  return `[${list.map((t) => (t instanceof SymbolicTensor ? 'SymbolicTensor' : t === null ? 'null' : typeof t === 'object' ? (t as object).constructor?.name ?? 'object' : typeof t)).join(', ')}]`;
}
