// The demo at a reduced size on the cpu backend: it learns, the reloaded model scores
// exactly the same, and the chart and saved files are written. No timing assertions.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runDemo, resolveData, loadFashionMnist, EMBEDDED_TRAIN_SIZE } from '../demo.mjs';
import { trainingCurvesSvg } from '../chart.mjs';

const outDir = mkdtempSync(path.join(tmpdir(), 'layerwise-fashion-mnist-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('fashion-mnist demo', () => {
  it('reads the embedded split: 8000 train / 2000 test, scaled to [0, 1], labels 0-9', async () => {
    const { source, train, test } = await loadFashionMnist({ data: 'embedded', testLimit: 2000 });
    expect(source.kind).toBe('embedded');
    expect(train.x.shape).toEqual([EMBEDDED_TRAIN_SIZE, 28, 28, 1]);
    expect(test.x.shape).toEqual([2000, 28, 28, 1]);
    let max = 0;
    for (const v of train.x.data) max = Math.max(max, v);
    expect(max).toBe(1);
    expect(Math.min(...test.x.data.subarray(0, 784))).toBeGreaterThanOrEqual(0);
    const counts = new Array(10).fill(0);
    for (const l of train.y.data) counts[l]++;
    expect(counts.every((c) => c > 600)).toBe(true);
  });

  it('rejects a --data directory without the four files', () => {
    expect(() => resolveData(outDir)).toThrow(/train-images-idx3-ubyte/);
  });

  it('trains, evaluates, saves, reloads to the same accuracy and draws the chart', async () => {
    const lines: string[] = [];
    const result = await runDemo({
      backend: 'cpu', data: 'embedded', trainLimit: 1000, testLimit: 500, epochs: 1, batchSize: 32,
      outDir, verbose: 0, log: (line: string) => lines.push(line),
    });
    expect(result.backend).toBe('cpu');
    expect(result.trainSamples).toBe(1000);
    expect(result.testSamples).toBe(500);
    expect(result.testAccuracy).toBeGreaterThan(0.5);
    expect(result.reloadedAccuracy).toBe(result.testAccuracy);
    expect(result.reloadedLoss).toBe(result.testLoss);
    expect(lines.some((l) => l.startsWith('test accuracy'))).toBe(true);

    for (const f of result.savedFiles) expect(statSync(f).size).toBeGreaterThan(0);
    const svg = readFileSync(result.chartPath, 'utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    for (const key of ['loss', 'val_loss', 'accuracy', 'val_accuracy']) {
      expect(svg).toContain(`data-series="${key}"`);
    }
    const val = /data-series="val_accuracy" data-values="([^"]+)"/.exec(svg);
    expect(Number(val![1])).toBeCloseTo(result.history.val_accuracy[0], 5);
    expect(existsSync(path.join(outDir, 'training-curves.svg'))).toBe(true);
  }, 300_000);

  it('draws several epochs as polylines with markers, and escapes the title', () => {
    const svg: string = trainingCurvesSvg(
      { loss: [1.2, 0.6, 0.4], val_loss: [0.8, 0.5, 0.45], accuracy: [0.6, 0.8, 0.85], val_accuracy: [0.7, 0.82, 0.84] },
      { title: 'a < b & c' },
    );
    expect(svg).toContain('a &lt; b &amp; c');
    expect((svg.match(/<polyline /g) ?? []).length).toBe(4);
    expect((svg.match(/<circle /g) ?? []).length).toBe(12);
  });
});
