import { describe, expect, it } from 'vitest';
import { losses, memory, metrics, tensor, tidy, dispose, type Tensor } from '@layerwise/api';

const vals = (t: Tensor): number[] => Array.from(t.dataSync());
type AnyMetric = InstanceType<typeof metrics.Metric>;
type Ctx = Parameters<typeof metrics.getMetric>[1];

/** Runs one batch through a metric the way the engine does: stats on the backend, then accumulate. */
function feed(m: AnyMetric, yTrue: number[] | number[][], yPred: number[] | number[][], sampleWeight: number[] | null = null): void {
  const stats = tidy(() => m.batchStats(tensor(yTrue), tensor(yPred), sampleWeight ? tensor(sampleWeight) : null, null));
  expect(stats.shape).toEqual([m.statsSize]);
  m.accumulate(stats.dataSync(), yTrue.length);
  stats.dispose();
}

const ctx = (lossName: string, outputShape: (number | null)[], weighted = false): Ctx => ({ lossName, outputShape, weighted });
const fnOf = (m: AnyMetric): unknown => (m as InstanceType<typeof metrics.MeanMetricWrapper>).fn;

describe('getMetric: accuracy and crossentropy follow Keras 2 rules, keeping the name written', () => {
  it('binary for a last dimension of 1 or a binary crossentropy loss', () => {
    const a = metrics.getMetric('acc', ctx('mean_squared_error', [null, 1]));
    expect(a.name).toBe('acc');
    expect(fnOf(a)).toBe(metrics.binaryAccuracy);
    const b = metrics.getMetric('accuracy', ctx('binary_crossentropy', [null, 5]));
    expect(b.name).toBe('accuracy');
    expect(fnOf(b)).toBe(metrics.binaryAccuracy);
    expect(fnOf(metrics.getMetric('acc', ctx('binaryCrossentropy', [null, 3])))).toBe(metrics.binaryAccuracy);
    // Keras 2 checks the shape first, so even a sparse loss on a one-unit output is binary.
    expect(fnOf(metrics.getMetric('acc', ctx('sparse_categorical_crossentropy', [null, 1])))).toBe(metrics.binaryAccuracy);
  });

  it('sparse for sparse categorical crossentropy, categorical otherwise', () => {
    expect(fnOf(metrics.getMetric('acc', ctx('sparse_categorical_crossentropy', [null, 10])))).toBe(metrics.sparseCategoricalAccuracy);
    expect(fnOf(metrics.getMetric('accuracy', ctx('sparseCategoricalCrossentropy', [null, 10])))).toBe(metrics.sparseCategoricalAccuracy);
    expect(fnOf(metrics.getMetric('acc', ctx('categorical_crossentropy', [null, 10])))).toBe(metrics.categoricalAccuracy);
    expect(fnOf(metrics.getMetric('acc', ctx('mean_squared_error', [null, 4, 3])))).toBe(metrics.categoricalAccuracy);
  });

  it("'crossentropy' and 'ce' pick the matching crossentropy and keep their names", () => {
    const ce = metrics.getMetric('ce', ctx('binary_crossentropy', [null, 1]));
    expect([ce.name, fnOf(ce)]).toEqual(['ce', losses.binaryCrossentropy]);
    const full = metrics.getMetric('crossentropy', ctx('sparse_categorical_crossentropy', [null, 4]));
    expect([full.name, fnOf(full)]).toEqual(['crossentropy', losses.sparseCategoricalCrossentropy]);
    expect(fnOf(metrics.getMetric('ce', ctx('categorical_crossentropy', [null, 4])))).toBe(losses.categoricalCrossentropy);
  });

  it("weighted entries get Keras 2's 'weighted_' prefix", () => {
    expect(metrics.getMetric('acc', ctx('categorical_crossentropy', [null, 3], true)).name).toBe('weighted_acc');
    expect(metrics.getMetric('mse', ctx('mse', [null, 3], true)).name).toBe('weighted_mean_squared_error');
    expect(metrics.getMetric('precision', ctx('binary_crossentropy', [null, 1], true)).name).toBe('weighted_precision');
  });
});

describe('getMetric: other names log as Keras 2 logs them', () => {
  it('Keras and tfjs spellings map to the Keras function name', () => {
    const c = ctx('categorical_crossentropy', [null, 6]);
    const table: [string, string][] = [
      ['mse', 'mean_squared_error'], ['MSE', 'mean_squared_error'], ['meanSquaredError', 'mean_squared_error'],
      ['mae', 'mean_absolute_error'], ['mape', 'mean_absolute_percentage_error'], ['msle', 'mean_squared_logarithmic_error'],
      ['cosine', 'cosine_proximity'], ['cosine_proximity', 'cosine_proximity'], ['cosineProximity', 'cosine_proximity'],
      ['kld', 'kullback_leibler_divergence'], ['binary_accuracy', 'binary_accuracy'], ['binaryAccuracy', 'binary_accuracy'],
      ['categoricalAccuracy', 'categorical_accuracy'], ['top_k_categorical_accuracy', 'top_k_categorical_accuracy'],
      ['topKCategoricalAccuracy', 'top_k_categorical_accuracy'], ['sparseTopKCategoricalAccuracy', 'sparse_top_k_categorical_accuracy'],
      ['categorical_crossentropy', 'categorical_crossentropy'], ['hinge', 'hinge'],
      ['precision', 'precision'], ['recall', 'recall'], ['auc', 'auc'], ['AUC', 'auc'],
    ];
    for (const [id, name] of table) expect(metrics.getMetric(id, c).name, id).toBe(name);
    expect(metrics.getMetric('precision', c)).toBeInstanceOf(metrics.Precision);
    expect(metrics.getMetric('recall', c)).toBeInstanceOf(metrics.Recall);
    expect(metrics.getMetric('auc', c)).toBeInstanceOf(metrics.AUC);
    expect(metrics.getMetric('auc', c)).not.toBe(metrics.getMetric('auc', c));
  });

  it('functions become mean metrics named after the function; instances pass through', () => {
    const c = ctx('mse', [null, 2]);
    function myMetric(a: Tensor, b: Tensor): Tensor { return losses.meanAbsoluteError(a, b); }
    const m = metrics.getMetric(myMetric, c);
    expect(m).toBeInstanceOf(metrics.MeanMetricWrapper);
    expect(m.name).toBe('myMetric');
    expect(metrics.getMetric(myMetric, { ...c, weighted: true }).name).toBe('weighted_myMetric');
    expect(metrics.getMetric(metrics.categoricalAccuracy, c).name).toBe('categorical_accuracy');
    expect(metrics.getMetric([(a: Tensor, b: Tensor): Tensor => losses.hinge(a, b)][0], c).name).toBe('custom_metric');
    const p = metrics.precision({ name: 'p50' });
    expect(metrics.getMetric(p, c)).toBe(p);
    const wp = metrics.getMetric(p, { ...c, weighted: true });
    expect(wp.name).toBe('weighted_p50');
    expect(p.name).toBe('p50');
  });

  it('an unknown name is an error listing the known ones', () => {
    expect(() => metrics.getMetric('accuracyy', ctx('mse', [null, 1])))
      .toThrow(/unknown metric 'accuracyy'; known metrics: accuracy \(acc\), crossentropy \(ce\), binary_accuracy.*precision \(Precision\)/);
  });
});

describe('function metrics', () => {
  it('binary accuracy thresholds at 0.5 (exactly 0.5 predicts 0)', () => {
    const v = tidy(() => vals(metrics.binaryAccuracy(tensor([[1, 0, 1, 0], [0, 0, 1, 1]]), tensor([[0.9, 0.5, 0.5, 0.2], [0.51, 0.1, 0.7, 0.3]]))));
    expect(v).toEqual([0.75, 0.5]);
  });

  it('categorical and sparse categorical accuracy agree for [batch], [batch, 1] and int32 targets', () => {
    const p = [[0.1, 0.6, 0.3], [0.5, 0.2, 0.3], [0.2, 0.2, 0.6], [0.4, 0.4, 0.2]];
    const labels = [1, 2, 2, 0];
    const oneHot = labels.map((l) => [0, 1, 2].map((c) => (c === l ? 1 : 0)));
    // The last row ties 0.4/0.4: argmax takes the first index, 0, which is the label.
    expect(tidy(() => vals(metrics.categoricalAccuracy(tensor(oneHot), tensor(p))))).toEqual([1, 0, 1, 1]);
    expect(tidy(() => vals(metrics.sparseCategoricalAccuracy(tensor(labels), tensor(p))))).toEqual([1, 0, 1, 1]);
    expect(tidy(() => vals(metrics.sparseCategoricalAccuracy(tensor(labels.map((l) => [l])), tensor(p))))).toEqual([1, 0, 1, 1]);
    expect(tidy(() => vals(metrics.sparseCategoricalAccuracy(tensor(labels, [4], 'int32'), tensor(p))))).toEqual([1, 0, 1, 1]);
  });

  it('top-k counts classes scoring strictly higher than the target, so boundary ties are in (tf in_top_k)', () => {
    const p = [[0.3, 0.3, 0.3, 0.1], [0.3, 0.3, 0.3, 0.1], [0.3, 0.3, 0.3, 0.1], [0.5, 0.2, 0.2, 0.1]];
    const labels = [2, 3, 3, 2];
    const oneHot = labels.map((l) => [0, 1, 2, 3].map((c) => (c === l ? 1 : 0)));
    const run = (k: number): number[] => tidy(() => vals(metrics.topKCategoricalAccuracy(tensor(oneHot), tensor(p), k)));
    // Row 0: nothing beats 0.3, in even for k = 1. Rows 1-2: three classes beat 0.1. Row 3: only 0.5 beats 0.2.
    expect(run(1)).toEqual([1, 0, 0, 0]);
    expect(run(2)).toEqual([1, 0, 0, 1]);
    expect(run(3)).toEqual([1, 0, 0, 1]);
    expect(run(4)).toEqual([1, 1, 1, 1]);
    expect(tidy(() => vals(metrics.sparseTopKCategoricalAccuracy(tensor(labels), tensor(p), 2)))).toEqual([1, 0, 0, 1]);
    // Default k = 5: with six classes only the lowest-scoring one is out.
    const six = [[0.1, 0.2, 0.3, 0.4, 0.5, 0.6], [0.1, 0.2, 0.3, 0.4, 0.5, 0.6]];
    expect(tidy(() => vals(metrics.sparseTopKCategoricalAccuracy(tensor([0, 1]), tensor(six))))).toEqual([0, 1]);
    expect(() => tidy(() => metrics.topKCategoricalAccuracy(tensor(oneHot), tensor(p), 0))).toThrow(/k must be an integer >= 1, got 0/);
  });
});

describe('MeanMetricWrapper', () => {
  const yTrue1 = [[0], [0], [0]];
  const yPred1 = [[1], [2], [4]];
  const w1 = [1, 0, 3];
  const yTrue2 = [[1]];
  const yPred2 = [[3]];
  const w2 = [2];

  it('epoch value is the batch-size-weighted mean of batch values', () => {
    const m = metrics.getMetric('mae', ctx('mse', [null, 1]));
    feed(m, yTrue1, yPred1, w1); // not weighted: the weights are ignored
    expect(m.lastBatch()).toBeCloseTo(7 / 3, 6);
    feed(m, yTrue2, yPred2, w2);
    expect(m.lastBatch()).toBeCloseTo(2, 6);
    expect(m.result()).toBeCloseTo((7 / 3 * 3 + 2 * 1) / 4, 6);
    m.reset();
    expect(m.result()).toBe(0);
  });

  it("weighted: each batch is mean(loss * w) / mean(w != 0), as Keras 2's weighted_masked_objective", () => {
    const m = metrics.getMetric('mae', ctx('mse', [null, 1], true));
    feed(m, yTrue1, yPred1, w1);
    // (1*1 + 2*0 + 4*3) / 3 divided by the non-zero fraction 2/3.
    expect(m.lastBatch()).toBeCloseTo(6.5, 5);
    feed(m, yTrue2, yPred2, w2);
    expect(m.lastBatch()).toBeCloseTo(4, 5);
    expect(m.result()).toBeCloseTo((6.5 * 3 + 4 * 1) / 4, 5);
  });

  it('a temporal mask drops masked timesteps from the mean', () => {
    const m = new metrics.MeanMetricWrapper(losses.meanSquaredError, 'mse_t');
    const stats = tidy(() => m.batchStats(tensor([[[0], [0]], [[0], [0]]]), tensor([[[1], [5]], [[2], [3]]]), null,
      tensor([[1, 0], [1, 1]], [2, 2], 'bool')));
    // Values [1, 25, 4, 9]; the mask keeps 1, 4, 9: (1 + 4 + 9) / 4 / (3 / 4).
    expect(vals(stats)[0]).toBeCloseTo(14 / 3, 5);
    stats.dispose();
  });
});

describe('Precision, Recall, AUC over two batches', () => {
  const batch1 = { t: [1, 0, 1, 0], p: [0.9, 0.6, 0.4, 0.2] };
  const batch2 = { t: [1, 1, 0], p: [0.7, 0.55, 0.3] };

  it('precision and recall accumulate counts: tp 3, fp 1, fn 1', () => {
    const prec = metrics.precision();
    const rec = metrics.recall();
    expect([prec.name, rec.name]).toEqual(['precision', 'recall']);
    for (const m of [prec, rec]) {
      feed(m, batch1.t, batch1.p);
      expect(m.lastBatch()).toBeCloseTo(0.5, 6); // tp 1, fp 1, fn 1
      expect(m.result()).toBeCloseTo(0.5, 6);
      feed(m, batch2.t, batch2.p);
      expect(m.lastBatch()).toBeCloseTo(1, 6); // tp 2, fp 0, fn 0
      expect(m.result()).toBeCloseTo(0.75, 6);
    }
  });

  it('thresholds move the cut: precision at 0.65 and recall at 0.65', () => {
    const prec = new metrics.Precision({ thresholds: 0.65 });
    const rec = new metrics.Recall({ thresholds: 0.65 });
    for (const m of [prec, rec]) { feed(m, batch1.t, batch1.p); feed(m, batch2.t, batch2.p); }
    // Above 0.65: 0.9 (pos), 0.7 (pos). tp 2, fp 0, fn 2.
    expect(prec.result()).toBeCloseTo(1, 6);
    expect(rec.result()).toBeCloseTo(0.5, 6);
    expect(() => new metrics.Precision({ thresholds: 1.5 })).toThrow(/Precision: thresholds must lie in \[0, 1\], got 1.5/);
  });

  it('precision is 0 when nothing was predicted positive, and [batch] targets fit [batch, 1] predictions', () => {
    const prec = metrics.precision();
    feed(prec, [1, 0], [[0.1], [0.2]]);
    expect(prec.result()).toBe(0);
  });

  it('ROC AUC with thresholds [0.25, 0.5, 0.75]: 0.5 after batch 1, 0.75 after both, 1 for batch 2 alone', () => {
    const m = metrics.auc({ thresholds: [0.25, 0.5, 0.75] });
    expect(m.statsSize).toBe(4 * 5);
    feed(m, [1, 0, 1], [0.9, 0.7, 0.3]);
    expect(m.result()).toBeCloseTo(0.5, 6);
    feed(m, [1, 0], [0.6, 0.1]);
    expect(m.result()).toBeCloseTo(0.75, 6);
    expect(m.lastBatch()).toBeCloseTo(1, 6);
  });

  it('ROC AUC with 200 thresholds equals the Mann-Whitney statistic when scores fall in distinct buckets', () => {
    const m = new metrics.AUC();
    expect(m.statsSize).toBe(800);
    feed(m, [1, 0, 1], [0.92, 0.71, 0.61]);
    feed(m, [1, 0, 1, 0], [0.33, 0.12, 0.48, 0.27]);
    const pos = [0.92, 0.61, 0.33, 0.48];
    const neg = [0.71, 0.12, 0.27];
    const wins = pos.reduce((n, a) => n + neg.filter((b) => a > b).length, 0);
    expect(m.result()).toBeCloseTo(wins / (pos.length * neg.length), 5);
  });

  it('PR AUC uses the Davis-Goadrich interpolation', () => {
    const perfect = metrics.auc({ curve: 'PR', thresholds: [0.5] });
    feed(perfect, [1, 1, 0, 0], [0.9, 0.8, 0.1, 0.2]);
    expect(perfect.result()).toBeCloseTo(1, 6);
    const m = metrics.auc({ curve: 'PR', thresholds: [0.5] });
    feed(m, [1, 0], [0.9, 0.7]);
    feed(m, [1], [0.3]);
    // Counts (tp, fp, fn) at -eps, 0.5, 1+eps: (2,1,0), (1,1,1), (0,0,2). Segment 1: slope 1, intercept -1,
    // (1 - ln 1.5) / 2; segment 2: slope 0.5, intercept 0, 0.5 / 2.
    expect(m.result()).toBeCloseTo((1 - Math.log(1.5)) / 2 + 0.25, 6);
  });

  it('sampleWeight scales the counts of weighted confusion metrics', () => {
    const m = metrics.getMetric('precision', ctx('binary_crossentropy', [null, 1], true));
    feed(m, [1, 0, 1], [0.9, 0.8, 0.7], [2, 3, 0]);
    // tp = 2 (0.9, weight 2) + 0 (0.7, weight 0), fp = 3.
    expect(m.result()).toBeCloseTo(0.4, 6);
    const auc = metrics.getMetric('auc', ctx('binary_crossentropy', [null, 1], true));
    expect(auc.name).toBe('weighted_auc');
    // Weight 0 removes the 0.7 negative, leaving a perfect ranking.
    feed(auc, [1, 0, 0], [0.9, 0.7, 0.2], [1, 0, 1]);
    expect(auc.result()).toBeCloseTo(1, 5);
  });
});

describe('metric memory', () => {
  it('batchStats inside tidy leave no buffers behind', () => {
    const c = ctx('categorical_crossentropy', [null, 3]);
    const all = ['acc', 'ce', 'mse', 'top_k_categorical_accuracy', 'precision', 'recall', 'auc', 'cosine', 'kld']
      .map((id) => metrics.getMetric(id, c))
      .concat(['acc', 'mae', 'auc'].map((id) => metrics.getMetric(id, { ...c, weighted: true })));
    const yTrue = tensor([[0, 1, 0], [1, 0, 0]]);
    const yPred = tensor([[0.2, 0.5, 0.3], [0.6, 0.1, 0.3]]);
    const w = tensor([1, 2]);
    const before = memory().buffers;
    for (const m of all) tidy(() => { m.batchStats(yTrue, yPred, w, null); });
    expect(memory().buffers).toBe(before);
    const kept = all.map((m) => tidy(() => m.batchStats(yTrue, yPred, w, null)));
    expect(memory().buffers).toBe(before + kept.length);
    dispose(kept);
    expect(memory().buffers).toBe(before);
    dispose([yTrue, yPred, w]);
  });
});
