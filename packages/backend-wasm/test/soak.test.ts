import '../src/index.js';
import { describe, expect, it } from 'vitest';
import { setBackend } from '@layerwise/api';
import { soakTraining } from '@layerwise/conformance';

describe('soak (wasm)', () => {
  it('3000 batches of fit, evaluate, predict, trainOnBatch and save end every round with the same buffers', async () => {
    await setBackend('wasm');
    const report = await soakTraining({ batches: 3000, log: (line) => console.log(`wasm soak: ${line}`) });
    expect(report.samples.length).toBeGreaterThan(5);
    expect(report.grown).toEqual([]);
  }, 300_000);
});
