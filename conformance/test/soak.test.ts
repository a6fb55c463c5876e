import { describe, expect, it } from 'vitest';
import '@layerwise/backend-cpu';
import { setBackend } from '@layerwise/api';
import { soakTraining } from '../src/index.js';

describe('soak (cpu)', () => {
  it('3000 batches of fit, evaluate, predict, trainOnBatch and save end every round with the same buffers', async () => {
    await setBackend('cpu');
    const report = await soakTraining({ batches: 3000, log: (line) => console.log(`cpu soak: ${line}`) });
    expect(report.samples.length).toBeGreaterThan(5);
    expect(report.grown).toEqual([]);
  }, 300_000);
});
