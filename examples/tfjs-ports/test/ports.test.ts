// Runs each tfjs-examples port for a few steps on the cpu backend and checks it learns.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setRandomSeed } from '@layerwise/api';
// @ts-expect-error the ports are plain JavaScript programs, as in tfjs-examples
import { iris } from '../iris.mjs';
// @ts-expect-error (plain JavaScript)
import { runAdditionRNNDemo } from '../addition-rnn.mjs';
// @ts-expect-error (plain JavaScript)
import { mnist } from '../mnist.mjs';

afterEach(() => vi.restoreAllMocks());

/** The ports print what the pages showed; keep the test log short. */
function quiet(): void {
  vi.spyOn(console, 'log').mockImplementation(() => {});
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
}

describe('tfjs-examples ports', () => {
  it('iris: 40 epochs classify the held-out flowers', async () => {
    quiet();
    setRandomSeed(1);
    const { history, testAccuracy, manual, trainLogs } = await iris({ epochs: 40 });
    const loss = history.history.loss as number[];
    expect(loss).toHaveLength(40);
    expect(trainLogs).toHaveLength(40);
    expect(loss.at(-1)).toBeLessThan(loss[0] * 0.6);
    expect(testAccuracy).toBeGreaterThanOrEqual(0.8);
    // The page's default manual input is the first setosa of the data set.
    expect(manual.winner).toBe('Iris-setosa');
    expect(manual.logits).toHaveLength(3);
    expect(manual.logits.reduce((a: number, b: number) => a + b, 0)).toBeCloseTo(1, 5);
  });

  it('addition-rnn: three iterations lower the loss; answers decode to digit strings', async () => {
    quiet();
    setRandomSeed(2);
    // generateData draws from Math.random: seeded here, so the run is the same every time.
    let s = 12345;
    vi.spyOn(Math, 'random').mockImplementation(() => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32));
    const demo = await runAdditionRNNDemo({ trainingSize: 1000, hiddenSize: 64, trainIterations: 3, numTestExamples: 20 });
    const losses = demo.lossValues[0].map((p: { y: number }) => p.y);
    expect(losses).toHaveLength(3);
    expect(losses[2]).toBeLessThan(losses[0]);
    expect(demo.examples).toHaveLength(20);
    for (const e of demo.examples) expect(e).toMatch(/^\d{1,2}\+\d{1,2} *= [0-9+ ]{3}$/);
    expect(demo.trainXs.shape).toEqual([900, 5, 12]);
    expect(demo.trainYs.shape).toEqual([900, 3, 12]);
  });

  it('mnist: a few ConvNet batches lower the loss; predictions and labels line up', async () => {
    quiet();
    setRandomSeed(3);
    const result = await mnist({ modelType: 'ConvNet', trainEpochs: 1, dataOptions: { trainElements: 1280, testElements: 200 } });
    // 85% of 1280 samples in batches of 320: 4 batches.
    expect(result.totalNumBatches).toBe(4);
    expect(result.batchLosses).toHaveLength(4);
    expect(result.batchLosses[3]).toBeLessThan(result.batchLosses[0]);
    expect(result.testAcc).toBeGreaterThan(0.15);
    expect(result.predictions).toHaveLength(100);
    expect(result.labels).toHaveLength(100);
    expect(new Set(result.labels).size).toBeGreaterThan(5);
  });

  it('mnist: the DenseNet variant trains too', async () => {
    quiet();
    setRandomSeed(4);
    const result = await mnist({ modelType: 'DenseNet', trainEpochs: 2, dataOptions: { trainElements: 2000, testElements: 500 } });
    expect(result.batchLosses.at(-1)).toBeLessThan(result.batchLosses[0]);
    expect(result.valAcc).toBeGreaterThan(0.4);
    expect(result.testAcc).toBeGreaterThan(0.4);
  });
});
