import { describe, expect, it } from 'vitest';
import { losses, memory, tensor, tidy, valueAndGrads, dispose, type Tensor } from '@layerwise/api';

const EPS = 1e-7;
// The upper clip bound as float32 holds it: 1 - 1e-7 rounds to 1 - 1.19e-7, as in Keras.
const HI = Math.fround(1 - EPS);
const vals = (t: Tensor): number[] => Array.from(t.dataSync());
const clip = (x: number, lo: number, hi: number): number => Math.min(Math.max(x, lo), hi);
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
const softplus = (x: number): number => Math.log1p(Math.exp(-Math.abs(x))) + Math.max(x, 0);
const l2n = (v: number[]): number[] => {
  const n = Math.sqrt(Math.max(sum(v.map((x) => x * x)), 1e-12));
  return v.map((x) => x / n);
};

/** Float64 references: one row (last axis) of targets and predictions -> one per-sample loss. */
type Row = (t: number[], p: number[]) => number;
const REFERENCE: Record<string, Row> = {
  mean_squared_error: (t, p) => mean(t.map((ti, i) => (p[i] - ti) ** 2)),
  mean_absolute_error: (t, p) => mean(t.map((ti, i) => Math.abs(p[i] - ti))),
  mean_absolute_percentage_error: (t, p) => 100 * mean(t.map((ti, i) => Math.abs((ti - p[i]) / Math.max(Math.abs(ti), EPS)))),
  mean_squared_logarithmic_error: (t, p) =>
    mean(t.map((ti, i) => (Math.log(Math.max(p[i], EPS) + 1) - Math.log(Math.max(ti, EPS) + 1)) ** 2)),
  squared_hinge: (t, p) => mean(t.map((ti, i) => Math.max(1 - ti * p[i], 0) ** 2)),
  hinge: (t, p) => mean(t.map((ti, i) => Math.max(1 - ti * p[i], 0))),
  categorical_hinge: (t, p) => {
    const pos = sum(t.map((ti, i) => ti * p[i]));
    const neg = Math.max(...t.map((ti, i) => (1 - ti) * p[i]));
    return Math.max(0, neg - pos + 1);
  },
  logcosh: (t, p) => mean(t.map((ti, i) => Math.log(Math.cosh(p[i] - ti)))),
  huber_loss: (t, p) => mean(t.map((ti, i) => {
    const e = Math.abs(p[i] - ti);
    return e <= 1 ? 0.5 * e * e : e - 0.5;
  })),
  categorical_crossentropy: (t, p) => {
    const s = sum(p);
    return -sum(t.map((ti, i) => ti * Math.log(clip(p[i] / s, EPS, HI))));
  },
  binary_crossentropy: (t, p) => mean(t.map((ti, i) => {
    const q = clip(p[i], EPS, HI);
    return -(ti * Math.log(q) + (1 - ti) * Math.log(1 - q));
  })),
  kullback_leibler_divergence: (t, p) => sum(t.map((ti, i) => {
    const a = clip(ti, EPS, 1);
    return a * Math.log(a / clip(p[i], EPS, 1));
  })),
  poisson: (t, p) => mean(t.map((ti, i) => p[i] - ti * Math.log(p[i] + EPS))),
  cosine_proximity: (t, p) => {
    const a = l2n(t);
    const b = l2n(p);
    return -sum(a.map((x, i) => x * b[i]));
  },
};

const FUNCTIONS: Record<string, (yTrue: Tensor, yPred: Tensor) => Tensor> = {
  mean_squared_error: losses.meanSquaredError,
  mean_absolute_error: losses.meanAbsoluteError,
  mean_absolute_percentage_error: losses.meanAbsolutePercentageError,
  mean_squared_logarithmic_error: losses.meanSquaredLogarithmicError,
  squared_hinge: losses.squaredHinge,
  hinge: losses.hinge,
  categorical_hinge: losses.categoricalHinge,
  logcosh: losses.logcosh,
  huber_loss: losses.huber,
  categorical_crossentropy: losses.categoricalCrossentropy,
  binary_crossentropy: losses.binaryCrossentropy,
  kullback_leibler_divergence: losses.kullbackLeiblerDivergence,
  poisson: losses.poisson,
  cosine_proximity: losses.cosineProximity,
};

// Targets and predictions suited to each family: regression values, +-1 hinge targets,
// one-hot / probability rows with exact 0 and 1 predictions to exercise the clipping.
const REGRESSION = {
  t: [[0.5, -1.2, 2.0, 0.0], [3.0, 0.25, -0.5, 1.0], [0.0, 0.0, 0.1, -2.0]],
  p: [[0.4, -0.2, 3.5, 0.3], [1.0, 0.25, 0.5, 1.2], [0.7, -1.5, 0.1, 0.0]],
};
const POSITIVE = {
  t: [[0.5, 1.2, 2.0, 0.0], [3.0, 0.25, 0.5, 1.0], [0.0, 0.0, 0.1, 2.0]],
  p: [[0.4, 0.2, 3.5, 0.3], [1.0, 0.25, 0.5, 1.2], [0.7, 1.5, 0.1, 0.05]],
};
const SIGNS = {
  t: [[1, -1, 1, -1], [-1, -1, 1, 1], [1, 1, 1, -1]],
  p: [[0.3, -2.0, 1.5, 0.2], [0.9, -0.1, -0.4, 2.0], [0.0, 1.0, 0.5, -0.7]],
};
const PROBS = {
  t: [[0, 1, 0, 0], [1, 0, 0, 0], [0, 0, 0, 1]],
  p: [[0.1, 0.6, 0.2, 0.1], [0, 1, 0, 0], [0.25, 0.25, 0.5, 0]],
};
const BINARY = {
  t: [[0, 1, 1, 0], [1, 0, 1, 1], [0, 0, 1, 0]],
  p: [[0.2, 0.7, 1, 0], [0, 1, 0.5, 0.9], [0.3, 0.1, 0.6, 0.99]],
};
const DATA: Record<string, { t: number[][]; p: number[][] }> = {
  mean_squared_error: REGRESSION, mean_absolute_error: REGRESSION, mean_absolute_percentage_error: REGRESSION,
  mean_squared_logarithmic_error: POSITIVE, squared_hinge: SIGNS, hinge: SIGNS, categorical_hinge: PROBS,
  logcosh: REGRESSION, huber_loss: REGRESSION, categorical_crossentropy: PROBS, binary_crossentropy: BINARY,
  kullback_leibler_divergence: PROBS, poisson: POSITIVE, cosine_proximity: REGRESSION,
};

function expectClose(actual: number[], expected: number[], rel = 1e-5, abs = 1e-5): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((a, i) => {
    expect(Number.isFinite(a)).toBe(true);
    expect(Math.abs(a - expected[i])).toBeLessThanOrEqual(abs + rel * Math.abs(expected[i]));
  });
}

describe('losses: values against a float64 reference', () => {
  for (const name of Object.keys(FUNCTIONS)) {
    it(`${name} gives one finite value per sample`, () => {
      const { t, p } = DATA[name];
      const out = tidy(() => FUNCTIONS[name](tensor(t), tensor(p)));
      expect(out.shape).toEqual([3]);
      expectClose(vals(out), t.map((row, i) => REFERENCE[name](row, p[i])), 2e-5, 2e-5);
      out.dispose();
    });
  }

  it('crossentropy at predictions of exactly 0 and 1 is clipped: -log(1e-7) at worst, never infinite', () => {
    const cce = tidy(() => vals(losses.categoricalCrossentropy(tensor([[1, 0], [0, 1]]), tensor([[0, 1], [0, 1]]))));
    expect(cce[0]).toBeCloseTo(-Math.log(1e-7), 3);
    expect(cce[1]).toBeCloseTo(-Math.log(HI), 5);
    const bce = tidy(() => vals(losses.binaryCrossentropy(tensor([[1, 0]]), tensor([[0, 1]]))));
    expect(bce[0]).toBeCloseTo((-Math.log(1e-7) - Math.log(1 - HI)) / 2, 3);
    const scce = tidy(() => vals(losses.sparseCategoricalCrossentropy(tensor([0]), tensor([[0, 1]]))));
    expect(Number.isFinite(scce[0])).toBe(true);
    expect(scce[0]).toBeCloseTo(-Math.log(1e-7 / (1e-7 + HI)), 3);
  });

  it('hand-computed: mse of [[1,2],[3,4]] vs [[1,4],[0,4]] is [2, 4.5]; cce of a one-hot row is -log p', () => {
    expect(tidy(() => vals(losses.meanSquaredError(tensor([[1, 2], [3, 4]]), tensor([[1, 4], [0, 4]]))))).toEqual([2, 4.5]);
    const ce = tidy(() => vals(losses.categoricalCrossentropy(tensor([[0, 0, 1]]), tensor([[0.2, 0.3, 0.5]]))));
    expect(ce[0]).toBeCloseTo(-Math.log(0.5), 6);
  });

  it('categorical crossentropy renormalises rows that do not sum to 1', () => {
    const ce = tidy(() => vals(losses.categoricalCrossentropy(tensor([[0, 1]]), tensor([[1, 3]]))));
    expect(ce[0]).toBeCloseTo(-Math.log(0.75), 6);
  });

  it('logcosh stays finite and linear for large errors (no cosh overflow)', () => {
    const v = tidy(() => vals(losses.logcosh(tensor([[0]]), tensor([[200]]))));
    expect(v[0]).toBeCloseTo(200 - Math.LN2, 3);
  });

  it('cosine proximity of parallel vectors is -1 and of a zero vector is 0', () => {
    const v = tidy(() => vals(losses.cosineProximity(tensor([[1, 2], [0, 0]]), tensor([[2, 4], [1, 1]]))));
    expect(v[0]).toBeCloseTo(-1, 6);
    expect(v[1]).toBe(-0);
  });
});

describe('sparse categorical crossentropy', () => {
  const probs = [[0.1, 0.6, 0.2, 0.1], [0.7, 0.1, 0.1, 0.1], [0.25, 0.25, 0.4, 0.1]];
  const labels = [1, 0, 3];
  const oneHot = labels.map((l) => [0, 1, 2, 3].map((c) => (c === l ? 1 : 0)));
  const dense = (): number[] => tidy(() => vals(losses.categoricalCrossentropy(tensor(oneHot), tensor(probs))));

  it('agrees with the dense version for [batch] float, [batch] int32 and [batch, 1] targets', () => {
    const expected = dense();
    expectClose(expected, labels.map((l, i) => -Math.log(probs[i][l])), 1e-6, 1e-6);
    for (const yTrue of [() => tensor(labels), () => tensor(labels, [3], 'int32'), () => tensor(labels.map((l) => [l]))]) {
      const out = tidy(() => losses.sparseCategoricalCrossentropy(yTrue(), tensor(probs)));
      expect(out.shape).toEqual([3]);
      expectClose(vals(out), expected, 1e-6, 1e-6);
      out.dispose();
    }
  });

  it('takes [b, t, 1] targets for [b, t, classes] predictions and gives [b, t]', () => {
    const p = [[probs[0], probs[1]], [probs[2], probs[0]]];
    const out = tidy(() => losses.sparseCategoricalCrossentropy(tensor([[[1], [0]], [[3], [2]]]), tensor(p)));
    expect(out.shape).toEqual([2, 2]);
    expectClose(vals(out), [-Math.log(0.6), -Math.log(0.7), -Math.log(0.1), -Math.log(0.2)], 1e-5, 1e-6);
    out.dispose();
  });

  it('rejects targets whose shape does not fit the predictions, naming both', () => {
    expect(() => tidy(() => losses.sparseCategoricalCrossentropy(tensor([1, 0]), tensor(probs))))
      .toThrow(/sparse_categorical_crossentropy: yTrue must hold class indices of shape \[3\] or \[3,1\].*\[2\]/);
  });
});

describe('losses on 3-D inputs', () => {
  it('[b, t, f] gives per-timestep values [b, t] for every loss', () => {
    const t = [[[0.2, 0.8], [1, 0]], [[0.5, 0.5], [0, 1]], [[1, 0], [0.3, 0.7]]];
    const p = [[[0.3, 0.7], [0.9, 0.1]], [[0.6, 0.4], [0.2, 0.8]], [[0.5, 0.5], [0.1, 0.9]]];
    for (const name of Object.keys(FUNCTIONS)) {
      const out = tidy(() => FUNCTIONS[name](tensor(t), tensor(p)));
      expect(out.shape, name).toEqual([3, 2]);
      expectClose(vals(out), t.flatMap((rows, b) => rows.map((row, s) => REFERENCE[name](row, p[b][s]))), 2e-5, 2e-5);
      out.dispose();
    }
  });

  it('mismatched shapes are an error naming the loss and both shapes', () => {
    expect(() => tidy(() => losses.meanSquaredError(tensor([1, 2, 3]), tensor([[1], [2], [3]]))))
      .toThrow('mean_squared_error: yTrue of shape [3] must have the shape of yPred [3,1]');
  });
});

describe('loss gradients match finite differences', () => {
  // Predictions away from clip boundaries and kinks, so the central difference is the derivative.
  const cases: Record<string, { t: number[]; p: number[] }> = {
    default: { t: [0.3, 0.9, 0.1], p: [0.5, 0.35, 0.2] },
    squared_hinge: { t: [1, -1, 1], p: [0.5, 0.35, -0.2] },
    hinge: { t: [1, -1, 1], p: [0.5, 0.35, -0.2] },
    categorical_hinge: { t: [0, 1, 0], p: [0.5, 0.35, 0.2] },
    categorical_crossentropy: { t: [0, 1, 0], p: [0.5, 0.35, 0.2] },
    cosine_proximity: { t: [0.3, -0.9, 0.1], p: [0.5, 0.35, -0.2] },
  };
  const all: Record<string, (yTrue: Tensor, yPred: Tensor) => Tensor> = {
    ...FUNCTIONS, sparse_categorical_crossentropy: losses.sparseCategoricalCrossentropy,
  };
  for (const name of Object.keys(all)) {
    it(name, () => {
      const sparse = name === 'sparse_categorical_crossentropy';
      const { t, p } = cases[name] ?? (sparse ? { t: [1], p: [0.5, 0.35, 0.2] } : cases.default);
      const yTrue = sparse ? tensor(t) : tensor([t]);
      const yPred = tensor([p]);
      const { value, grads: [g] } = valueAndGrads(() => all[name](yTrue, yPred), [yPred]);
      const analytic = vals(g);
      const ref = sparse
        ? (q: number[]) => -Math.log(q[t[0]] / sum(q))
        : (q: number[]) => REFERENCE[name](t, q);
      expect(vals(value)[0]).toBeCloseTo(ref(p), 4);
      const h = 1e-4;
      const numeric = p.map((_, i) => {
        const up = p.slice(); up[i] += h;
        const down = p.slice(); down[i] -= h;
        return (ref(up) - ref(down)) / (2 * h);
      });
      expect(analytic.some((v) => v !== 0)).toBe(true);
      expectClose(analytic, numeric, 2e-3, 2e-3);
      dispose([yTrue, yPred, value, g]);
    });
  }
});

describe('getLoss', () => {
  it('resolves Keras names, aliases and tfjs names to the Keras name', () => {
    const table: [string, string][] = [
      ['mse', 'mean_squared_error'], ['MSE', 'mean_squared_error'], ['mean_squared_error', 'mean_squared_error'],
      ['meanSquaredError', 'mean_squared_error'], ['mae', 'mean_absolute_error'], ['MAE', 'mean_absolute_error'],
      ['mape', 'mean_absolute_percentage_error'], ['meanAbsolutePercentageError', 'mean_absolute_percentage_error'],
      ['msle', 'mean_squared_logarithmic_error'], ['kld', 'kullback_leibler_divergence'], ['KLD', 'kullback_leibler_divergence'],
      ['kullbackLeiblerDivergence', 'kullback_leibler_divergence'], ['cosine', 'cosine_proximity'],
      ['cosineProximity', 'cosine_proximity'], ['categorical_crossentropy', 'categorical_crossentropy'],
      ['categoricalCrossentropy', 'categorical_crossentropy'], ['sparseCategoricalCrossentropy', 'sparse_categorical_crossentropy'],
      ['binaryCrossentropy', 'binary_crossentropy'], ['squaredHinge', 'squared_hinge'], ['hinge', 'hinge'],
      ['categoricalHinge', 'categorical_hinge'], ['logcosh', 'logcosh'], ['huber', 'huber_loss'], ['huber_loss', 'huber_loss'],
      ['poisson', 'poisson'],
    ];
    for (const [id, name] of table) expect(losses.getLoss(id).name, id).toBe(name);
    expect(losses.getLoss('mse').fn).toBe(losses.meanSquaredError);
    expect(losses.getLoss('sparse_categorical_crossentropy').fn).toBe(losses.sparseCategoricalCrossentropy);
  });

  it('a function resolves to itself, named by its Keras name if built in, else its own name or custom_loss', () => {
    function myLoss(a: Tensor, b: Tensor): Tensor { return losses.meanAbsoluteError(a, b); }
    expect(losses.getLoss(myLoss)).toEqual({ name: 'myLoss', fn: myLoss });
    const anonymous = [(a: Tensor, b: Tensor): Tensor => losses.hinge(a, b)][0];
    expect(losses.getLoss(anonymous).name).toBe('custom_loss');
    expect(losses.getLoss(losses.binaryCrossentropy).name).toBe('binary_crossentropy');
  });

  it('an unknown name is an error listing the known ones', () => {
    expect(() => losses.getLoss('mean_squared_eror')).toThrow(/unknown loss 'mean_squared_eror'; known losses: mean_squared_error \(mse, MSE, meanSquaredError\),.*cosine_proximity/);
  });
});

describe('loss memory', () => {
  it('every loss inside tidy leaves no buffers behind', () => {
    const yTrue = tensor(PROBS.t);
    const yPred = tensor(PROBS.p);
    const labels = tensor([1, 0, 3]);
    const before = memory().buffers;
    for (const fn of Object.values(FUNCTIONS)) tidy(() => { fn(yTrue, yPred); });
    tidy(() => { losses.sparseCategoricalCrossentropy(labels, yPred); });
    expect(memory().buffers).toBe(before);
    dispose([yTrue, yPred, labels]);
  });
});
