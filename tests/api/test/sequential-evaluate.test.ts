import { describe, expect, it } from 'vitest';
import { callbacks } from '@layerwise/api';
import { expectClose, idData, linearModel, recordingModel, refForward, refMseLoss, refMseStep, sgd01, values } from './sequential-helpers.js';

const W0 = [[0.5], [-0.25]];
const B0 = [0.1];
const X = [[1, 2], [0.5, -1], [2, 0], [-1, 1], [0, 3]];
const Y = [[0], [1], [1], [0], [2]];

describe('Sequential.evaluate', () => {
  it('averages the batch losses weighted by batch size (Keras 2 test_loop), each batch weighted by the Keras formula', async () => {
    const model = linearModel(W0, B0);
    model.compile({ optimizer: sgd01(), loss: 'mse' });
    // The second batch has only zero weights: its loss is 0 (the epsilon guard), and it still counts by its size.
    const w = [1, 2, 0, 0, 3];
    const batchLoss = (s: number, e: number) => refMseLoss(W0, B0, X.slice(s, e), Y.slice(s, e), w.slice(s, e));
    const expected = (2 * batchLoss(0, 2) + 2 * 0 + 1 * batchLoss(4, 5)) / 5;
    expectClose([(await model.evaluate(X, Y, { batchSize: 2, sampleWeight: w, verbose: 0 })) as number], [expected], 6);
    // One batch: the whole-set Keras formula, which is not the same number.
    const whole = refMseLoss(W0, B0, X, Y, w);
    expectClose([(await model.evaluate(X, Y, { batchSize: 5, sampleWeight: w, verbose: 0 })) as number], [whole], 6);
    expect(Math.abs(whole - expected)).toBeGreaterThan(1e-3);
    // Default batchSize 32 and no weights.
    expectClose([(await model.evaluate(X, Y, { verbose: 0 })) as number], [refMseLoss(W0, B0, X, Y)], 6);
  });

  it('steps evaluates only the first steps batches, and stops at the end of the data', async () => {
    const model = linearModel(W0, B0);
    model.compile({ optimizer: sgd01(), loss: 'mse', metrics: ['mae'] });
    const p = refForward(W0, B0, X);
    const ae = p.map((r, i) => Math.abs(r[0] - Y[i][0]));
    const out = (await model.evaluate(X, Y, { batchSize: 2, steps: 1, verbose: 0 })) as number[];
    expectClose(out, [refMseLoss(W0, B0, X.slice(0, 2), Y.slice(0, 2)), (ae[0] + ae[1]) / 2], 6);
    const all = (await model.evaluate(X, Y, { batchSize: 2, steps: 10, verbose: 0 })) as number[];
    const once = (await model.evaluate(X, Y, { batchSize: 2, verbose: 0 })) as number[];
    expect(all).toEqual(once);
    const { model: rec, recorder } = recordingModel();
    await rec.evaluate(idData(5).x, idData(5).y, { batchSize: 2, steps: 7, verbose: 0 });
    expect(recorder.evalBatches).toEqual([[0, 1], [2, 3], [4]]);
  });

  it('a scalar with no metrics, else a list in metricsNames order; the weights do not change', async () => {
    const model = linearModel(W0, B0);
    model.compile({ optimizer: sgd01(), loss: 'mse' });
    expect(typeof (await model.evaluate(X, Y, { verbose: 0 }))).toBe('number');
    model.compile({ optimizer: sgd01(), loss: 'mse', metrics: ['mse'] });
    const out = await model.evaluate(X, Y, { verbose: 0 });
    expect(Array.isArray(out)).toBe(true);
    expect((out as number[])[0]).toBe((out as number[])[1]);
    expect(await values(model.getWeights()[0])).toEqual([0.5, -0.25]);
  });

  it('verbose 1 draws a progress bar over samples (Keras 2 shows counts and time, not the metrics)', async () => {
    const model = linearModel(W0, B0);
    model.compile({ optimizer: sgd01(), loss: 'mse' });
    const write = process.stdout.write;
    let text = '';
    process.stdout.write = ((s: string) => { text += s; return true; }) as typeof process.stdout.write;
    try {
      await model.evaluate(X, Y, { batchSize: 2, verbose: 1 });
      await model.evaluate(X, Y, { batchSize: 2, verbose: 0 });
    } finally {
      process.stdout.write = write;
    }
    const lines = text.split(/[\r\n]/).filter((l) => l.trim() !== '');
    expect(lines[lines.length - 1]).toMatch(/^5\/5 \[==============================\] - \d+s \d+[mu]?s\/step\s*$/);
  });
});

describe('Sequential.predict', () => {
  it('verbose 1 draws a progress bar over the samples (Keras 2 predict); 0 and 2 print nothing', async () => {
    const model = linearModel(W0, B0);
    const write = process.stdout.write;
    let text = '';
    const quiet: string[] = [];
    process.stdout.write = ((s: string) => { text += s; return true; }) as typeof process.stdout.write;
    try {
      (await model.predict(X, { batchSize: 2, verbose: 1 })).dispose();
      const before = text.length;
      (await model.predict(X, { batchSize: 2 })).dispose();
      (await model.predict(X, { batchSize: 2, verbose: 2 })).dispose();
      quiet.push(text.slice(before));
    } finally {
      process.stdout.write = write;
    }
    const lines = text.split(/[\r\n]/).filter((l) => l.trim() !== '');
    expect(lines[lines.length - 1]).toMatch(/^5\/5 \[==============================\] - \d+s \d+[mu]?s\/step\s*$/);
    expect(quiet).toEqual(['']);
    await expect(model.predict(X, { verbose: 3 as 1 })).rejects.toThrow(/predict: 'verbose' must be 0, 1 or 2, got 3/);
  });

  it('gives the reference outputs for any batchSize; steps predicts steps * batchSize rows', async () => {
    const model = linearModel(W0, B0);
    const expected = refForward(W0, B0, X).flat();
    for (const batchSize of [1, 2, 3, 32]) {
      const p = await model.predict(X, { batchSize });
      expect(p.shape).toEqual([5, 1]);
      expectClose(await values(p), expected, 6);
      p.dispose();
    }
    const part = await model.predict(X, { batchSize: 2, steps: 2 });
    expect(part.shape).toEqual([4, 1]);
    expectClose(await values(part), expected.slice(0, 4), 6);
    part.dispose();
    const all = await model.predict(X, { batchSize: 2, steps: 9 });
    expect(all.shape).toEqual([5, 1]);
    all.dispose();
  });
});

describe('Sequential *OnBatch', () => {
  it('trainOnBatch returns the pre-update loss and metrics and takes one step; testOnBatch does not step; predictOnBatch matches the reference', async () => {
    const model = linearModel(W0, B0);
    model.compile({ optimizer: sgd01(), loss: 'mse', metrics: ['mae'] });
    const p0 = refForward(W0, B0, X);
    const mae0 = p0.reduce((s, r, i) => s + Math.abs(r[0] - Y[i][0]), 0) / 5;
    const ref = refMseStep(W0, B0, X, Y);
    expectClose((await model.testOnBatch(X, Y)) as number[], [ref.loss, mae0], 6);
    expect(await values(model.getWeights()[0])).toEqual([0.5, -0.25]);
    expectClose((await model.trainOnBatch(X, Y)) as number[], [ref.loss, mae0], 6);
    expectClose(await values(model.getWeights()[0]), ref.W.flat(), 6);
    expectClose(await values(model.getWeights()[1]), ref.b, 6);
    const p = await model.predictOnBatch(X);
    expectClose(await values(p), refForward(ref.W, ref.b, X).flat(), 5);
    p.dispose();
    // A second trainOnBatch reports only its own batch (metrics are reset per call).
    const ref2 = refMseStep(ref.W, ref.b, X.slice(0, 2), Y.slice(0, 2));
    const out2 = (await model.trainOnBatch(X.slice(0, 2), Y.slice(0, 2))) as number[];
    expectClose([out2[0]], [ref2.loss], 5);
  });
});

describe('Sequential: evaluate and predict from inside fit', () => {
  it('an evaluate called from a callback does not disturb the epoch values fit reports', async () => {
    const run = async (evaluateInside: boolean) => {
      const model = linearModel(W0, B0);
      model.compile({ optimizer: sgd01(), loss: 'mse', metrics: ['mae'] });
      const seen: number[] = [];
      const h = await model.fit(X, Y, {
        batchSize: 2, epochs: 2, shuffle: false, verbose: 0,
        callbacks: [new callbacks.LambdaCallback({
          onBatchEnd: async () => {
            if (!evaluateInside) return;
            seen.push((await model.evaluate([[9, 9]], [[100]], { verbose: 0 })) as unknown as number);
            const p = await model.predict([[1, 1]]);
            p.dispose();
          },
        })],
      });
      return { history: h.history, weights: await Promise.all(model.getWeights().map(values)), seen };
    };
    const plain = await run(false);
    const inside = await run(true);
    expect(inside.seen).toHaveLength(6);
    expect(inside.history).toEqual(plain.history);
    expect(inside.weights).toEqual(plain.weights);
  });
});
