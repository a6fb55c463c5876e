/**
 * @layerwise/keras-io bundled for the browser by Vite (h5wasm included) in headless Chromium:
 * a real Keras 2 .h5 file's bytes load, predict what the NumPy reference computed from its
 * weights, and save as .h5 and .keras bytes that load back to the same predictions.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { KerasCheckResult } from '../src/keras.js';
import { once, startSession } from './harness.js';

const FIXTURES = fileURLToPath(new URL('../../../packages/keras-io/test/fixtures/keras/', import.meta.url));
const NAME = 'embedding_lstm_2.1.3.h5';
type RefArray = { shape: number[]; values: number[] };
const reference = (JSON.parse(readFileSync(`${FIXTURES}expected.json`, 'utf8')) as Record<string, { inputs: RefArray[]; outputs: RefArray[] }>)[NAME];
const expected = { input: reference.inputs[0].values, inputShape: reference.inputs[0].shape, output: reference.outputs[0].values };

const session = once(startSession);

afterAll(async () => {
  await (await session().catch(() => undefined))?.close();
});

describe.each(['cpu', 'wasm'] as const)('Keras files in the browser on %s', (backend) => {
  it(`${NAME} from bytes predicts the reference, and its .h5 and .keras bytes load back the same`, async () => {
    const { page, logs } = await (await session()).open('keras.html');
    try {
      await page.waitForFunction(() => document.body.dataset.ready === 'true', undefined, { timeout: 60_000 });
      const bytes = Array.from(readFileSync(`${FIXTURES}${NAME}`));
      const r = await page.evaluate((c) => window.layerwiseKeras(c), { bytes, input: expected.input, inputShape: expected.inputShape, backend }) as KerasCheckResult;
      expect(r.output.length, logs.join('\n')).toBe(expected.output.length);
      r.output.forEach((v, i) => expect(Math.abs(v - expected.output[i])).toBeLessThan(1e-5));
      expect(r.again.h5).toEqual(r.output);
      expect(r.again.keras).toEqual(r.output);
      expect(r.savedBytes.h5).toBeGreaterThan(1000);
      expect(r.optimizer).toBe('Adam');
    } finally {
      await page.close();
    }
  });
});
