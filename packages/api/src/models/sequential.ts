import type { Tensor } from '../tensor/tensor.js';
import { Layer } from '../layers/layer.js';
import type { LayerVariable } from '../layers/variable.js';
import { fmtKerasShape, type Shape } from '../layers/shape.js';
import { uniqueName } from '../layers/layer.js';
import { tidy } from '../engine/scope.js';
import { rng, type Random } from '../ops/random.js';
import type { TensorLike } from '../ops/create.js';
import { Dataset, isSequence, type SequenceLike } from '@layerwise/data';
import { History } from '../callbacks/history.js';
import { CallbackList, isCallbackLike, type Callback, type CallbackHooks, type CallbackParams, type Logs } from '../callbacks/callback.js';
import { progressCallback } from '../callbacks/progress.js';
import type { Optimizer } from '../optimizers/optimizer.js';
import { Compiled } from '../training/compiled.js';
import type { CompileArgs } from '../training/compile-args.js';
import { ArrayProvider } from '../training/array-provider.js';
import { evaluateLoop, fitLoop, type BatchProvider } from '../training/loop.js';
import { numSamples, sliceRows, toHostTensor, upload, type HostTensor } from '../training/host-data.js';
import { testStep, trainStep } from '../training/step.js';
import { predictLoop } from '../training/predict-loop.js';
import { checkInput, checkSampleWeight, classWeightsToSampleWeights, standardizeTarget } from '../training/standardize.js';
import type { ShuffleMode } from '../training/batch-order.js';
import { summaryLines } from './summary.js';
import { saveModel, type SaveOptions } from '../saving/save-model.js';
import type { IOHandler, SaveResult } from '../saving/artifacts.js';
import {
  runEvaluateGenerator, runFitGenerator, runPredictGenerator, type EvaluateGeneratorArgs, type FitGeneratorArgs,
  type GeneratorHost, type GeneratorInput, type PredictGeneratorArgs,
} from './generator-methods.js';

export interface SequentialArgs {
  layers?: Layer[];
  name?: string;
}

export type ValidationData = [TensorLike, TensorLike] | [TensorLike, TensorLike, TensorLike];

export interface FitArgs {
  batchSize?: number;
  epochs?: number;
  verbose?: 0 | 1 | 2;
  callbacks?: (Callback | CallbackHooks)[];
  validationSplit?: number;
  validationData?: ValidationData;
  shuffle?: ShuffleMode;
  classWeight?: Record<number, number>;
  sampleWeight?: TensorLike;
  initialEpoch?: number;
  stepsPerEpoch?: number;
  validationSteps?: number;
  /** Seeds the shuffling of this call (else the global generator, see setRandomSeed). */
  seed?: number;
}

export interface EvaluateArgs {
  batchSize?: number;
  verbose?: 0 | 1 | 2;
  sampleWeight?: TensorLike;
  steps?: number;
}

export interface PredictArgs {
  batchSize?: number;
  verbose?: 0 | 1 | 2;
  steps?: number;
}

function checkPositiveInt(method: string, name: string, v: number | undefined): void {
  if (v !== undefined && (!Number.isInteger(v) || v < 1)) throw new Error(`${method}: '${name}' must be a positive integer, got ${v}`);
}

/** A linear stack of layers: the Keras 2 Sequential model. */
export class Sequential {
  readonly name: string;
  private readonly stack: Layer[] = [];
  private compiled: Compiled | null = null;
  private busy: string | null = null;
  /** Set from a callback to end training after the current batch. */
  stopTraining = false;
  /** The History of the latest fit or fitGenerator (kept even when it ended with an error). */
  history: History | null = null;

  constructor(args: SequentialArgs = {}) {
    this.name = args.name ?? uniqueName('sequential');
    for (const layer of args.layers ?? []) this.add(layer);
  }

  get layers(): Layer[] {
    return this.stack.slice();
  }

  get optimizer(): Optimizer | null {
    return this.compiled?.optimizer ?? null;
  }

  /** ['loss', ...metric names] once compiled (Keras's metrics_names). */
  get metricsNames(): string[] {
    return this.compiled ? this.compiled.metricsNames : [];
  }

  get built(): boolean {
    return this.stack.length > 0 && this.stack.every((l) => l.built && l.outputShape !== null);
  }

  get inputShape(): Shape | null {
    return (this.stack[0]?.inputShape as Shape | null) ?? this.stack[0]?.batchInputShape ?? null;
  }

  get outputShape(): Shape | null {
    return (this.stack[this.stack.length - 1]?.outputShape as Shape | null) ?? null;
  }

  /** The name Keras gives the single output (the last layer's). */
  get outputName(): string {
    const last = this.stack[this.stack.length - 1];
    if (!last) throw new Error(`${this.name}: the model has no layers`);
    return last.name;
  }

  add(layer: Layer): void {
    if (!(layer instanceof Layer)) throw new Error(`${this.name}.add: expected a Layer, got ${layer === null ? 'null' : typeof layer}`);
    if (this.stack.some((l) => l.name === layer.name)) {
      throw new Error(`${this.name}.add: a layer named '${layer.name}' is already in the model; layer names must be unique`);
    }
    if (this.stack.length > 0 && layer.batchInputShape && this.built) {
      const prev = this.outputShape!;
      const mismatch = layer.batchInputShape.length !== prev.length || layer.batchInputShape.some((d, i) => i > 0 && d !== null && d !== prev[i]);
      if (mismatch) {
        throw new Error(`${this.name}.add: layer '${layer.name}' declares input shape ${fmtKerasShape(layer.batchInputShape)} but the previous layer outputs ${fmtKerasShape(prev)}`);
      }
    }
    this.stack.push(layer);
    try {
      if (this.stack.length === 1 && layer.batchInputShape) this.build(layer.batchInputShape);
      else if (this.stack.length > 1 && this.stack[this.stack.length - 2].outputShape) {
        layer.buildFor(this.stack[this.stack.length - 2].outputShape!);
      }
    } catch (err) {
      this.stack.pop();
      throw err;
    }
  }

  pop(): Layer {
    const layer = this.stack.pop();
    if (!layer) throw new Error(`${this.name}.pop: there are no layers in the model`);
    return layer;
  }

  /** Builds every layer for inputs of `inputShape` (batch axis included, null = any). */
  build(inputShape?: Shape): void {
    const shape = inputShape ?? this.stack[0]?.batchInputShape;
    if (!shape) throw new Error(`${this.name}.build: give an input shape, or an inputShape on the first layer`);
    let current: Shape = shape.slice();
    for (const layer of this.stack) {
      try {
        current = layer.buildFor(current) as Shape;
      } catch (err) {
        const msg = err instanceof Error ? err.message : String(err);
        throw new Error(msg.startsWith(layer.name) ? msg : `${layer.name}: ${msg}`, { cause: err });
      }
    }
  }

  private ensureBuilt(method: string, x: HostTensor): void {
    if (this.stack.length === 0) throw new Error(`${method}: the model has no layers; add some first`);
    if (!this.built) this.build([null, ...x.shape.slice(1)]);
    // Compiled before the output shape was known: resolve 'acc' and friends again now.
    if (this.compiled?.provisional) this.compiled = new Compiled(this.compiled.args, this.outputName, this.outputShape, this.compiled.optimizer);
  }

  getLayer(name?: string, index?: number): Layer {
    if (index !== undefined) {
      if (!Number.isInteger(index) || index < 0 || index >= this.stack.length) {
        throw new Error(`getLayer: index ${index} is out of range; the model has ${this.stack.length} layers`);
      }
      return this.stack[index];
    }
    if (name === undefined) throw new Error('getLayer: give a name or an index');
    const layer = this.stack.find((l) => l.name === name);
    if (!layer) throw new Error(`getLayer: no layer named '${name}'; layers: ${this.stack.map((l) => l.name).join(', ')}`);
    return layer;
  }

  get trainableWeights(): LayerVariable[] {
    return this.stack.flatMap((l) => l.trainableWeights);
  }

  get nonTrainableWeights(): LayerVariable[] {
    return this.stack.flatMap((l) => l.nonTrainableWeights);
  }

  /** Every layer's weights, layer by layer, each in Keras's order. */
  get weights(): LayerVariable[] {
    return this.stack.flatMap((l) => l.weights);
  }

  getWeights(): Tensor[] {
    return this.stack.flatMap((l) => l.getWeights());
  }

  setWeights(weights: readonly Tensor[]): void {
    const expected = this.stack.reduce((n, l) => n + l.weights.length, 0);
    if (weights.length !== expected) {
      throw new Error(`${this.name}.setWeights: expected ${expected} weights, got ${weights.length}`);
    }
    // Validate every layer before assigning any, so a bad list changes nothing.
    let offset = 0;
    const plan = this.stack.map((l) => {
      const part = weights.slice(offset, offset + l.weights.length);
      offset += l.weights.length;
      l.weights.forEach((w, i) => {
        if (w.shape.join(',') !== part[i].shape.join(',')) {
          throw new Error(`${this.name}.setWeights: weight '${w.name}' must have shape [${w.shape}], got [${part[i].shape}]`);
        }
      });
      return [l, part] as const;
    });
    for (const [l, part] of plan) l.setWeights(part);
  }

  countParams(): number {
    return this.stack.reduce((n, l) => n + l.countParams(), 0);
  }

  summary(lineLength?: number, positions?: number[], printFn: (line: string) => void = console.log): void {
    if (!this.built) throw new Error(`${this.name}.summary: the model is not built yet; give the first layer an inputShape, or call build() or fit() first`);
    for (const line of summaryLines(this.stack, lineLength, positions)) printFn(line);
  }

  /** @internal The forward pass, carrying the mask from layer to layer. */
  forward(x: Tensor, training: boolean): { output: Tensor; mask: Tensor | null } {
    let y = x;
    let mask: Tensor | null = null;
    for (const layer of this.stack) {
      const out = layer.apply(y, { training, mask });
      mask = layer.computeMask(y, mask) as Tensor | null;
      y = out;
    }
    return { output: y, mask };
  }

  regularizationLosses(): Tensor[] {
    return this.stack.flatMap((l) => l.regularizationLosses());
  }

  compile(args: CompileArgs): void {
    if (this.busy) throw new Error(`compile: the model is running ${this.busy}; await it before compiling again`);
    const previous = this.compiled;
    this.compiled = new Compiled(args, this.stack.length > 0 ? this.outputName : 'output', this.outputShape);
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

  /** x, y and sample weights on the host, checked against the model and the loss. */
  private async standardize(method: string, compiledBefore: Compiled, xLike: TensorLike, yLike: TensorLike | undefined,
    sampleWeight: TensorLike | undefined, classWeight: Record<number, number> | undefined) {
    if (xLike === undefined || xLike === null) throw new Error(`${method}: 'x' is required`);
    let compiled = compiledBefore;
    const x = await toHostTensor(xLike, `${method}: 'x'`);
    this.ensureBuilt(method, x);
    compiled = this.compiled!;
    checkInput(method, x, this.inputShape);
    const n = numSamples(x);
    let yHost: HostTensor;
    if (yLike === undefined || yLike === null) {
      if (!compiled.targetTensor) throw new Error(`${method}: 'y' is required (or compile with targetTensors)`);
      yHost = await toHostTensor(compiled.targetTensor, `${method}: targetTensors`);
    } else {
      yHost = await toHostTensor(yLike, `${method}: 'y'`);
    }
    const y = standardizeTarget(method, yHost, n, this.outputShape, this.outputName, compiled.loss.name);
    let w: HostTensor | null = null;
    if (sampleWeight !== undefined && sampleWeight !== null) {
      w = checkSampleWeight(method, await toHostTensor(sampleWeight, `${method}: 'sampleWeight'`), n, compiled.temporal, y);
    } else if (classWeight !== undefined && classWeight !== null) {
      if (typeof classWeight !== 'object') throw new Error(`${method}: 'classWeight' must map class index to weight, got ${typeof classWeight}`);
      w = classWeightsToSampleWeights(method, y, classWeight);
    }
    return { x, y, w, n, compiled };
  }

  private callbackList(callbacks: (Callback | CallbackHooks)[] | undefined, verbose: 0 | 1 | 2, extra: (Callback | CallbackHooks)[]): CallbackList {
    const list = callbacks ?? [];
    if (!Array.isArray(list)) throw new Error(`fit: 'callbacks' must be an array, got ${typeof list}`);
    list.forEach((c, i) => {
      if (!isCallbackLike(c)) throw new Error(`fit: callbacks[${i}] is not a Callback or an object with hook methods`);
    });
    // Keras 2's order: the progress bar, the user's callbacks, then History (which so sees
    // keys callbacks add to the logs, such as ReduceLROnPlateau's 'lr').
    const progress = progressCallback(verbose);
    const all = [...(progress ? [progress] : []), ...list, ...extra];
    const cbl = new CallbackList(all);
    cbl.setModel(this);
    return cbl;
  }

  async fit(x: TensorLike | Dataset<unknown> | SequenceLike<unknown>, y?: TensorLike, args: FitArgs = {}): Promise<History> {
    // Keras 3: fit takes a Dataset or Sequence directly (then y is not given).
    if (x instanceof Dataset || isSequence(x)) {
      if (y !== undefined) throw new Error("fit: 'y' must be omitted when 'x' is a Dataset or Sequence (it yields [x, y] batches)");
      if (args.validationSplit || args.sampleWeight !== undefined) {
        throw new Error("fit: 'validationSplit' and 'sampleWeight' do not apply to a Dataset or Sequence (give validationData, and yield [x, y, sampleWeight])");
      }
      const { shuffle, validationData, ...rest } = args;
      return this.fitGenerator(x, { ...rest, validationData, shuffle: shuffle !== false });
    }
    const xData = x as TensorLike;
    return this.exclusive('fit', async () => {
      const compiledArg = this.requireCompiled('fit');
      const method = 'fit';
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

      const data = await this.standardize(method, compiledArg, xData, y, args.sampleWeight, args.classWeight);
      const compiled = data.compiled;
      let train = data;
      let validation: { x: HostTensor; y: HostTensor; w: HostTensor | null } | null = null;
      if (args.validationData !== undefined) {
        const v = args.validationData;
        if (!Array.isArray(v) || (v.length !== 2 && v.length !== 3)) {
          throw new Error('fit: \'validationData\' must be [x, y] or [x, y, sampleWeight]');
        }
        const vd = await this.standardize(method, compiledArg, v[0], v[1], v[2], undefined);
        validation = vd;
      } else if (split > 0) {
        // Keras 2: the last fraction of the samples, taken before any shuffling.
        const at = Math.floor(data.n * (1 - split));
        if (at === 0 || at === data.n) {
          throw new Error(`fit: 'validationSplit' ${split} of ${data.n} samples leaves an empty ${at === 0 ? 'training' : 'validation'} set`);
        }
        const cut = (h: HostTensor | null, from: number, to: number) => (h ? sliceRows(h, from, to) : null);
        train = { ...data, x: sliceRows(data.x, 0, at), y: sliceRows(data.y, 0, at), w: cut(data.w, 0, at), n: at };
        validation = { x: sliceRows(data.x, at, data.n), y: sliceRows(data.y, at, data.n), w: cut(data.w, at, data.n) };
      }

      const random: Random = rng(args.seed);
      const trainProvider = new ArrayProvider(train.x, train.y, train.w, batchSize, shuffle, random, args.stepsPerEpoch ?? null);
      const valProvider: BatchProvider | null = validation
        ? new ArrayProvider(validation.x, validation.y, validation.w, batchSize, false, random, args.validationSteps ?? null, false)
        : null;
      const history = new History();
      this.history = history;
      const callbacks = this.callbackList(args.callbacks, verbose, [history]);
      const params: CallbackParams = {
        epochs, initialEpoch, verbose, batchSize,
        steps: args.stepsPerEpoch ?? Math.ceil(train.n / batchSize),
        samples: args.stepsPerEpoch ? null : train.n,
        doValidation: validation !== null,
        metrics: [...compiled.metricsNames, ...(validation ? compiled.metricsNames.map((n) => `val_${n}`) : [])],
      };
      callbacks.setParams(params);
      await fitLoop(this, compiled, { epochs, initialEpoch, callbacks, train: trainProvider, validation: valProvider });
      return history;
    });
  }

  async evaluate(x: TensorLike, y?: TensorLike, args: EvaluateArgs = {}): Promise<number | number[]> {
    const compiledArg = this.requireCompiled('evaluate');
    const batchSize = args.batchSize ?? 32;
    checkPositiveInt('evaluate', 'batchSize', batchSize);
    checkPositiveInt('evaluate', 'steps', args.steps);
    const data = await this.standardize('evaluate', compiledArg, x, y, args.sampleWeight, undefined);
    const compiled = data.compiled.withFreshMetrics();
    const provider = new ArrayProvider(data.x, data.y, data.w, batchSize, false, rng(0), args.steps ?? null, false);
    const verbose = args.verbose ?? 1;
    const progress = progressCallback(verbose, 'evaluate');
    const callbacks = progress ? new CallbackList([progress]) : null;
    const steps = Math.min(args.steps ?? Infinity, Math.ceil(data.n / batchSize));
    callbacks?.setParams({ epochs: 1, initialEpoch: 0, verbose, batchSize, steps, samples: Math.min(data.n, steps * batchSize), doValidation: false, metrics: compiled.metricsNames });
    const logs = await evaluateLoop(this, compiled, provider, callbacks);
    return this.asResult(compiled, logs);
  }

  private asResult(compiled: Compiled, logs: Logs): number | number[] {
    const values = compiled.metricsNames.map((n) => logs[n]);
    return values.length === 1 ? values[0] : values;
  }

  async predict(xLike: TensorLike, args: PredictArgs = {}): Promise<Tensor> {
    const batchSize = args.batchSize ?? 32;
    checkPositiveInt('predict', 'batchSize', batchSize);
    checkPositiveInt('predict', 'steps', args.steps);
    const x = await toHostTensor(xLike, "predict: 'x'");
    this.ensureBuilt('predict', x);
    checkInput('predict', x, this.inputShape);
    const n = numSamples(x);
    const end = args.steps !== undefined ? Math.min(n, args.steps * batchSize) : n;
    function* batches() {
      for (let start = 0; start < end; start += batchSize) yield sliceRows(x, start, Math.min(start + batchSize, end));
    }
    return predictLoop(this, batches(), 'predict: no samples to predict');
  }

  async predictOnBatch(x: TensorLike): Promise<Tensor> {
    const host = await toHostTensor(x, "predictOnBatch: 'x'");
    this.ensureBuilt('predictOnBatch', host);
    checkInput('predictOnBatch', host, this.inputShape);
    return tidy(() => this.forward(upload(host), false).output);
  }

  async trainOnBatch(x: TensorLike, y?: TensorLike, args: { sampleWeight?: TensorLike; classWeight?: Record<number, number> } = {}): Promise<number | number[]> {
    return this.exclusive('trainOnBatch', async () => {
      const compiledArg = this.requireCompiled('trainOnBatch');
      const data = await this.standardize('trainOnBatch', compiledArg, x, y, args.sampleWeight, args.classWeight);
      const compiled = data.compiled;
      compiled.resetMetrics();
      const stats = await trainStep(this, compiled, data);
      return this.batchResult(compiled, stats, data.n);
    });
  }

  async testOnBatch(x: TensorLike, y?: TensorLike, args: { sampleWeight?: TensorLike } = {}): Promise<number | number[]> {
    const compiledArg = this.requireCompiled('testOnBatch');
    const data = await this.standardize('testOnBatch', compiledArg, x, y, args.sampleWeight, undefined);
    const compiled = data.compiled.withFreshMetrics();
    const stats = await testStep(this, compiled, data);
    return this.batchResult(compiled, stats, data.n);
  }

  private batchResult(compiled: Compiled, stats: Float32Array, n: number): number | number[] {
    const loss = compiled.accumulate(stats, n);
    const values = [loss, ...compiled.allMetrics.map((m) => m.result())];
    return values.length === 1 ? values[0] : values;
  }

  /** Frees every weight and optimizer slot. The model cannot be used afterwards. */
  dispose(): void {
    for (const l of this.stack) l.dispose();
    this.compiled?.optimizer.dispose();
  }

  /** @internal */
  get compileState(): Compiled | null {
    return this.compiled;
  }

  /**
   * Trains on batches from a generator, Dataset or Sequence (Keras 2 fit_generator). A plain
   * generator is pulled `stepsPerEpoch` batches an epoch; a Sequence knows its length.
   */
  async fitGenerator(generator: GeneratorInput, args: FitGeneratorArgs = {}): Promise<History> {
    return this.exclusive('fitGenerator', () => runFitGenerator(this.generatorHost(), generator, args));
  }

  /** Loss and metrics over `steps` batches of a generator (Keras 2 evaluate_generator). */
  async evaluateGenerator(generator: GeneratorInput, args: EvaluateGeneratorArgs = {}): Promise<number | number[]> {
    return runEvaluateGenerator(this.generatorHost(), generator, args);
  }

  /** Predictions for `steps` batches of a generator, concatenated (Keras 2 predict_generator). */
  async predictGenerator(generator: GeneratorInput, args: PredictGeneratorArgs = {}): Promise<Tensor> {
    return runPredictGenerator(this.generatorHost(), generator, args);
  }

  /** What the generator methods need from this model (kept off the public surface). */
  private generatorHost(): GeneratorHost {
    return {
      model: this,
      requireCompiled: (method) => this.requireCompiled(method),
      standardize: (method, compiled, x, y, w, classWeight) => this.standardize(method, compiled, x, y, w, classWeight),
      callbackList: (callbacks, verbose, extra) => this.callbackList(callbacks, verbose, extra),
      asResult: (compiled, logs) => this.asResult(compiled, logs),
      checkInput: (method, x) => {
        this.ensureBuilt(method, x);
        checkInput(method, x, this.inputShape);
      },
      setHistory: (h) => { this.history = h; },
    };
  }

  /**
   * Saves the architecture, the weights and (unless `includeOptimizer: false`) the training
   * config with the optimizer state, in the TensorFlow.js layers format: a directory in Node
   * ('/dir' or 'file:///dir', written as model.json + weights.bin) or any IOHandler.
   */
  async save(pathOrHandler: string | IOHandler, options?: SaveOptions): Promise<SaveResult> {
    return saveModel(this, pathOrHandler, options);
  }
}

