import { describe, expect, it } from 'vitest';
import { Sequential, constraints, layers, loadModel, memory, optimizers, saving, setRandomSeed, tensor, type Tensor } from '@layerwise/api';
import { expectClose, vals, wave } from './layers-helpers.js';
import { refMseStep, rows } from './sequential-helpers.js';

// Keras 2.2.4 keras/constraints.py, in float64: norms over `axes` (keepdims), K.epsilon() = 1e-7.
const EPS = 1e-7;

/** Index lists of the slices of a row-major `shape` that share every coordinate outside `axes`. */
function slices(shape: number[], axes: number[]): number[][] {
  const groups = new Map<string, number[]>();
  const size = shape.reduce((a, b) => a * b, 1);
  for (let i = 0; i < size; i++) {
    let rest = i;
    const coords = new Array<number>(shape.length);
    for (let d = shape.length - 1; d >= 0; d--) { coords[d] = rest % shape[d]; rest = Math.floor(rest / shape[d]); }
    const k = coords.map((c, d) => (axes.includes(d) ? '*' : c)).join(',');
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k)!.push(i);
  }
  return [...groups.values()];
}

/** w scaled slice by slice by desired(norm) / (eps + norm). */
function rescale(w: number[], shape: number[], axes: number[], desired: (norm: number) => number): number[] {
  const out = w.slice();
  for (const idx of slices(shape, axes)) {
    const norm = Math.sqrt(idx.reduce((s, i) => s + w[i] * w[i], 0));
    for (const i of idx) out[i] = (w[i] * desired(norm)) / (EPS + norm);
  }
  return out;
}

const refMaxNorm = (w: number[], shape: number[], axes: number[], m: number) => rescale(w, shape, axes, (n) => Math.min(Math.max(n, 0), m));
const refUnitNorm = (w: number[], shape: number[], axes: number[]) => rescale(w, shape, axes, () => 1);
const refMinMaxNorm = (w: number[], shape: number[], axes: number[], lo: number, hi: number, rate: number) =>
  rescale(w, shape, axes, (n) => rate * Math.min(Math.max(n, lo), hi) + (1 - rate) * n);
// w * (w >= 0): a negative weight becomes -0, as in TensorFlow.
const refNonNeg = (w: number[]) => w.map((v) => v * (v >= 0 ? 1 : 0));

describe('constraints: Keras 2.2.4 formulas', () => {
  const shape = [3, 4];
  const w = wave(12).map((v) => v * 2);

  it('maxNorm (default maxValue 2, axis 0), axis 1 and a list of axes', () => {
    const x = tensor(w, shape);
    expectClose(vals(constraints.maxNorm().apply(x)), refMaxNorm(w, shape, [0], 2), 1e-6);
    expectClose(vals(constraints.maxNorm({ maxValue: 1.5, axis: 1 }).apply(x)), refMaxNorm(w, shape, [1], 1.5), 1e-6);
    expectClose(vals(constraints.maxNorm({ maxValue: 3, axis: [0, 1] }).apply(x)), refMaxNorm(w, shape, [0, 1], 3), 1e-6);
    // Slices already inside the bound are (up to epsilon) unchanged.
    expectClose(vals(constraints.maxNorm({ maxValue: 100 }).apply(x)), w, 1e-6);
  });

  it('unitNorm, minMaxNorm (rate 1 and 0.25), nonNeg', () => {
    const x = tensor(w, shape);
    expectClose(vals(constraints.unitNorm().apply(x)), refUnitNorm(w, shape, [0]), 1e-6);
    expectClose(vals(constraints.unitNorm({ axis: -1 }).apply(x)), refUnitNorm(w, shape, [1]), 1e-6);
    expectClose(vals(constraints.minMaxNorm().apply(x)), refMinMaxNorm(w, shape, [0], 0, 1, 1), 1e-6);
    expectClose(vals(constraints.minMaxNorm({ minValue: 2.5, maxValue: 3, rate: 0.25, axis: 1 }).apply(x)), refMinMaxNorm(w, shape, [1], 2.5, 3, 0.25), 1e-6);
    expect(vals(constraints.nonNeg().apply(x))).toEqual(refNonNeg(w.map((v) => Math.fround(v))));
  });

  it('identifiers: tfjs, Keras and legacy names, instances and saved configs', () => {
    for (const name of ['maxNorm', 'max_norm', 'MaxNorm', 'maxnorm']) expect(constraints.getConstraint(name)).toBeInstanceOf(constraints.MaxNorm);
    for (const name of ['nonNeg', 'non_neg', 'NonNeg', 'nonneg']) expect(constraints.getConstraint(name)).toBeInstanceOf(constraints.NonNeg);
    for (const name of ['unitNorm', 'unit_norm', 'UnitNorm', 'unitnorm']) expect(constraints.getConstraint(name)).toBeInstanceOf(constraints.UnitNorm);
    for (const name of ['minMaxNorm', 'min_max_norm', 'MinMaxNorm']) expect(constraints.getConstraint(name)).toBeInstanceOf(constraints.MinMaxNorm);
    expect(constraints.getConstraint('maxNorm')!.toJSON()).toEqual({ className: 'MaxNorm', config: { maxValue: 2, axis: 0 } });
    expect(constraints.getConstraint('minMaxNorm')!.toJSON()).toEqual({ className: 'MinMaxNorm', config: { minValue: 0, maxValue: 1, rate: 1, axis: 0 } });
    expect(constraints.getConstraint({ className: 'MaxNorm', config: { maxValue: 3, axis: [0, 1, 2] } })!.toJSON())
      .toEqual({ className: 'MaxNorm', config: { maxValue: 3, axis: [0, 1, 2] } });
    const own = constraints.nonNeg();
    expect(constraints.getConstraint(own)).toBe(own);
    expect(constraints.getConstraint(null)).toBeNull();
  });

  it('bad arguments are refused with the argument named', () => {
    expect(() => constraints.getConstraint('clip')).toThrow("constraint: unknown constraint 'clip'; known: maxNorm, nonNeg, unitNorm, minMaxNorm");
    expect(() => constraints.maxNorm({ maxValue: -1 })).toThrow('MaxNorm: maxValue must be a finite number >= 0, got -1');
    expect(() => constraints.unitNorm({ axis: 0.5 })).toThrow('UnitNorm: axis must be an integer or a non-empty list of integers, got 0.5');
    expect(() => constraints.minMaxNorm({ minValue: 2, maxValue: 1 })).toThrow('MinMaxNorm: minValue 2 must be <= maxValue 1');
    expect(() => layers.dense({ units: 2, kernelConstraint: 'clip', name: 'd' })).toThrow("d: kernelConstraint: unknown constraint 'clip'");
    // An axis the weight does not have is found when the weight is made, before any step.
    const d = layers.dense({ units: 2, kernelConstraint: constraints.maxNorm({ axis: 2 }), name: 'd2' });
    expect(() => d.apply(tensor([[1, 2]]))).toThrow('d2.kernel: MaxNorm axis 2 does not fit a weight of shape [2,2]');
  });
});

/** Two copies of one model, with and without constraints, from the same weights. */
function pair(make: (withConstraints: boolean) => Sequential, inputShape: (number | null)[]): [Sequential, Sequential] {
  setRandomSeed(3);
  const constrained = make(true);
  const free = make(false);
  constrained.build(inputShape);
  free.build(inputShape);
  const ws = constrained.getWeights();
  free.setWeights(ws);
  ws.forEach((t) => t.dispose());
  return [constrained, free];
}

async function stepBoth(models: Sequential[], x: Tensor, y: Tensor, optimizer: () => optimizers.Optimizer): Promise<void> {
  for (const m of models) {
    m.compile({ optimizer: optimizer(), loss: 'mse' });
    await m.trainOnBatch(x, y);
  }
}

describe('constraints: applied after each optimizer step', () => {
  it('Dense kernel maxNorm and bias nonNeg after an SGD step: the numbers', async () => {
    const W = [[0.9, -1.2], [1.5, 0.4], [-0.7, 2.0]];
    const b = [0.3, -0.1];
    const x = [[1, 2, -1], [0.5, -1, 2], [2, 0, 1], [-1, 1, 0.5]];
    const y = [[1, -2], [3, 0], [0, 1], [-2, 2]];
    const model = new Sequential({ layers: [layers.dense({
      units: 2, inputShape: [3], kernelConstraint: constraints.maxNorm({ maxValue: 1.5 }), biasConstraint: constraints.nonNeg(),
    })] });
    model.setWeights([tensor(W.flat(), [3, 2]), tensor(b)]);
    model.compile({ optimizer: optimizers.sgd({ learningRate: 0.1 }), loss: 'mse' });
    const loss = await model.trainOnBatch(x, y);
    const ref = refMseStep(W, b, x, y, { lr: 0.1 });
    expect(loss as number).toBeCloseTo(ref.loss, 5);
    const [k, bias] = model.getWeights();
    const W1 = refMaxNorm(ref.W.flat(), [3, 2], [0], 1.5);
    const b1 = refNonNeg(ref.b);
    expectClose(vals(k), W1, 1e-5);
    expectClose(vals(bias), b1, 1e-6);
    k.dispose();
    bias.dispose();
    // The second step starts from the projected weights, and frees what it makes.
    const before = memory().buffers;
    await model.trainOnBatch(x, y);
    expect(memory().buffers).toBe(before);
    const ref2 = refMseStep(rows(W1, 2), b1, x, y, { lr: 0.1 });
    const [k2, bias2] = model.getWeights();
    expectClose(vals(k2), refMaxNorm(ref2.W.flat(), [3, 2], [0], 1.5), 1e-5);
    expectClose(vals(bias2), refNonNeg(ref2.b), 1e-6);
    model.dispose();
  });

  it('Conv2D (kernel over [0, 1, 2]), Embedding, BatchNormalization (gamma, beta), LayerNormalization under Adam', async () => {
    const cases: { name: string; shape: (number | null)[]; x: Tensor; y: Tensor; make: (c: boolean) => Sequential; check: (c: Tensor[], f: Tensor[]) => void }[] = [
      {
        name: 'conv2d', shape: [null, 4, 4, 2], x: tensor(wave(2 * 4 * 4 * 2), [2, 4, 4, 2]), y: tensor(wave(2 * 3 * 3 * 3, 0.2), [2, 3, 3, 3]),
        make: (c) => new Sequential({ layers: [layers.conv2d({
          filters: 3, kernelSize: 2, kernelConstraint: c ? constraints.maxNorm({ maxValue: 0.5, axis: [0, 1, 2] }) : undefined,
          biasConstraint: c ? 'nonNeg' : undefined,
        })] }),
        check: ([k, b], [fk, fb]) => {
          expectClose(vals(k), refMaxNorm(vals(fk), [2, 2, 2, 3], [0, 1, 2], 0.5), 1e-5);
          expectClose(vals(b), refNonNeg(vals(fb)), 1e-6);
        },
      },
      {
        name: 'embedding', shape: [null, 3], x: tensor([[1, 2, 3], [4, 0, 1]]), y: tensor(wave(2 * 3 * 4), [2, 3, 4]),
        make: (c) => new Sequential({ layers: [layers.embedding({ inputDim: 5, outputDim: 4, embeddingsConstraint: c ? constraints.unitNorm({ axis: 1 }) : undefined })] }),
        check: ([e], [fe]) => expectClose(vals(e), refUnitNorm(vals(fe), [5, 4], [1]), 1e-5),
      },
      {
        name: 'batch norm', shape: [null, 3], x: tensor(wave(4 * 3), [4, 3]), y: tensor(wave(4 * 3, 0.6).map((v) => v * 3), [4, 3]),
        make: (c) => new Sequential({ layers: [layers.batchNormalization({
          gammaConstraint: c ? constraints.minMaxNorm({ minValue: 0.5, maxValue: 0.8, rate: 0.5 }) : undefined, betaConstraint: c ? 'non_neg' : undefined,
        })] }),
        check: ([g, b, mm, mv], [fg, fb, fmm, fmv]) => {
          expectClose(vals(g), refMinMaxNorm(vals(fg), [3], [0], 0.5, 0.8, 0.5), 1e-5);
          expectClose(vals(b), refNonNeg(vals(fb)), 1e-6);
          // The moving statistics are not trainable: no constraint, same values.
          expectClose(vals(mm), vals(fmm), 1e-6);
          expectClose(vals(mv), vals(fmv), 1e-6);
        },
      },
      {
        name: 'layer norm', shape: [null, 3], x: tensor(wave(4 * 3), [4, 3]), y: tensor(wave(4 * 3, 0.6).map((v) => v * 3), [4, 3]),
        make: (c) => new Sequential({ layers: [layers.layerNormalization({ gammaConstraint: c ? 'unitNorm' : undefined, betaConstraint: c ? 'maxNorm' : undefined })] }),
        check: ([g, b], [fg, fb]) => {
          expectClose(vals(g), refUnitNorm(vals(fg), [3], [0]), 1e-5);
          expectClose(vals(b), refMaxNorm(vals(fb), [3], [0], 2), 1e-5);
        },
      },
    ];
    for (const c of cases) {
      const [constrained, free] = pair(c.make, c.shape);
      await stepBoth([constrained, free], c.x, c.y, () => optimizers.adam({ learningRate: 0.3 }));
      c.check(constrained.getWeights(), free.getWeights());
      // A second step starts from the constrained weights (the constraint is not a one-off).
      free.setWeights(constrained.getWeights());
      await free.trainOnBatch(c.x, c.y);
      await constrained.trainOnBatch(c.x, c.y);
      try {
        c.check(constrained.getWeights(), free.getWeights());
      } catch (err) {
        throw new Error(`${c.name}, step 2: ${(err as Error).message}`);
      }
    }
  });

  it('every optimizer applies the constraint', async () => {
    for (const name of ['sgd', 'rmsprop', 'adagrad', 'adadelta', 'adam', 'adamax', 'nadam'] as const) {
      const [constrained, free] = pair((c) => new Sequential({ layers: [layers.dense({ units: 2, kernelConstraint: c ? constraints.nonNeg() : undefined })] }), [null, 3]);
      const x = tensor(wave(12), [4, 3]);
      const y = tensor(wave(8, 2), [4, 2]);
      await stepBoth([constrained, free], x, y, () => optimizers.getOptimizer(name));
      const k = vals(constrained.getWeights()[0]);
      expect(k.every((v) => v >= 0), name).toBe(true);
      expectClose(k, refNonNeg(vals(free.getWeights()[0])), 1e-6);
    }
  });
});

describe('constraints: saved and loaded', () => {
  it('written as Keras writes them, read back, and applied by the loaded model', async () => {
    const model = new Sequential({ layers: [
      layers.dense({ units: 3, inputShape: [2], kernelConstraint: constraints.maxNorm({ maxValue: 0.5, axis: 0 }), biasConstraint: 'nonNeg' }),
      layers.dense({ units: 1, kernelConstraint: constraints.minMaxNorm({ minValue: 0.1, maxValue: 0.2, rate: 0.5, axis: [0] }) }),
    ] });
    const handler = saving.memoryHandler();
    await model.save(handler);
    const json = handler.artifacts!.modelTopology as { config: { layers: { config: Record<string, unknown> }[] } };
    const [first, second] = json.config.layers.map((l) => l.config);
    expect(first.kernel_constraint).toEqual({ class_name: 'MaxNorm', config: { max_value: 0.5, axis: 0 } });
    expect(first.bias_constraint).toEqual({ class_name: 'NonNeg', config: {} });
    expect(second.kernel_constraint).toEqual({ class_name: 'MinMaxNorm', config: { min_value: 0.1, max_value: 0.2, rate: 0.5, axis: [0] } });
    expect(second.bias_constraint).toBeNull();
    expect(first.activity_regularizer).toBeNull();

    const loaded = await loadModel(handler);
    expect(loaded.layers.map((l) => l.getConfig())).toEqual(model.layers.map((l) => l.getConfig()));
    loaded.compile({ optimizer: optimizers.sgd({ learningRate: 1 }), loss: 'mse' });
    await loaded.fit([[5, -5], [3, 4]], [[10], [-10]], { epochs: 2, verbose: 0 });
    const [k1, b1, k2] = loaded.getWeights();
    for (const col of rows(vals(k1), 3).reduce<number[][]>((cols, r) => r.map((v, j) => [...(cols[j] ?? []), v]), [])) {
      expect(Math.hypot(...col)).toBeLessThanOrEqual(0.5 + 1e-5);
    }
    expect(vals(b1).every((v) => v >= 0)).toBe(true);
    const n2 = Math.hypot(...vals(k2));
    expect(n2).toBeGreaterThan(0.1 - 1e-5);
    expect(n2).toBeLessThan(Math.max(0.2, n2) + 1e-5);
    model.dispose();
    loaded.dispose();
  });

  it('a Keras file with snake_case names and legacy spellings loads', async () => {
    const model = new Sequential({ layers: [layers.dense({ units: 2, inputShape: [2], name: 'k' })] });
    const handler = saving.memoryHandler();
    await model.save(handler);
    const cfg = (handler.artifacts!.modelTopology as { config: { layers: { config: Record<string, unknown> }[] } }).config.layers[0].config;
    cfg.kernel_constraint = { class_name: 'max_norm', config: { max_value: 3, axis: 0 } };
    cfg.bias_constraint = { class_name: 'UnitNorm', config: { axis: -1 } };
    const loaded = await loadModel(handler);
    expect(loaded.layers[0].getConfig().kernelConstraint).toEqual({ className: 'MaxNorm', config: { maxValue: 3, axis: 0 } });
    expect(loaded.layers[0].getConfig().biasConstraint).toEqual({ className: 'UnitNorm', config: { axis: -1 } });
    model.dispose();
    loaded.dispose();
  });
});
