// One rule for every options object: Keras's snake_case spellings are aliases of the camelCase
// names (same results, compared as numbers), and any other key is an error naming it, where it
// was given and the closest known option, raised before anything changes.
import { describe, expect, it } from 'vitest';
import {
  callbacks, constraints, initializers, Layer, layers, loadModel, metrics, model, optimizers, regularizers, saving,
  Sequential, sequential, setRandomSeed, tensor, train, type Tensor,
} from '@layerwise/api';
import { Dataset } from '@layerwise/data';

const vals = (t: Tensor): number[] => Array.from(t.dataSync());
// Plain-JS callers: options typed loosely, as a port from Keras or tfjs writes them.
type Loose = Record<string, unknown>;
const loose = <F extends (...a: never[]) => unknown>(f: F) => f as unknown as (...a: unknown[]) => ReturnType<F>;

const X = [[0.5, -1, 2], [1, 0, -0.5], [-1, 2, 0.25], [0.3, 0.3, 0.3]];
const Y = [[1], [0], [1], [0]];

/** A one-Dense model with fixed weights (so two runs start from the same point). */
function denseModel(): Sequential {
  const m = new Sequential({ layers: [layers.dense({ units: 1, inputShape: [3], activation: 'sigmoid' })] });
  m.setWeights([tensor([[0.1], [-0.2], [0.3]]), tensor([0.05])]);
  return m;
}

describe('layers: snake_case spellings give the same layer as camelCase', () => {
  it("lstm return_sequences: output [batch, time, units], as returnSequences gives", () => {
    const x = tensor([[[1, 0], [0, 1], [1, 1]]]);
    const snake = loose(layers.lstm)({ units: 4, return_sequences: true, kernel_initializer: 'ones', recurrent_initializer: 'ones' }) as Layer;
    const camel = layers.lstm({ units: 4, returnSequences: true, kernelInitializer: 'ones', recurrentInitializer: 'ones' });
    const plain = layers.lstm({ units: 4, kernelInitializer: 'ones', recurrentInitializer: 'ones' });
    const ys = snake.apply(x) as Tensor;
    const yc = camel.apply(x) as Tensor;
    expect(ys.shape).toEqual([1, 3, 4]);
    expect(vals(ys)).toEqual(vals(yc));
    expect((plain.apply(x) as Tensor).shape).toEqual([1, 4]);
  });

  it('dense input_shape builds the model; use_bias false leaves no bias weight', () => {
    const m = new Sequential({ layers: [loose(layers.dense)({ units: 2, input_shape: [3], use_bias: false }) as Layer] });
    expect(m.built).toBe(true);
    expect(m.getWeights().map((w) => w.shape)).toEqual([[3, 2]]);
    const withBias = new Sequential({ layers: [layers.dense({ units: 2, inputShape: [3] })] });
    expect(withBias.getWeights().map((w) => w.shape)).toEqual([[3, 2], [2]]);
  });

  it('dense kernel_initializer and bias_initializer set the weights as the camelCase names do', () => {
    const d = loose(layers.dense)({ units: 2, input_dim: 3, kernel_initializer: 'ones', bias_initializer: { className: 'Constant', config: { value: 0.5 } } }) as Layer;
    const m = new Sequential({ layers: [d] });
    expect(m.getWeights().map(vals)).toEqual([[1, 1, 1, 1, 1, 1], [0.5, 0.5]]);
  });

  it('maxPooling2d pool_size [3, 3]: pools by 3 (a 6x6 input becomes 2x2), as poolSize does', () => {
    const x = tensor(Array.from({ length: 36 }, (_, i) => i), [1, 6, 6, 1]);
    const snake = loose(layers.maxPooling2d)({ pool_size: [3, 3] }) as Layer;
    const y = snake.apply(x) as Tensor;
    expect(y.shape).toEqual([1, 2, 2, 1]);
    // The max of each 3x3 block of 0..35 (row-major) is its bottom-right element.
    expect(vals(y)).toEqual([14, 17, 32, 35]);
    expect(vals(layers.maxPooling2d({ poolSize: [3, 3] }).apply(x) as Tensor)).toEqual([14, 17, 32, 35]);
  });

  it('conv2d kernel_size/data_format/dilation_rate, dropout noise_shape, embedding input_dim/output_dim, bidirectional merge_mode', () => {
    const conv = loose(layers.conv2d)({ filters: 2, kernel_size: [2, 2], data_format: 'channelsLast', dilation_rate: 1, padding: 'same' }) as layers.Conv2D;
    expect(conv.getConfig()).toEqual(layers.conv2d({ filters: 2, kernelSize: [2, 2], padding: 'same', name: conv.name }).getConfig());
    const emb = loose(layers.embedding)({ input_dim: 7, output_dim: 3, mask_zero: true }) as layers.Embedding;
    expect([emb.inputDim, emb.outputDim, emb.maskZero]).toEqual([7, 3, true]);
    const bi = loose(layers.bidirectional)({ layer: layers.simpleRNN({ units: 2 }), merge_mode: 'sum' }) as layers.Bidirectional;
    expect(bi.mergeMode).toBe('sum');
    const cell = loose(layers.lstmCell)({ units: 3, unit_forget_bias: false, recurrent_dropout: 0.25 }) as layers.LSTMCell;
    expect([cell.unitForgetBias, cell.recurrentDropout]).toEqual([false, 0.25]);
  });

  it("Keras's arguments layerwise has no setting for: accepted where they change nothing, refused where they would", () => {
    expect(() => loose(layers.dense)({ units: 1, weights: null })).not.toThrow();
    expect(() => loose(layers.dense)({ units: 1, weights: [tensor([[1]])] }))
      .toThrow("Dense: 'weights' = an array of 1 is not supported: initial weights are not taken at construction");
    expect(() => loose(model)({ inputs: layers.input({ shape: [2] }), outputs: [], unitz: 1 })).toThrow("Model: unknown option 'unitz'");
    expect(() => loose(layers.input)({ shape: [2], sparse: true })).toThrow("input: 'sparse' = true is not supported");
  });

  it("two spellings of one option are an error (unless they agree)", () => {
    expect(() => loose(layers.dense)({ units: 1, useBias: false, use_bias: true }))
      .toThrow("Dense: 'useBias' and 'use_bias' name the same option (useBias); give one");
    expect((loose(layers.dense)({ units: 1, useBias: false, use_bias: false }) as layers.Dense).useBias).toBe(false);
  });
});

describe('unknown options are refused, naming the key, where it was given and the closest known option', () => {
  it("dense({ unitz }) names 'unitz' and suggests 'units'; a named layer is named", () => {
    expect(() => loose(layers.dense)({ unitz: 3 })).toThrow("Dense: unknown option 'unitz'; did you mean 'units'?");
    expect(() => loose(layers.dense)({ unitz: 3, name: 'd1' })).toThrow("Dense 'd1': unknown option 'unitz'; did you mean 'units'?");
    // The suggestion is in the caller's style: snake_case for snake_case.
    expect(() => loose(layers.lstm)({ units: 2, return_sequence: true })).toThrow("LSTM: unknown option 'return_sequence'; did you mean 'return_sequences'?");
    // A far miss names the closest option and lists the known ones.
    expect(() => loose(layers.flatten)({ banana: 1 })).toThrow(/Flatten: unknown option 'banana'; the closest known option is '\w+'; known options: name, trainable, inputShape/);
  });

  it('the error comes before any state changes: no name is taken, no weight or optimizer step moves', async () => {
    const a = layers.dense({ units: 1 });
    expect(() => loose(layers.dense)({ unitz: 1 })).toThrow();
    const b = layers.dense({ units: 1 });
    const n = (s: string) => Number(s.split('_').pop());
    expect(n(b.name)).toBe(n(a.name) + 1);

    const m = denseModel();
    m.compile({ optimizer: 'sgd', loss: 'binaryCrossentropy' });
    const before = m.getWeights().map(vals);
    await expect(loose(m.fit.bind(m))(tensor(X), tensor(Y), { epochs: 1, batchsize: 2 }))
      .rejects.toThrow("fit: unknown option 'batchsize'; did you mean 'batchSize'?");
    expect(m.getWeights().map(vals)).toEqual(before);
    expect(m.optimizer?.iterations).toBe(0);
    expect(() => loose(m.compile.bind(m))({ optimizer: 'sgd', loss: 'mse', metric: ['acc'] })).toThrow("compile: unknown option 'metric'; did you mean 'metrics'?");
  });

  it('optimizers, callbacks, initializers, regularizers, constraints, metrics, data and saving options alike', async () => {
    expect(() => loose(optimizers.adam)({ lerningRate: 0.1 })).toThrow("Adam: unknown option 'lerningRate'; did you mean 'learningRate'?");
    expect(() => new (optimizers.SGD as unknown as new (a: Loose) => unknown)({ momentom: 0.9 })).toThrow("SGD: unknown option 'momentom'; did you mean 'momentum'?");
    expect(() => new (callbacks.EarlyStopping as unknown as new (a: Loose) => unknown)({ patient: 2 })).toThrow("EarlyStopping: unknown option 'patient'; did you mean 'patience'?");
    expect(() => new (initializers.RandomNormal as unknown as new (a: Loose) => unknown)({ stdev: 1 })).toThrow("RandomNormal: unknown option 'stdev'; did you mean 'stddev'?");
    expect(() => loose(regularizers.l1l2)({ l3: 1 })).toThrow("L1L2: unknown option 'l3'; did you mean 'l1'?");
    expect(() => loose(constraints.maxNorm)({ max_valu: 2 })).toThrow("MaxNorm: unknown option 'max_valu'; did you mean 'max_value'?");
    expect(() => new (metrics.AUC as unknown as new (a: Loose) => unknown)({ num_threshold: 10 })).toThrow("AUC: unknown option 'num_threshold'; did you mean 'num_thresholds'?");
    expect(() => loose(Dataset.fromArrays([1, 2]).batch.bind(Dataset.fromArrays([1, 2])))(1, { dropReminder: true }))
      .toThrow("batch: unknown option 'dropReminder'; did you mean 'dropRemainder'?");
    await expect(loose(loadModel)('/nonexistent', { custom_object: {} })).rejects.toThrow("loadModel('/nonexistent'): unknown option 'custom_object'; did you mean 'custom_objects'?");
    const m = denseModel();
    await expect(loose(saving.modelArtifacts)(m, { include_optimiser: false })).rejects.toThrow("save: unknown option 'include_optimiser'; did you mean 'include_optimizer'?");
  });

  it("a plain callback object: an on... key that names no hook is an error", async () => {
    const m = denseModel();
    m.compile({ optimizer: 'sgd', loss: 'binaryCrossentropy' });
    await expect(m.fit(tensor(X), tensor(Y), { epochs: 1, verbose: 0, callbacks: [{ onEpochEnds: () => {} } as never] }))
      .rejects.toThrow("fit: callbacks[0]: unknown option 'onEpochEnds'; did you mean 'onEpochEnd'?");
    expect(m.optimizer?.iterations).toBe(0);
  });
});

describe('model methods: snake_case options give the same run as camelCase', () => {
  async function fitWith(opts: Loose): Promise<{ history: Record<string, number[]>; batches: number; weights: number[][] }> {
    const m = denseModel();
    m.compile({ optimizer: optimizers.sgd({ learningRate: 0.5 }), loss: 'binaryCrossentropy' });
    let batches = 0;
    const h = await loose(m.fit.bind(m))(tensor(X), tensor(Y), { epochs: 2, verbose: 0, shuffle: false, callbacks: [{ onBatchEnd: () => { batches++; } }], ...opts });
    return { history: h.history, batches, weights: m.getWeights().map(vals) };
  }

  it('fit batch_size and validation_split: 2 train batches an epoch (of 2 samples), val_loss recorded, numbers as camelCase', async () => {
    const snake = await fitWith({ batch_size: 1, validation_split: 0.5 });
    const camel = await fitWith({ batchSize: 1, validationSplit: 0.5 });
    const none = await fitWith({});
    expect(snake.batches).toBe(4);
    expect(none.batches).toBe(2);
    expect(Object.keys(snake.history).sort()).toEqual(['loss', 'val_loss']);
    expect(Object.keys(none.history)).toEqual(['loss']);
    expect(snake.history).toEqual(camel.history);
    expect(snake.weights).toEqual(camel.weights);
    expect(snake.weights).not.toEqual(none.weights);
  });

  it('fit initial_epoch/steps_per_epoch, compile loss_weights, evaluate batch_size/return_dict, predict batch_size', async () => {
    const a = await fitWith({ initial_epoch: 1 });
    expect(a.batches).toBe(1);
    const m = denseModel();
    loose(m.compile.bind(m))({ optimizer: 'sgd', loss: 'mse', loss_weights: [2] });
    const doubled = (await m.evaluate(tensor(X), tensor(Y), { verbose: 0 })) as number;
    m.compile({ optimizer: 'sgd', loss: 'mse' });
    const plain = (await m.evaluate(tensor(X), tensor(Y), { verbose: 0 })) as number;
    expect(doubled).toBeCloseTo(2 * plain, 6);
    const dict = await loose(m.evaluate.bind(m))(tensor(X), tensor(Y), { batch_size: 3, return_dict: true, verbose: 0 }) as Record<string, number>;
    expect(dict.loss).toBeCloseTo(plain, 6);
    const p = await loose(m.predict.bind(m))(tensor(X), { batch_size: 3 }) as Tensor;
    expect(vals(p)).toEqual(vals(await m.predict(tensor(X))));
  });

  it('trainOnBatch class_weight and fitGenerator steps_per_epoch as their camelCase', async () => {
    const run = async (opts: Loose) => {
      const m = denseModel();
      m.compile({ optimizer: optimizers.sgd({ learningRate: 0.5 }), loss: 'binaryCrossentropy' });
      await loose(m.trainOnBatch.bind(m))(tensor(X), tensor(Y), opts);
      return m.getWeights().map(vals);
    };
    expect(await run({ class_weight: { 0: 3, 1: 1 } })).toEqual(await run({ classWeight: { 0: 3, 1: 1 } }));
    expect(await run({ class_weight: { 0: 3, 1: 1 } })).not.toEqual(await run({}));
    const m = denseModel();
    m.compile({ optimizer: 'sgd', loss: 'binaryCrossentropy' });
    let batches = 0;
    function* gen() { for (;;) yield [X, Y]; }
    await loose(m.fitGenerator.bind(m))(gen(), { steps_per_epoch: 3, epochs: 1, verbose: 0, callbacks: { on_batch_end: () => { batches++; } } });
    expect(batches).toBe(3);
  });
});

describe('optimizers: Keras spellings train as the camelCase ones', () => {
  async function oneStep(optimizer: optimizers.Optimizer): Promise<number[][]> {
    const m = denseModel();
    m.compile({ optimizer, loss: 'binaryCrossentropy' });
    await m.trainOnBatch(tensor(X), tensor(Y));
    return m.getWeights().map(vals);
  }

  it('RMSprop({ lr: 0.01 }) trains at 0.01: the weights after one step equal learningRate 0.01s, not the default 0.001s', async () => {
    const RMS = optimizers.RMSprop as unknown as new (a: Loose) => optimizers.Optimizer;
    const lr = await oneStep(new RMS({ lr: 0.01 }));
    expect(lr).toEqual(await oneStep(new optimizers.RMSprop({ learningRate: 0.01 })));
    expect(lr).not.toEqual(await oneStep(new optimizers.RMSprop()));
    // The first RMSprop step moves each weight by lr * g / (sqrt(0.1 g^2) + eps) ~ lr * sqrt(10).
    const start = [[0.1, -0.2, 0.3], [0.05]];
    lr.flat().forEach((w, i) => expect(Math.abs(w - start.flat()[i])).toBeCloseTo(0.01 * Math.sqrt(10), 4));
  });

  it("Adam's beta_1/beta_2, the factory's number (tfjs's adam(0.01)) and tf.train's forms", async () => {
    const snake = await oneStep(loose(optimizers.adam)({ learning_rate: 0.02, beta_1: 0.5, beta_2: 0.9 }) as optimizers.Optimizer);
    expect(snake).toEqual(await oneStep(optimizers.adam({ learningRate: 0.02, beta1: 0.5, beta2: 0.9 })));
    expect(await oneStep(optimizers.adam(0.01))).toEqual(await oneStep(optimizers.adam({ learningRate: 0.01 })));
    expect(await oneStep(train.sgd(0.3))).toEqual(await oneStep(new optimizers.SGD({ lr: 0.3 })));
    const nadam = loose(optimizers.nadam)({ schedule_decay: 0.01, clipnorm: 1 }) as optimizers.Nadam;
    expect(nadam.scheduleDecay).toBe(0.01);
    // tf.keras's name names nothing in Keras 2: accepted, dropped.
    expect(() => loose(optimizers.sgd)({ name: 'SGD' })).not.toThrow();
  });

  it("schedules read their options the same way", () => {
    const Exp = optimizers.ExponentialDecay as unknown as new (a: Loose) => optimizers.ExponentialDecay;
    const s = new Exp({ initial_learning_rate: 0.1, decay_steps: 10, decay_rate: 0.5 });
    expect(s.at(10)).toBeCloseTo(0.05, 7);
    expect(() => new Exp({ initial_learning_rate: 0.1, decay_steps: 10, decay_rat: 0.5 })).toThrow("ExponentialDecay: unknown option 'decay_rat'; did you mean 'decay_rate'?");
  });
});

describe('callbacks: Keras hook names and option spellings', () => {
  it('a plain object with on_epoch_end / on_batch_end / on_train_begin is called, as with camelCase hooks', async () => {
    const m = denseModel();
    m.compile({ optimizer: 'sgd', loss: 'binaryCrossentropy' });
    const seen: string[] = [];
    await m.fit(tensor(X), tensor(Y), {
      epochs: 2, batchSize: 2, verbose: 0,
      callbacks: { on_train_begin: () => { seen.push('begin'); }, on_epoch_end: (e: number) => { seen.push(`epoch ${e}`); }, on_batch_end: (b: number) => { seen.push(`batch ${b}`); } } as never,
    });
    expect(seen).toEqual(['begin', 'batch 0', 'batch 1', 'epoch 0', 'batch 0', 'batch 1', 'epoch 1']);
  });

  it("a Callback subclass with Keras's on_epoch_end method is called; both spellings of one hook are an error", async () => {
    class KerasStyle extends callbacks.Callback {
      epochs: number[] = [];
      on_epoch_end(epoch: number): void { this.epochs.push(epoch); }
    }
    const cb = new KerasStyle();
    const m = denseModel();
    m.compile({ optimizer: 'sgd', loss: 'binaryCrossentropy' });
    await m.fit(tensor(X), tensor(Y), { epochs: 3, verbose: 0, callbacks: [cb] });
    expect(cb.epochs).toEqual([0, 1, 2]);
    await expect(m.fit(tensor(X), tensor(Y), { epochs: 1, verbose: 0, callbacks: [{ onEpochEnd: () => {}, on_epoch_end: () => {} } as never] }))
      .rejects.toThrow("fit: callbacks[0]: 'on_epoch_end' and 'onEpochEnd' name the same hook; give one");
  });

  it('callback classes and LambdaCallback take snake_case options', async () => {
    const E = callbacks.EarlyStopping as unknown as new (a: Loose) => callbacks.EarlyStopping;
    const e = new E({ min_delta: 0.5, restore_best_weights: true, patience: 2 });
    expect([e.minDelta, e.restoreBestWeights, e.patience]).toEqual([0.5, true, 2]);
    const R = callbacks.ReduceLROnPlateau as unknown as new (a: Loose) => callbacks.ReduceLROnPlateau;
    expect(new R({ min_lr: 0.001, epsilon: 0.1 }).minLr).toBe(0.001);
    const ends: number[] = [];
    const L = callbacks.LambdaCallback as unknown as new (a: Loose) => callbacks.LambdaCallback;
    const m = denseModel();
    m.compile({ optimizer: 'sgd', loss: 'binaryCrossentropy' });
    await m.fit(tensor(X), tensor(Y), { epochs: 2, verbose: 0, callbacks: [new L({ on_epoch_end: (ep: number) => { ends.push(ep); } })] });
    expect(ends).toEqual([0, 1]);
  });
});

describe('initializers, regularizers, constraints, metrics, data: snake_case as camelCase', () => {
  it('same numbers from either spelling', async () => {
    const RU = initializers.RandomUniform as unknown as new (a: Loose) => initializers.RandomUniform;
    expect(vals(new RU({ minval: 2, maxval: 2 }).apply([3]))).toEqual([2, 2, 2]);
    const VS = initializers.VarianceScaling as unknown as new (a: Loose) => initializers.VarianceScaling;
    expect(vals(new VS({ scale: 2, mode: 'fanIn', seed: 3 }).apply([4, 2]))).toEqual(vals(new initializers.VarianceScaling({ scale: 2, mode: 'fanIn', seed: 3 }).apply([4, 2])));
    // Keras 2's l1(l=0.01) / l2(l=0.01).
    expect(loose(regularizers.l2)({ l: 0.3 }).l2).toBe(0.3);
    expect(loose(regularizers.l1)({ l: 0.2 }).l1).toBe(0.2);
    expect(() => loose(regularizers.l1)({ l2: 0.2 })).toThrow("l1: unknown option 'l2'; did you mean 'l1'?");
    const mm = loose(constraints.minMaxNorm)({ min_value: 0.5, max_value: 2, rate: 1 }) as constraints.MinMaxNorm;
    expect(mm.getConfig()).toEqual(constraints.minMaxNorm({ minValue: 0.5, maxValue: 2, rate: 1 }).getConfig());
    const auc = new (metrics.AUC as unknown as new (a: Loose) => metrics.AUC)({ num_thresholds: 7, summation_method: 'minoring' });
    expect([auc.summationMethod, auc.thresholds.length]).toEqual(['minoring', new metrics.AUC({ numThresholds: 7 }).thresholds.length]);
    const batches = await loose(Dataset.fromArrays([1, 2, 3]).batch.bind(Dataset.fromArrays([1, 2, 3])))(2, { drop_remainder: true }) as Dataset<unknown>;
    expect((await batches.toArray()).length).toBe(1);
  });
});

describe('custom layers keep their own options', () => {
  it('a Layer subclass gets its own keys; its base options are read in either spelling', () => {
    class Scale extends Layer {
      readonly className = 'Scale';
      readonly factor: number;
      constructor(args: { factor: number; inputShape?: number[] } & Loose) {
        super(args);
        this.factor = args.factor;
      }
      call(x: Tensor): Tensor { return x; }
    }
    const s = new Scale({ factor: 3, input_shape: [2], name: 'sc' });
    expect([s.factor, s.batchInputShape, s.name]).toEqual([3, [null, 2], 'sc']);
  });

  it('a subclass of a built-in layer passes its own keys through the built-in', () => {
    class Tagged extends layers.Dense {
      readonly tag: string;
      constructor(args: layers.DenseArgs & { tag: string }) {
        super(args);
        this.tag = args.tag;
      }
    }
    const t = new Tagged({ units: 2, tag: 'x', use_bias: false } as never);
    expect([t.tag, t.useBias, t.units]).toEqual(['x', false, 2]);
    // The built-in itself still refuses keys it does not know.
    expect(() => new layers.Dense({ units: 2, tag: 'x' } as never)).toThrow("Dense: unknown option 'tag'");
  });
});

describe('every exported layer, optimizer, callback, schedule, initializer and constraint refuses an unknown key', () => {
  const isClass = (v: unknown): v is new (...a: unknown[]) => unknown => typeof v === 'function' && /^class\b/.test(Function.prototype.toString.call(v));
  const refuses = (make: () => unknown, label: string) => {
    expect(make, label).toThrow(/unknown option 'unitz'/);
  };
  /** Each class and factory of `mod` (less `skip`) is given `{ unitz: 1 }`; returns how many were tried. */
  const sweep = (ns: string, mod: Record<string, unknown>, skip: readonly string[]): number => {
    let n = 0;
    for (const [name, v] of Object.entries(mod)) {
      if (typeof v !== 'function' || skip.includes(name)) continue;
      refuses(() => (isClass(v) ? new v({ unitz: 1 }) : (v as (a: unknown) => unknown)({ unitz: 1 })), `${ns}.${name}`);
      n++;
    }
    return n;
  };
  // Base classes meant for subclassing read their base options leniently (a subclass's keys
  // are its own), so they are left out by name: a new concrete class is swept automatically.
  const LAYER_BASES = ['Layer', 'RNNCell', 'KernelCell', 'GatedCell', 'MultiGateCell', 'OwnCellRNN', 'GatedRNN', 'MultiGateRNN', 'Merge',
    'BaseConv', 'Conv', 'ConvTranspose', 'SeparableConv', 'LocallyConnected', 'SpatialLayer', 'Cropping', 'ZeroPadding', 'UpSampling',
    'Pooling', 'GlobalPooling', 'GlobalAveragePooling', 'GlobalMaxPooling', 'SpatialDropout'];
  const NOT_OPTIONS = ['LayerVariable', 'SymbolicTensor', 'Node', 'registerLayer', 'deserializeLayer', 'registeredLayerClasses', 'uniqueName',
    'isShapeList', 'toList', 'isSymbolic', 'input'];

  it('layers: every factory and every concrete class', () => {
    expect(sweep('layers', layers, [...LAYER_BASES, ...NOT_OPTIONS])).toBeGreaterThan(150);
    expect(() => loose(layers.input)({ shape: [1], unitz: 1 })).toThrow("input: unknown option 'unitz'");
    refuses(() => loose(sequential)({ unitz: 1 }), 'sequential');
    refuses(() => new (Sequential as unknown as new (a: Loose) => unknown)({ unitz: 1 }), 'Sequential');
  });

  it('optimizers and schedules: every class and factory (train.* too)', () => {
    const skip = ['Optimizer', 'LearningRateSchedule', 'getOptimizer', 'deserializeOptimizer', 'deserializeSchedule'];
    expect(sweep('optimizers', optimizers, skip)).toBe(7 + 7 + 5);
    expect(sweep('train', train, [])).toBe(7);
  });

  it('callbacks, initializers and constraints: every class and factory that takes options', () => {
    // These take no options at all (Keras's take no arguments).
    const none = ['History', 'TerminateOnNaN', 'terminateOnNaN', 'Zeros', 'Ones', 'NonNeg', 'nonNeg'];
    const helpers = ['Callback', 'CallbackList', 'isCallbackLike', 'Initializer', 'computeFans', 'getInitializer', 'Constraint', 'getConstraint'];
    expect(sweep('callbacks', callbacks, [...none, ...helpers])).toBe(7 + 7);
    expect(sweep('initializers', initializers, [...none, ...helpers])).toBe(13);
    expect(sweep('constraints', constraints, [...none, ...helpers])).toBe(6);
    for (const M of [metrics.AUC, metrics.Precision, metrics.Recall]) refuses(() => new (M as unknown as new (a: Loose) => unknown)({ unitz: 1 }), M.name);
  });
});

describe('loading is not affected', () => {
  it('a saved model with every option loads back with the same weights and outputs', async () => {
    setRandomSeed(5);
    const m = new Sequential({ layers: [
      layers.lstm({ units: 3, inputShape: [4, 2], returnSequences: true }),
      layers.dense({ units: 2, useBias: false, kernelInitializer: 'ones' }),
    ] });
    m.compile({ optimizer: new optimizers.RMSprop({ learningRate: 0.01 }), loss: 'mse' });
    const artifacts = await saving.modelArtifacts(m);
    const back = await loadModel(saving.fromArtifacts(artifacts));
    const x = tensor(Array.from({ length: 8 }, (_, i) => i / 8), [1, 4, 2]);
    expect(vals(await back.predict(x) as Tensor)).toEqual(vals(await m.predict(x) as Tensor));
  });

  it("a saved config with keys of other Keras versions (tf.keras's time_major, an initializer's dtype) still loads", async () => {
    setRandomSeed(6);
    const m = new Sequential({ layers: [layers.lstm({ units: 2, inputShape: [3, 2] }), layers.dense({ units: 1 })] });
    const artifacts = await saving.modelArtifacts(m, { includeOptimizer: false });
    const topology = JSON.parse(JSON.stringify(artifacts.modelTopology)) as { config: { layers: { config: Record<string, unknown> }[] } };
    const [lstm, dense] = topology.config.layers;
    Object.assign(lstm.config, { time_major: false, zero_output_for_mask: false });
    (dense.config.kernel_initializer as { config: Record<string, unknown> }).config.dtype = 'float32';
    const back = await loadModel(saving.fromArtifacts({ ...artifacts, modelTopology: topology as never }));
    const x = tensor([[[1, 0], [0, 1], [1, 1]]]);
    expect(vals(await back.predict(x) as Tensor)).toEqual(vals(await m.predict(x) as Tensor));
    // The same keys in code are refused: the rule is for code, configs are read as Keras wrote them.
    expect(() => loose(layers.lstm)({ units: 2, time_major: false })).toThrow("LSTM: unknown option 'time_major'");
  });
});
