import { PREDICT_OPTIONS, SEQUENTIAL_OPTIONS } from './method-options.js';
import { Tensor } from '../tensor/tensor.js';
import { isShapeList, Layer } from '../layers/layer.js';
import { InputLayer } from '../layers/input-layer.js';
import type { SymbolicTensor } from '../layers/symbolic-tensor.js';
import { fmtKerasShape, type Shape } from '../layers/shape.js';
import { toHostTensor } from '../training/host-data.js';
import { splitByName } from '../training/named-arrays.js';
import type { OutputSpec } from '../training/compiled.js';
import type { ArraySpec } from '../training/standardize-data.js';
import { PREDICT_GENERATOR_OPTIONS, type GeneratorInput, type PredictGeneratorArgs } from './generator-methods.js';
import { Model, type ModelData, type PredictArgs } from './model.js';
import { classesOf, warnUnlessProbabilities } from './prediction.js';

/** `new Sequential({ layers, name })`. */
export interface SequentialArgs {
  /** The layers to add, in order (as `add` would); default none. */
  layers?: Layer[];
  /** The model's name; default Keras's automatic one ('sequential', then 'sequential_1', ...). */
  name?: string;
}

/** The batch input shape a layer declares (its inputShape, or a model's input), or null. */
function declaredInputShape(layer: Layer): Shape | null {
  if (layer instanceof Model) {
    const inputs = layer.inputs;
    if (inputs.length > 1) throw new Error(`a model with ${inputs.length} inputs cannot be a layer of a Sequential`);
    return inputs[0]?.shape.slice() ?? null;
  }
  return layer.batchInputShape;
}

/**
 * A linear stack of layers: the Keras 2 Sequential model. It is a `Model` whose graph is a
 * chain, built (an InputLayer then each layer applied in turn) as soon as the input shape is
 * known: from the first layer's `inputShape`, `build(shape)`, or the first data it is given.
 */
export class Sequential extends Model {
  override readonly className: string = 'Sequential';
  private readonly stack: Layer[] = [];
  /** The chain's symbolic tensors: the input, then each layer's output. */
  private chain: SymbolicTensor[] = [];

  constructor(args: SequentialArgs = {}) {
    args = SEQUENTIAL_OPTIONS.readFor(args, Sequential, new.target);
    // A Sequential starts without a graph: Model's constructor maps one only when given inputs and outputs.
    super({ name: args.name } as unknown as ConstructorParameters<typeof Model>[0]);
    for (const layer of args.layers ?? []) this.add(layer);
  }

  /** The layers added, in order (without the InputLayer the chain starts from, as Keras 2). */
  override get layers(): Layer[] {
    return this.stack.slice();
  }

  /** The name Keras gives the single output (the last layer's). */
  get outputName(): string {
    const last = this.stack[this.stack.length - 1];
    if (!last) throw new Error(`${this.name}: the model has no layers`);
    return last.name;
  }

  /** Append a layer; the model is built as soon as its first layer knows its input shape. */
  add(layer: Layer): void {
    this.checkAlive('add');
    if (!(layer instanceof Layer)) throw new Error(`${this.name}.add: expected a Layer, got ${layer === null ? 'null' : typeof layer}`);
    if (layer instanceof InputLayer) throw new Error(`${this.name}.add: give the first layer an inputShape instead of adding an InputLayer`);
    if (this.stack.some((l) => l.name === layer.name)) {
      throw new Error(`${this.name}.add: a layer named '${layer.name}' is already in the model; layer names must be unique`);
    }
    const declared = declaredInputShape(layer);
    if (this.stack.length > 0 && declared && this.graph) {
      const prev = this.chain[this.chain.length - 1].shape;
      const mismatch = declared.length !== prev.length || declared.some((d, i) => i > 0 && d !== null && d !== prev[i]);
      if (mismatch) {
        throw new Error(`${this.name}.add: layer '${layer.name}' declares input shape ${fmtKerasShape(declared)} but the previous layer outputs ${fmtKerasShape(prev)}`);
      }
    }
    if (this.stack.length === 0) {
      this.stack.push(layer);
      if (declared) {
        try {
          this.build(declared);
        } catch (err) {
          this.stack.pop();
          throw err;
        }
      }
      return;
    }
    if (!this.graph) {
      this.stack.push(layer);
      return;
    }
    const out = this.applyNext(layer, this.chain[this.chain.length - 1]);
    this.stack.push(layer);
    this.chain.push(out);
    this.setGraph([this.chain[0]], [out]);
  }

  /** Remove the last layer and return it. */
  pop(): Layer {
    this.checkAlive('pop');
    const layer = this.stack.pop();
    if (!layer) throw new Error(`${this.name}.pop: there are no layers in the model`);
    if (this.graph) {
      this.chain.pop();
      const prev = this.chain[this.chain.length - 1];
      const node = layer.inboundNodes[layer.inboundNodes.length - 1];
      const outbound = prev.sourceLayer.outboundNodes;
      if (outbound.includes(node)) outbound.splice(outbound.indexOf(node), 1);
      if (this.stack.length === 0) {
        this.graph = null;
        this.built = false;
        this.chain = [];
      } else {
        this.setGraph([this.chain[0]], [prev]);
      }
    }
    return layer;
  }

  /** Builds every layer for inputs of `inputShape` (batch axis included, null = any). */
  override build(inputShape?: Shape | Shape[]): void {
    this.checkAlive('build');
    const shape = inputShape ?? (this.stack[0] ? declaredInputShape(this.stack[0]) : null);
    if (!shape) throw new Error(`${this.name}.build: give an input shape, or an inputShape on the first layer`);
    if (isShapeList(shape)) throw new Error(`${this.name}.build: a Sequential has one input; give one shape, got ${shape.length}`);
    if (this.graph) return;
    const first = this.stack[0];
    const inputLayer = new InputLayer({ batchInputShape: shape.slice(), name: first ? `${first.name}_input` : undefined });
    const chain = [inputLayer.tensor];
    for (const layer of this.stack) chain.push(this.applyNext(layer, chain[chain.length - 1]));
    if (this.stack.length === 0) return;
    this.chain = chain;
    this.setGraph([chain[0]], [chain[chain.length - 1]]);
  }

  /** Applies the next layer of the chain; an error names the layer. */
  private applyNext(layer: Layer, x: SymbolicTensor): SymbolicTensor {
    try {
      const outs = layer.applyMulti(x);
      if (outs.length !== 1) throw new Error(`the layer has ${outs.length} outputs; a Sequential layer must have one`);
      return outs[0];
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      throw new Error(msg.startsWith(layer.name) ? msg : `${layer.name}: ${msg}`, { cause: err });
    }
  }

  protected override async buildFromData(method: string, x: ModelData): Promise<void> {
    if (this.stack.length === 0) throw new Error(`${method}: the model has no layers; add some first`);
    if (this.graph) return;
    const [first] = splitByName(x, ['x'], `${method}: 'x'`, 'input');
    // A Tensor's shape is known without reading its values.
    const shape = first instanceof Tensor && !first.isDisposed ? first.shape : (await toHostTensor(first, `${method}: 'x'`)).shape;
    if (shape.length === 0) throw new Error(`${method}: 'x' must have a batch axis, got a scalar`);
    this.build([null, ...shape.slice(1)]);
  }

  protected override outputSpecs(): OutputSpec[] {
    if (this.graph) return super.outputSpecs();
    return [{ name: this.stack.length > 0 ? this.outputName : 'output', shape: null }];
  }

  protected override inputSpecs(): ArraySpec[] {
    if (this.graph) return super.inputSpecs();
    return [{ name: 'x', shape: null }];
  }

  protected override describeForCompile(): string {
    return 'a Sequential model';
  }

  /** Predictions in batches (Keras 2 predict). */
  override async predict(x: ModelData, args: PredictArgs = {}): Promise<Tensor> {
    args = PREDICT_OPTIONS.read(args, 'predict');
    return (await super.predict(x, args)) as Tensor;
  }

  /** tfjs's synchronous predict (see Model.predictSync). */
  override predictSync(x: ModelData, args: { batchSize?: number } = {}): Tensor {
    return super.predictSync(x, args) as Tensor;
  }

  /** Keras 2's predict_classes: class indices (int32) from `predict`; argmax, or `p > 0.5` for one unit. */
  async predictClasses(x: ModelData, args: PredictArgs = {}): Promise<Tensor> {
    args = PREDICT_OPTIONS.read(args, 'predictClasses');
    const p = await this.predict(x, args);
    try {
      return classesOf(p);
    } finally {
      p.dispose();
    }
  }

  /** Keras 2's predict_proba: `predict`, with Keras's warning when outputs leave [0, 1]. */
  async predictProba(x: ModelData, args: PredictArgs = {}): Promise<Tensor> {
    args = PREDICT_OPTIONS.read(args, 'predictProba');
    const p = await this.predict(x, args);
    await warnUnlessProbabilities(p);
    return p;
  }

  override async predictOnBatch(x: ModelData): Promise<Tensor> {
    return (await super.predictOnBatch(x)) as Tensor;
  }

  override async predictGenerator(generator: GeneratorInput, args: PredictGeneratorArgs = {}): Promise<Tensor> {
    args = PREDICT_GENERATOR_OPTIONS.read(args, 'predictGenerator');
    return (await super.predictGenerator(generator, args)) as Tensor;
  }
}
