import { EVALUATE_OPTIONS, FIT_OPTIONS, MODEL_OPTIONS, PREDICT_OPTIONS, TEST_ON_BATCH_OPTIONS, TRAIN_ON_BATCH_OPTIONS } from './method-options.js';
import { Tensor } from '../tensor/tensor.js';
import { Layer, type CallArgs, type Mask } from '../layers/layer.js';
import { Node } from '../layers/node.js';
import type { InputLayer } from '../layers/input-layer.js';
import { SymbolicTensor } from '../layers/symbolic-tensor.js';
import type { LayerVariable } from '../layers/variable.js';
import type { Shape } from '../layers/shape.js';
import { tidy } from '../engine/scope.js';
import { rng, type Random } from '../ops/random.js';
import { toHost, type TensorLike } from '../ops/create.js';
import { reshape } from '../ops/reshape.js';
import { Dataset, isSequence, type SequenceLike } from '@layerwise/data';
import { History } from '../callbacks/history.js';
import { CallbackList, callbackArray, type Callback, type CallbackHooks, type CallbacksArg, type CallbackParams, type Logs } from '../callbacks/callback.js';
import { progressCallback } from '../callbacks/progress.js';
import { countProgbar } from '../callbacks/evaluate-progbar-logger.js';
import type { Optimizer } from '../optimizers/optimizer.js';
import { Compiled, type OutputSpec } from '../training/compiled.js';
import { COMPILE_OPTIONS, type CompileArgs } from '../training/compile-args.js';
import { ArrayProvider } from '../training/array-provider.js';
import { evaluateLoop, fitLoop, type BatchProvider } from '../training/loop.js';
import { numSamples, sliceRows, upload, type DataArray } from '../training/host-data.js';
import type { ForwardResult, HostBatch } from '../training/step.js';
import { testStep, trainStep } from '../training/step.js';
import { predictLoop } from '../training/predict-loop.js';
import type { PerName } from '../training/named-arrays.js';
import { standardizeInputs, standardizeTargets, type ArraySpec, type ClassWeight } from '../training/standardize-data.js';
import type { ShuffleMode } from '../training/batch-order.js';
import { graphInputs, graphOutputShapes, mapGraph, runGraph, type Graph } from './graph.js';
import { summaryLines } from './summary.js';
import { predictNow, resultDict } from './prediction.js';
import { splitByName } from '../training/named-arrays.js';
import { checkInput } from '../training/standardize.js';
import { fmtShape } from '../tensor/shape.js';
import { saveModel, type SaveOptions } from '../saving/save-model.js';
import { loadWeights, saveWeights, type LoadWeightsOptions } from '../saving/weights-only.js';
import type { RunSignal } from '../training/run-signal.js';
import type { IOHandler, SaveResult } from '../saving/artifacts.js';
import {
  EVALUATE_GENERATOR_OPTIONS, FIT_GENERATOR_OPTIONS, PREDICT_GENERATOR_OPTIONS, runEvaluateGenerator, runFitGenerator, runPredictGenerator, type EvaluateGeneratorArgs, type FitGeneratorArgs,
  type GeneratorHost, type GeneratorInput, type PredictGeneratorArgs,
} from './generator-methods.js';

/** Data for a model: one array (one input or output), a list in model order, or a record by input/output name. */
export type ModelData = PerName<TensorLike>;

/** `classWeight`: class index -> weight (one output), or such a map per output name. */
export type ClassWeightArg = ClassWeight | Record<string, ClassWeight>;

/** `fit`'s validationData: `[x, y]` or `[x, y, sampleWeight]`, each part in the forms `fit` takes. */
export type ValidationData = [ModelData, ModelData] | [ModelData, ModelData, ModelData];

/** `new Model({ inputs, outputs, name })`: the graph between symbolic inputs and outputs. */
export interface ModelArgs {
  /** Symbolic tensors from `input()`, one or a list. */
  inputs: SymbolicTensor | SymbolicTensor[];
  /** Symbolic tensors computed from the inputs by layer calls, one or a list. */
  outputs: SymbolicTensor | SymbolicTensor[];
  /** The model's name (default `model`, `model_1`, ...). */
  name?: string;
  /** Whether fit updates its weights (default true). */
  trainable?: boolean;
}

/** `fit` options (Keras 2's, camelCase); data-shaped options take the forms `x` and `y` take. */
export interface FitArgs {
  /** Samples per gradient step (default 32). */
  batchSize?: number;
  /** The index of the last epoch, counted together with initialEpoch (default 1). */
  epochs?: number;
  /** 0 silent, 1 a live progress bar (the default), 2 one line an epoch. */
  verbose?: 0 | 1 | 2;
  /** A list of callbacks, or one (tfjs allows a single object). */
  callbacks?: CallbacksArg;
  /** The fraction of the samples held out for validation: the *last* ones, taken before shuffling (as Keras does). */
  validationSplit?: number;
  /** `[x, y]` or `[x, y, sampleWeight]` to validate on after each epoch; overrides validationSplit. */
  validationData?: ValidationData;
  /** true (the default) shuffles the samples each epoch, 'batch' shuffles batch-sized chunks, false keeps the order. */
  shuffle?: ShuffleMode;
  /** A weight per class index (per output name for several outputs), multiplying each sample's loss. */
  classWeight?: ClassWeightArg;
  /** A weight per sample (`[samples, timesteps]` with sampleWeightMode 'temporal'), multiplying its loss. */
  sampleWeight?: ModelData;
  /** The epoch to start at (to resume a run); default 0. */
  initialEpoch?: number;
  /** Batches an epoch; default: all the samples once. */
  stepsPerEpoch?: number;
  /** Validation batches after each epoch when stepsPerEpoch is set. */
  validationSteps?: number;
  /** Seeds the shuffling of this call (else the global generator, see setRandomSeed). */
  seed?: number;
  /** Accept NaN and +-Infinity in x and y (by default they are an error naming the first one). */
  allowNonFinite?: boolean;
}

/** `evaluate` options. */
export interface EvaluateArgs {
  /** Samples per batch (default 32). */
  batchSize?: number;
  /** 0 silent, 1 a progress bar (the default). */
  verbose?: 0 | 1 | 2;
  /** A weight per sample, as in fit. */
  sampleWeight?: ModelData;
  /** Batches to evaluate; default: all the samples once. */
  steps?: number;
  /** Keras 2.4's return_dict: `{ loss, acc, ... }` (keyed by metricsNames) instead of a number or a list. */
  returnDict?: boolean;
  /** Accept NaN and +-Infinity in x and y (by default they are an error naming the first one). */
  allowNonFinite?: boolean;
}

/** `trainOnBatch` options. */
export interface TrainOnBatchArgs {
  /** A weight per sample of the batch (`[batch, timesteps]` with sampleWeightMode 'temporal'), as in fit. */
  sampleWeight?: ModelData;
  /** A weight per class index (per output name for several outputs), as in fit. */
  classWeight?: ClassWeightArg;
  /** Accept NaN and +-Infinity in x and y (by default they are an error naming the first one). */
  allowNonFinite?: boolean;
}

/** `testOnBatch` options. */
export interface TestOnBatchArgs {
  /** A weight per sample of the batch, as in fit. */
  sampleWeight?: ModelData;
  /** Accept NaN and +-Infinity in x and y (by default they are an error naming the first one). */
  allowNonFinite?: boolean;
}

/** `predict` options. */
export interface PredictArgs {
  /** Samples per batch (default 32). */
  batchSize?: number;
  /** Keras's `verbose`: 1 draws a progress bar over the samples; 0 (default) and 2 print nothing. */
  verbose?: 0 | 1 | 2;
  /** Batches to predict; default: all the samples once. */
  steps?: number;
}

/** x, y and sample weights on the host, checked against the model: a batch of every sample. */
export interface StandardizedData extends HostBatch {
  n: number;
  compiled: Compiled;
}

function checkPositiveInt(method: string, name: string, v: number | undefined): void {
  if (v !== undefined && (!Number.isInteger(v) || v < 1)) throw new Error(`${method}: '${name}' must be a positive integer, got ${v}`);
}

function sliceBatch(data: HostBatch, from: number, to: number): HostBatch {
  const cut = <A extends DataArray>(h: A): A => sliceRows(h, from, to);
  return { xs: data.xs.map(cut), ys: data.ys.map(cut), ws: data.ws.map((w) => (w ? cut(w) : null)) };
}

/**
 * A Keras 2 model: a graph of layer calls from symbolic inputs to outputs (the functional
 * API), with training (compile, fit, evaluate, predict, the *OnBatch and *Generator methods),
 * callbacks, summary and saving. Several inputs and outputs take data as lists (model order)
 * or records by layer name, with per-output losses, loss weights, metrics and sample weights.
 * A model is also a layer: applied to symbolic tensors inside another model, it shares its
 * weights. `Sequential` is the special case of a chain.
 */
export class Model extends Layer {
  readonly className: string = 'Model';
  /** The History of the latest fit or fitGenerator (kept even when it ended with an error). */
  history: History | null = null;
  /** @internal The graph; null only for a Sequential not built yet. */
  protected graph: Graph | null = null;
  private compiled: Compiled | null = null;
  private busy: string | null = null;
  private stopRequested = false;
  private run: RunSignal | null = null;
  private disposed = false;

  constructor(args: ModelArgs) {
    args = MODEL_OPTIONS.readFor(args, Model, new.target);
    super({ name: args?.name, trainable: args?.trainable });
    if (new.target === Model || args?.inputs !== undefined || args?.outputs !== undefined) {
      if (args === null || typeof args !== 'object' || args.inputs === undefined || args.outputs === undefined) {
        throw new Error(`${this.name}: a Model needs { inputs, outputs }: symbolic tensors from input() and from layer calls on them`);
      }
      const check = (v: unknown, what: string): SymbolicTensor[] => {
        const list = Array.isArray(v) ? v : [v];
        list.forEach((t, i) => {
          if (!(t instanceof SymbolicTensor)) throw new Error(`${this.name}: ${what}[${i}] must be a symbolic tensor (from input() or layer.apply), got ${t === null ? 'null' : typeof t === 'object' ? (t as object).constructor?.name : typeof t}`);
        });
        return list as SymbolicTensor[];
      };
      this.setGraph(check(args.inputs, 'inputs'), check(args.outputs, 'outputs'));
    }
  }

  /**
   * Set to true (from a callback, a timer, a signal handler) to end training after the current
   * batch; a fitGenerator waiting for its next batch stops waiting at once.
   */
  get stopTraining(): boolean {
    return this.stopRequested;
  }

  /** true ends training after the current batch (see the getter); false clears a request not yet acted on. */
  set stopTraining(value: boolean) {
    this.stopRequested = value;
    if (value) this.run?.stop();
  }

  /** Whether dispose() was called. */
  get isDisposed(): boolean {
    return this.disposed;
  }

  /** @internal A disposed model's layers have no weights: using it would silently build and train fresh ones. */
  protected checkAlive(method: string): void {
    if (this.disposed) throw new Error(`${this.name}.${method}: the model has been disposed (its weights and optimizer state are freed); build or load a new one`);
  }

  /** @internal Maps the graph and records the model's own node 0 (inputs to outputs, as Keras does). */
  protected setGraph(inputs: SymbolicTensor[], outputs: SymbolicTensor[]): void {
    this.graph = mapGraph(inputs, outputs, this.name);
    this.built = true;
    this.inputShape = inputs.length === 1 ? inputs[0].shape.slice() : inputs.map((x) => x.shape.slice());
    this.outputShape = outputs.length === 1 ? outputs[0].shape.slice() : outputs.map((x) => x.shape.slice());
    const own = new Node(this, [], outputs, {});
    if (this.inboundNodes.length === 0) this.inboundNodes.push(own);
    else this.inboundNodes[0] = own;
  }

  /** @internal */
  protected requireGraph(method: string): Graph {
    if (!this.graph) throw new Error(`${method}: the model is not built yet; give the first layer an inputShape, or call build() or fit() first`);
    return this.graph;
  }

  /** The symbolic inputs (empty before a Sequential is built). */
  get inputs(): SymbolicTensor[] {
    return this.graph ? this.graph.inputs.slice() : [];
  }

  /** The symbolic outputs (empty before a Sequential is built). */
  get outputs(): SymbolicTensor[] {
    return this.graph ? this.graph.outputs.slice() : [];
  }

  /** The InputLayer of each input. */
  get inputLayers(): InputLayer[] {
    return this.inputs.map((x) => x.sourceLayer as InputLayer);
  }

  /** The layer that makes each output. */
  get outputLayers(): Layer[] {
    return this.outputs.map((x) => x.sourceLayer);
  }

  /** Input names (their InputLayers' names): the keys of an `x` record. */
  get inputNames(): string[] {
    return this.inputLayers.map((l) => l.name);
  }

  /** Output names (the producing layers' names): the keys of `y`, `loss`, `lossWeights` records, and the log prefixes. */
  get outputNames(): string[] {
    return this.outputLayers.map((l) => l.name);
  }

  /** Every layer of the graph, inputs first, in Keras's order (by depth, then by first use). */
  get layers(): Layer[] {
    return this.graph ? this.graph.layers.slice() : [];
  }

  /** The optimizer given to compile (null before compile); its state is saved with the model. */
  get optimizer(): Optimizer | null {
    return this.compiled?.optimizer ?? null;
  }

  /** ['loss', ...] once compiled (Keras's metrics_names): per-output losses and metrics for several outputs. */
  get metricsNames(): string[] {
    return this.compiled ? this.compiled.metricsNames.slice() : [];
  }

  /** @internal */
  get compileState(): Compiled | null {
    return this.compiled;
  }

  /** A layer by name, or by index in `layers` (Keras's get_layer); an error naming the layers when there is none. */
  getLayer(name?: string, index?: number): Layer {
    this.checkAlive('getLayer');
    const layers = this.layers;
    if (index !== undefined) {
      if (!Number.isInteger(index) || index < 0 || index >= layers.length) {
        throw new Error(`getLayer: index ${index} is out of range; the model has ${layers.length} layers`);
      }
      return layers[index];
    }
    if (name === undefined) throw new Error('getLayer: give a name or an index');
    const layer = layers.find((l) => l.name === name);
    if (!layer) throw new Error(`getLayer: no layer named '${name}'; layers: ${layers.map((l) => l.name).join(', ')}`);
    return layer;
  }

  override get trainableWeights(): LayerVariable[] {
    return this.trainable ? unique(this.layers.flatMap((l) => l.trainableWeights)) : [];
  }

  override get nonTrainableWeights(): LayerVariable[] {
    return this.trainable ? unique(this.layers.flatMap((l) => l.nonTrainableWeights)) : this.weights;
  }

  /** Every layer's weights, layer by layer (model.layers order), each in Keras's order. */
  override get weights(): LayerVariable[] {
    return unique(this.layers.flatMap((l) => l.weights));
  }

  override regularizationLosses(): Tensor[] {
    return this.layers.flatMap((l) => l.regularizationLosses());
  }

  override getWeights(): Tensor[] {
    this.checkAlive('getWeights');
    return super.getWeights();
  }

  override countParams(): number {
    this.checkAlive('countParams');
    return super.countParams();
  }

  override setWeights(weights: readonly Tensor[]): void {
    this.checkAlive('setWeights');
    const own = this.weights;
    if (!Array.isArray(weights) || weights.length !== own.length) {
      throw new Error(`${this.name}.setWeights: expected ${own.length} weights, got ${Array.isArray(weights) ? weights.length : typeof weights}`);
    }
    own.forEach((w, i) => {
      if (w.shape.join(',') !== weights[i].shape.join(',')) {
        throw new Error(`${this.name}.setWeights: weight '${w.name}' must have shape [${w.shape}], got [${weights[i].shape}]`);
      }
    });
    own.forEach((w, i) => w.assign(weights[i]));
  }

  override build(inputShape: Shape | Shape[]): void {
    void inputShape;
  }

  /** Runs the graph on concrete inputs (one tensor, or a list in input order). */
  call(inputs: Tensor | Tensor[], args: CallArgs<Mask>): Tensor | Tensor[] {
    const { outputs } = this.callAndMask(inputs, args);
    return outputs.length === 1 ? outputs[0] : outputs;
  }

  override callAndMask(inputs: Tensor | Tensor[], args: CallArgs<Mask>): { outputs: Tensor[]; masks: (Tensor | null)[] } {
    this.checkAlive('call');
    const graph = this.requireGraph(this.name);
    const xs = graphInputs(graph, inputs, this.name);
    const masks = Array.isArray(args.mask) ? args.mask : xs.map(() => args.mask as Tensor | null);
    return runGraph(graph, xs, masks, args.training);
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
    const graph = this.requireGraph(this.name);
    const shapes = graph.inputs.length === 1 && !Array.isArray(inputShape[0]) ? [inputShape as Shape] : (inputShape as Shape[]);
    if (shapes.length !== graph.inputs.length) throw new Error(`${this.name}: expected ${graph.inputs.length} input shapes, got ${shapes.length}`);
    const out = graphOutputShapes(graph, shapes, this.name);
    return out.length === 1 ? out[0] : out;
  }

  override computeMask(inputs: Tensor | Tensor[], mask: Mask): Mask {
    const masks = tidy(() => this.callAndMask(inputs, { training: false, mask }).masks);
    return masks.length === 1 ? masks[0] : masks;
  }

  /** The weights a shared call must agree with are the graph's own: shapes are checked by computeOutputShape. */
  protected override checkInputShape(): void {}

  /** @internal The forward pass of the training step: one tensor per input in, outputs and masks out. */
  forward(xs: Tensor[], training: boolean): ForwardResult {
    return runGraph(this.requireGraph(this.name), xs, xs.map(() => null), training);
  }

  /** @internal What compile and the data checks know of the outputs. */
  protected outputSpecs(): OutputSpec[] {
    return this.outputs.map((t) => ({ name: t.sourceLayer.name, shape: t.shape.slice() }));
  }

  /** @internal What the data checks know of the inputs. */
  protected inputSpecs(): ArraySpec[] {
    return this.inputs.map((t) => ({ name: t.sourceLayer.name, shape: t.shape.slice() }));
  }

  /** @internal How compile errors describe this model. */
  protected describeForCompile(): string {
    return `model '${this.name}'`;
  }

  /** @internal Builds the model from the first data it sees (a Sequential without an input shape); a Model is built already. */
  protected buildFromData(method: string, x: ModelData): Promise<void> {
    void x;
    this.requireGraph(method);
    return Promise.resolve();
  }

  /** @internal The graph's nodes by depth, for the summary. */
  get graphNodes(): readonly (readonly Node[])[] | null {
    return this.graph ? this.graph.nodesByDepth : null;
  }

  /** Prints Keras 2's summary table (with a "Connected to" column unless the graph is a chain). */
  summary(lineLength?: number, positions?: number[], printFn: (line: string) => void = console.log): void {
    this.checkAlive('summary');
    if (!this.graph) throw new Error(`${this.name}.summary: the model is not built yet; give the first layer an inputShape, or call build() or fit() first`);
    for (const line of summaryLines(this, lineLength, positions)) printFn(line);
  }

  /**
   * Configure training (Keras 2 compile): the optimizer (a name or an instance), the loss (one, or
   * one per output by position or name), metrics, lossWeights, sampleWeightMode, weightedMetrics.
   */
  compile(args: CompileArgs): void {
    args = COMPILE_OPTIONS.read(args, 'compile');
    this.checkAlive('compile');
    if (this.busy) throw new Error(`compile: the model is running ${this.busy}; await it before compiling again`);
    const previous = this.compiled;
    this.compiled = new Compiled(args, this.outputSpecs(), this.describeForCompile());
    // An optimizer compile made from a name belongs to the model: free its slots when a recompile replaces it.
    if (previous && typeof previous.args.optimizer === 'string' && previous.optimizer !== this.compiled.optimizer) previous.optimizer.dispose();
  }

  private requireCompiled(method: string): Compiled {
    if (!this.compiled) throw new Error(`${method}: the model must be compiled first; call model.compile({ optimizer, loss })`);
    return this.compiled;
  }

  private async exclusive<T>(method: string, run: () => Promise<T>): Promise<T> {
    if (this.busy) throw new Error(`${method}: the model is already running ${this.busy}; await it before starting another`);
    this.busy = method;
    try {
      return await run();
    } finally {
      this.busy = null;
    }
  }

  /**
   * Inputs (host arrays, or Tensors left on the backend), checked against the model (building
   * a Sequential from them first); `finite` refuses NaN and +-Infinity.
   */
  private async hostInputs(method: string, x: ModelData, finite = false): Promise<DataArray[]> {
    if (x === undefined || x === null) throw new Error(`${method}: 'x' is required`);
    await this.buildFromData(method, x);
    // Compiled before the output shapes were known: resolve 'acc' and friends again now.
    if (this.compiled?.provisional) this.compiled = new Compiled(this.compiled.args, this.outputSpecs(), this.describeForCompile(), this.compiled.optimizer);
    return standardizeInputs(method, x, this.inputSpecs(), finite);
  }

  /** x, y and sample weights on the host, checked against the model and the losses. */
  private async standardize(method: string, x: ModelData, y: ModelData | undefined, sampleWeight: ModelData | undefined,
    classWeight: ClassWeightArg | undefined, allowNonFinite = false): Promise<StandardizedData> {
    this.requireCompiled(method);
    const xs = await this.hostInputs(method, x, !allowNonFinite);
    const compiled = this.compiled!;
    const n = numSamples(xs[0]);
    const { ys, ws } = await standardizeTargets(method, compiled, n, y, sampleWeight, classWeight, !allowNonFinite);
    return { xs, ys, ws, n, compiled };
  }

  private callbackList(callbacks: CallbacksArg | undefined, verbose: 0 | 1 | 2, extra: (Callback | CallbackHooks)[]): CallbackList {
    const list = callbackArray(callbacks, 'fit');
    // Keras 2's order: the progress bar, the user's callbacks, then History (which so sees
    // keys callbacks add to the logs, such as ReduceLROnPlateau's 'lr').
    const progress = progressCallback(verbose);
    const all = [...(progress ? [progress] : []), ...list, ...extra];
    const cbl = new CallbackList(all);
    cbl.setModel(this);
    return cbl;
  }

  /**
   * Trains for `epochs` (Keras 2 fit). `x` and `y` are one array each for a model of one input
   * and output, else lists in model order or records by name; a Dataset or Sequence yields
   * `[x, y]` batches instead (then `y` is omitted).
   */
  async fit(x: ModelData | Dataset<unknown> | SequenceLike<unknown>, y?: ModelData, args: FitArgs = {}): Promise<History> {
    args = FIT_OPTIONS.read(args, 'fit');
    this.checkAlive('fit');
    // Keras 3: fit takes a Dataset or Sequence directly (then y is not given).
    if (x instanceof Dataset || isSequence(x)) {
      if (y !== undefined) throw new Error("fit: 'y' must be omitted when 'x' is a Dataset or Sequence (it yields [x, y] batches)");
      if (args.validationSplit || args.sampleWeight !== undefined) {
        throw new Error("fit: 'validationSplit' and 'sampleWeight' do not apply to a Dataset or Sequence (give validationData, and yield [x, y, sampleWeight])");
      }
      const { shuffle, validationData, ...rest } = args;
      return this.fitGenerator(x, { ...rest, validationData, shuffle: shuffle !== false });
    }
    const xData = x as ModelData;
    return this.exclusive('fit', async () => {
      const method = 'fit';
      this.requireCompiled(method);
      const batchSize = args.batchSize ?? 32;
      const epochs = args.epochs ?? 1;
      const initialEpoch = args.initialEpoch ?? 0;
      const verbose = args.verbose ?? 1;
      const shuffle = args.shuffle ?? true;
      checkPositiveInt(method, 'batchSize', batchSize);
      checkPositiveInt(method, 'stepsPerEpoch', args.stepsPerEpoch);
      checkPositiveInt(method, 'validationSteps', args.validationSteps);
      if (!Number.isInteger(epochs) || epochs < 0) throw new Error(`fit: 'epochs' must be an integer >= 0, got ${epochs}`);
      if (!Number.isInteger(initialEpoch) || initialEpoch < 0) throw new Error(`fit: 'initialEpoch' must be an integer >= 0, got ${initialEpoch}`);
      if (verbose !== 0 && verbose !== 1 && verbose !== 2) throw new Error(`fit: 'verbose' must be 0, 1 or 2, got ${verbose}`);
      if (shuffle !== true && shuffle !== false && shuffle !== 'batch') throw new Error(`fit: 'shuffle' must be true, false or 'batch', got ${JSON.stringify(shuffle)}`);
      const split = args.validationSplit ?? 0;
      if (typeof split !== 'number' || !(split >= 0 && split < 1)) throw new Error(`fit: 'validationSplit' must be in [0, 1), got ${split}`);

      const data = await this.standardize(method, xData, y, args.sampleWeight, args.classWeight, args.allowNonFinite);
      const compiled = data.compiled;
      let train: HostBatch = data;
      let trainN = data.n;
      let validation: HostBatch | null = null;
      if (args.validationData !== undefined) {
        const v = args.validationData;
        if (!Array.isArray(v) || (v.length !== 2 && v.length !== 3)) {
          throw new Error('fit: \'validationData\' must be [x, y] or [x, y, sampleWeight]');
        }
        validation = await this.standardize(method, v[0], v[1], v[2], undefined, args.allowNonFinite);
      } else if (split > 0) {
        // Keras 2: the last fraction of the samples, taken before any shuffling.
        const at = Math.floor(data.n * (1 - split));
        if (at === 0 || at === data.n) {
          throw new Error(`fit: 'validationSplit' ${split} of ${data.n} samples leaves an empty ${at === 0 ? 'training' : 'validation'} set`);
        }
        train = sliceBatch(data, 0, at);
        trainN = at;
        validation = sliceBatch(data, at, data.n);
      }

      const random: Random = rng(args.seed);
      const trainProvider = new ArrayProvider(train, batchSize, shuffle, random, args.stepsPerEpoch ?? null);
      const valProvider: BatchProvider | null = validation
        ? new ArrayProvider(validation, batchSize, false, random, args.validationSteps ?? null, false)
        : null;
      const history = new History();
      this.history = history;
      const callbacks = this.callbackList(args.callbacks, verbose, [history]);
      const params: CallbackParams = {
        epochs, initialEpoch, verbose, batchSize,
        steps: args.stepsPerEpoch ?? Math.ceil(trainN / batchSize),
        samples: args.stepsPerEpoch ? null : trainN,
        doValidation: validation !== null,
        metrics: [...compiled.metricsNames, ...(validation ? compiled.metricsNames.map((n) => `val_${n}`) : [])],
      };
      callbacks.setParams(params);
      await fitLoop(this, compiled, { epochs, initialEpoch, callbacks, train: trainProvider, validation: valProvider });
      return history;
    });
  }

  /**
   * Loss and metrics on the data (Keras 2 evaluate): a number when there is one output and no
   * metric, else a list ordered as metricsNames; with `returnDict: true` (Keras 2.4),
   * `{ loss, acc, ... }`, which destructures with types:
   * `const { loss, acc } = await model.evaluate(x, y, { returnDict: true })`.
   */
  evaluate(x: ModelData, y: ModelData | undefined, args: EvaluateArgs & { returnDict: true }): Promise<Record<string, number>>;
  evaluate(x: ModelData, y?: ModelData, args?: EvaluateArgs): Promise<number | number[]>;
  async evaluate(x: ModelData, y?: ModelData, args: EvaluateArgs = {}): Promise<number | number[] | Record<string, number>> {
    args = EVALUATE_OPTIONS.read(args, 'evaluate');
    this.checkAlive('evaluate');
    this.requireCompiled('evaluate');
    const batchSize = args.batchSize ?? 32;
    checkPositiveInt('evaluate', 'batchSize', batchSize);
    checkPositiveInt('evaluate', 'steps', args.steps);
    const data = await this.standardize('evaluate', x, y, args.sampleWeight, undefined, args.allowNonFinite);
    const compiled = data.compiled.withFreshMetrics();
    const provider = new ArrayProvider(data, batchSize, false, rng(0), args.steps ?? null, false);
    const verbose = args.verbose ?? 1;
    const progress = progressCallback(verbose, 'evaluate');
    const callbacks = progress ? new CallbackList([progress]) : null;
    const steps = Math.min(args.steps ?? Infinity, Math.ceil(data.n / batchSize));
    callbacks?.setParams({ epochs: 1, initialEpoch: 0, verbose, batchSize, steps, samples: Math.min(data.n, steps * batchSize), doValidation: false, metrics: compiled.metricsNames });
    const logs = await evaluateLoop(this, compiled, provider, callbacks);
    return args.returnDict ? resultDict(compiled.metricsNames, logs) : this.asResult(compiled, logs);
  }

  private asResult(compiled: Compiled, logs: Logs): number | number[] {
    const values = compiled.metricsNames.map((n) => logs[n]);
    return values.length === 1 ? values[0] : values;
  }

  /** One tensor, or one per output for several outputs. */
  private asOutputs(outputs: Tensor[]): Tensor | Tensor[] {
    return outputs.length === 1 ? outputs[0] : outputs;
  }

  /** Predictions in batches (Keras 2 predict): a Tensor, or one per output for several outputs. */
  async predict(x: ModelData, args: PredictArgs = {}): Promise<Tensor | Tensor[]> {
    args = PREDICT_OPTIONS.read(args, 'predict');
    this.checkAlive('predict');
    const batchSize = args.batchSize ?? 32;
    checkPositiveInt('predict', 'batchSize', batchSize);
    checkPositiveInt('predict', 'steps', args.steps);
    const verbose = args.verbose ?? 0;
    if (verbose !== 0 && verbose !== 1 && verbose !== 2) throw new Error(`predict: 'verbose' must be 0, 1 or 2, got ${String(verbose)}`);
    const xs = await this.hostInputs('predict', x);
    const n = numSamples(xs[0]);
    const end = args.steps !== undefined ? Math.min(n, args.steps * batchSize) : n;
    // Keras 2's predict draws a bar over the samples at verbose 1 (2 prints nothing there).
    const bar = verbose === 1 ? countProgbar(end) : null;
    function* batches() {
      for (let start = 0; start < end; start += batchSize) {
        const stop = Math.min(start + batchSize, end);
        yield xs.map((h) => sliceRows(h, start, stop));
        // Resumed once the batch is predicted.
        bar?.update(stop, new Map(), stop >= end);
      }
    }
    return this.asOutputs(await predictLoop(this, batches(), 'predict: no samples to predict'));
  }

  /**
   * tfjs's synchronous predict: the outputs at once (`predict` returns a Promise, as readback
   * on some backends is asynchronous). Nothing is read back, so it works on every backend, and
   * inputs already on the backend stay there. A Tensor, or one per output.
   */
  predictSync(x: ModelData, args: { batchSize?: number } = {}): Tensor | Tensor[] {
    const method = 'predictSync';
    const batchSize = args.batchSize ?? 32;
    checkPositiveInt(method, 'batchSize', batchSize);
    if (x === undefined || x === null) throw new Error(`${method}: 'x' is required`);
    const arrays = (names: readonly string[]) => splitByName(x, names, `${method}: 'x'`, 'input').map((part) => {
      if (!(part instanceof Tensor)) return toHost(part, undefined, undefined, method, 'x', false);
      if (part.isDisposed) throw new Error(`${method}: 'x' is a disposed tensor (shape ${fmtShape(part.shape)})`);
      return part;
    });
    // A Sequential without an input shape is built from the data, as predict does.
    if (!this.graph) {
      const [first] = arrays(['x']);
      if (first.shape.length === 0) throw new Error(`${method}: 'x' must have a batch axis, got a scalar`);
      this.build([null, ...first.shape.slice(1)]);
    }
    const specs = this.inputSpecs();
    const given = arrays(specs.map((s) => s.name));
    const shapes = given.map((h, i) => checkInput(specs.length > 1 ? `${method} (input '${specs[i].name}')` : method, { shape: h.shape }, specs[i].shape).shape);
    if (given.some((h) => h.shape[0] !== given[0].shape[0])) {
      throw new Error(`${method}: all input arrays must have the same number of samples; got shapes ${given.map((h, i) => `'${specs[i].name}' ${fmtShape(h.shape)}`).join(', ')}`);
    }
    // A 1-D x for an input of shape (None, 1) is [n, 1] (Keras 2); a Tensor is reshaped for the call.
    const made: Tensor[] = [];
    const xs = given.map((h, i) => {
      if (shapes[i] === h.shape) return h;
      if (!(h instanceof Tensor)) return { ...h, shape: shapes[i].slice() };
      const t = reshape(h, shapes[i]);
      made.push(t);
      return t;
    });
    try {
      return this.asOutputs(predictNow(this, xs, batchSize, method));
    } finally {
      for (const t of made) t.dispose();
    }
  }

  /** The model's outputs for one batch. */
  async predictOnBatch(x: ModelData): Promise<Tensor | Tensor[]> {
    this.checkAlive('predictOnBatch');
    const xs = await this.hostInputs('predictOnBatch', x);
    return this.asOutputs(tidy(() => this.forward(xs.map(upload), false).outputs));
  }

  /** One gradient update on one batch; returns its loss (and metrics, as metricsNames orders them). */
  async trainOnBatch(x: ModelData, y?: ModelData, args: TrainOnBatchArgs = {}): Promise<number | number[]> {
    args = TRAIN_ON_BATCH_OPTIONS.read(args, 'trainOnBatch');
    this.checkAlive('trainOnBatch');
    return this.exclusive('trainOnBatch', async () => {
      const data = await this.standardize('trainOnBatch', x, y, args.sampleWeight, args.classWeight, args.allowNonFinite);
      const compiled = data.compiled;
      compiled.resetMetrics();
      const stats = await trainStep(this, compiled, data);
      return this.batchResult(compiled, stats, data.n);
    });
  }

  /** Loss and metrics of one batch, without training. */
  async testOnBatch(x: ModelData, y?: ModelData, args: TestOnBatchArgs = {}): Promise<number | number[]> {
    args = TEST_ON_BATCH_OPTIONS.read(args, 'testOnBatch');
    this.checkAlive('testOnBatch');
    const data = await this.standardize('testOnBatch', x, y, args.sampleWeight, undefined, args.allowNonFinite);
    const compiled = data.compiled.withFreshMetrics();
    const stats = await testStep(this, compiled, data);
    return this.batchResult(compiled, stats, data.n);
  }

  /** The values of one batch fed to freshly reset statistics. */
  private batchResult(compiled: Compiled, stats: Float32Array, n: number): number | number[] {
    compiled.accumulate(stats, n);
    return this.asResult(compiled, compiled.logs('result'));
  }

  /** Frees every weight and optimizer slot. Every method of the model (and the layers it holds) throws afterwards. */
  override dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const l of this.layers) l.dispose();
    this.compiled?.optimizer.dispose();
  }

  /**
   * Trains on batches from a generator, Dataset or Sequence (Keras 2 fit_generator). A plain
   * generator is pulled `stepsPerEpoch` batches an epoch; a Sequence knows its length.
   * Batches are `[x, y]` or `[x, y, sampleWeight]`, each part in the forms `fit` takes.
   */
  async fitGenerator(generator: GeneratorInput, args: FitGeneratorArgs = {}): Promise<History> {
    args = FIT_GENERATOR_OPTIONS.read(args, 'fitGenerator');
    this.checkAlive('fitGenerator');
    return this.exclusive('fitGenerator', () => runFitGenerator(this.generatorHost(), generator, args));
  }

  /** Loss and metrics over `steps` batches of a generator (Keras 2 evaluate_generator). */
  async evaluateGenerator(generator: GeneratorInput, args: EvaluateGeneratorArgs = {}): Promise<number | number[]> {
    args = EVALUATE_GENERATOR_OPTIONS.read(args, 'evaluateGenerator');
    this.checkAlive('evaluateGenerator');
    return runEvaluateGenerator(this.generatorHost(), generator, args);
  }

  /** Predictions for `steps` batches of a generator, concatenated (Keras 2 predict_generator); one per output for several outputs. */
  async predictGenerator(generator: GeneratorInput, args: PredictGeneratorArgs = {}): Promise<Tensor | Tensor[]> {
    args = PREDICT_GENERATOR_OPTIONS.read(args, 'predictGenerator');
    this.checkAlive('predictGenerator');
    return this.asOutputs(await runPredictGenerator(this.generatorHost(), generator, args));
  }

  /** What the generator methods need from this model (kept off the public surface). */
  private generatorHost(): GeneratorHost {
    return {
      model: this,
      inputCount: () => (this.graph ? this.graph.inputs.length : 1),
      requireCompiled: (method) => this.requireCompiled(method),
      standardize: (method, x, y, w, classWeight, allowNonFinite) => this.standardize(method, x, y, w, classWeight, allowNonFinite),
      callbackList: (callbacks, verbose, extra) => this.callbackList(callbacks, verbose, extra),
      asResult: (compiled, logs) => this.asResult(compiled, logs),
      hostInputs: (method, x) => this.hostInputs(method, x),
      setHistory: (h) => { this.history = h; },
      setRun: (run) => { this.run = run; },
    };
  }

  /**
   * Saves the architecture, the weights and (unless `includeOptimizer: false`) the training
   * config with the optimizer state, in the TensorFlow.js layers format: a directory in Node
   * ('/dir' or 'file:///dir', written as model.json + weights.bin) or any IOHandler.
   */
  async save(pathOrHandler: string | IOHandler, options?: SaveOptions): Promise<SaveResult> {
    this.checkAlive('save');
    return saveModel(this, pathOrHandler, options);
  }

  /** Saves the weights alone (Keras's save_weights): a folder gets model-weights.json + model-weights.bin. */
  async saveWeights(pathOrHandler: string | IOHandler): Promise<SaveResult> {
    this.checkAlive('saveWeights');
    return saveWeights(this, pathOrHandler);
  }

  /** Sets the weights from saveWeights' (or save's) files, matched by name (Keras's load_weights). */
  async loadWeights(pathOrHandler: string | IOHandler, options?: LoadWeightsOptions): Promise<void> {
    this.checkAlive('loadWeights');
    return loadWeights(this, pathOrHandler, options);
  }
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

/** `model({ inputs, outputs, name })`: tfjs's factory for `new Model(...)`. */
export function model(args: ModelArgs): Model {
  return new Model(args);
}
