import { describe, expect, it } from 'vitest';
import { linearModel, sgd01 } from './sequential-helpers.js';

/** Blocks this thread for `ms` (a batch that takes that long). */
function busy(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) { /* spin */ }
}

const X = Array.from({ length: 8 }, (_, i) => [i / 8, 1 - i / 8]);
const Y = X.map(([a]) => [a]);

/**
 * On cpu every readback resolves at once, so without an explicit yield a loop would stay in
 * the microtask queue for the whole call: no timer, I/O or repaint until it returned.
 */
describe('long loops let the event loop run', () => {
  it('fit: a timer set before it fires during training (batches of 30 ms)', async () => {
    const model = linearModel([[0.5], [-0.25]], [0.1]);
    model.compile({ optimizer: sgd01(), loss: 'mse' });
    let fired = false;
    let firedDuringFit = false;
    setTimeout(() => { fired = true; }, 0);
    await model.fit(X, Y, {
      batchSize: 2, epochs: 1, verbose: 0,
      callbacks: [{ onBatchEnd: () => busy(30), onTrainEnd: () => { firedDuringFit = fired; } }],
    });
    expect(firedDuringFit).toBe(true);
  });

  it('the validation pass inside fit: a timer set as it begins fires before it ends', async () => {
    const model = linearModel([[0.5], [-0.25]], [0.1]);
    model.compile({ optimizer: sgd01(), loss: 'mse' });
    let fired = false;
    let firedDuringValidation = false;
    await model.fit(X, Y, {
      batchSize: 8, epochs: 1, verbose: 0, validationData: [X, Y],
      callbacks: [{
        onTestBegin: () => { setTimeout(() => { fired = true; }, 0); },
        onTestBatchEnd: () => busy(30),
        onTestEnd: () => { firedDuringValidation = fired; },
      }],
    });
    expect(firedDuringValidation).toBe(true);
  });
});
