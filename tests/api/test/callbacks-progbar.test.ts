import { afterEach, describe, expect, it, vi } from 'vitest';
import { callbacks } from '@layerwise/api';
import { params } from './callbacks-fake-model.js';

afterEach(() => vi.restoreAllMocks());

type Step =
  | ['begin', number]
  | ['batch', number, callbacks.Logs]
  | ['end', number, callbacks.Logs];

/** Drives a ProgbarLogger with a scripted clock (ms) and returns what it printed. */
async function drive(p: callbacks.CallbackParams, script: [number, Step][], opts: callbacks.ProgbarLoggerArgs = {}) {
  const out: [string, boolean][] = [];
  let t = 0;
  const logger = new callbacks.ProgbarLogger({ print: (line, inPlace) => out.push([line, inPlace]), now: () => t, ...opts });
  const list = new callbacks.CallbackList([logger]);
  list.setParams(p);
  await list.call('onTrainBegin', {});
  for (const [time, step] of script) {
    t = time;
    if (step[0] === 'begin') await list.call('onEpochBegin', step[1], {});
    if (step[0] === 'batch') await list.call('onTrainBatchEnd', step[1], { batch: step[1], ...step[2] });
    if (step[0] === 'end') await list.call('onEpochEnd', step[1], step[2]);
  }
  await list.call('onTrainEnd', {});
  return out;
}

const bar = (done: number, head: boolean) => `[${'='.repeat(head ? done - 1 : done)}${head ? '>' : ''}${'.'.repeat(30 - done)}]`;

describe('ProgbarLogger', () => {
  it('verbose 1 on a terminal: one line redrawn in place, batch values averaged by samples, epoch values at the end', async () => {
    const p = params({ epochs: 2, samples: 10, steps: 3, batchSize: 4, verbose: 1, metrics: ['loss', 'acc', 'val_loss', 'val_acc'] });
    const out = await drive(p, [
      [0, ['begin', 0]],
      [1000, ['batch', 0, { size: 4, loss: 0.5, acc: 0.25 }]],
      [2000, ['batch', 1, { size: 4, loss: 0.25, acc: 0.5 }]],
      [2010, ['batch', 2, { size: 2, loss: 1, acc: 1 }]],
      [3000, ['end', 0, { loss: 0.5, acc: 0.5, val_loss: 0.0005, val_acc: 0.75 }]],
      [3000, ['begin', 1]],
      [3100, ['batch', 0, { size: 4, loss: 0.5, acc: 0.25 }]],
      [3120, ['batch', 1, { size: 4, loss: 0.25, acc: 0.5 }]], // within 0.05 s of the last draw: not drawn
      [3130, ['batch', 2, { size: 2, loss: 1, acc: 1 }]],
      [3200, ['end', 1, { loss: 0.4, acc: 0.6, val_loss: 0.3, val_acc: 0.7 }]],
    ], { isTTY: true });
    expect(out).toEqual([
      ['Epoch 1/2', false],
      // 4 of 10 samples in 1 s: 0.25 s each, 6 to go: ETA 1.5 s, printed as %d
      [` 4/10 ${bar(12, true)} - ETA: 1s - loss: 0.5000 - acc: 0.2500`, true],
      // loss (0.5*4 + 0.25*4) / 8
      [` 8/10 ${bar(24, true)} - ETA: 0s - loss: 0.3750 - acc: 0.3750`, true],
      [`10/10 ${bar(30, false)} - 3s 300ms/step - loss: 0.5000 - acc: 0.5000 - val_loss: 5.0000e-04 - val_acc: 0.7500`, false],
      ['Epoch 2/2', false],
      [` 4/10 ${bar(12, true)} - ETA: 0s - loss: 0.5000 - acc: 0.2500`, true],
      [`10/10 ${bar(30, false)} - 0s 20ms/step - loss: 0.4000 - acc: 0.6000 - val_loss: 0.3000 - val_acc: 0.7000`, false],
    ]);
  });

  it('verbose 1 on a terminal pads over a longer previous line; long ETAs read h:mm:ss', async () => {
    const p = params({ epochs: 1, samples: 10000, verbose: 1, metrics: ['loss'] });
    const out = await drive(p, [
      [0, ['begin', 0]],
      [10000, ['batch', 0, { size: 1, loss: 2 }]],
      [19990, ['batch', 1, { size: 9999, loss: 1 }]],
      [20000, ['end', 0, { loss: 1.0001 }]],
    ], { isTTY: true });
    expect(out).toEqual([
      ['Epoch 1/1', false],
      // 10 s per sample, 9999 to go: 99990 s = 27 h 46 min 30 s
      [`    1/10000 ${bar(0, false)} - ETA: 27:46:30 - loss: 2.0000`, true],
      [`10000/10000 ${bar(30, false)} - 20s 2ms/step - loss: 1.0001 `, false],
    ]);
  });

  it('verbose 1 without a terminal: plain lines at most every lineInterval seconds, plus the final one', async () => {
    const p = params({ epochs: 1, samples: 10, batchSize: 4, verbose: 1, metrics: ['loss'] });
    const out = await drive(p, [
      [0, ['begin', 0]],
      [1000, ['batch', 0, { size: 4, loss: 0.5 }]],
      [6000, ['batch', 1, { size: 4, loss: 0.25 }]],
      [7000, ['batch', 2, { size: 2, loss: 1 }]],
      [8000, ['end', 0, { loss: 0.3 }]],
    ], { isTTY: false });
    expect(out).toEqual([
      ['Epoch 1/1', false],
      [` 8/10 ${bar(24, true)} - ETA: 1s - loss: 0.3750`, false],
      [`10/10 ${bar(30, false)} - 8s 800ms/step - loss: 0.3000`, false],
    ]);
  });

  it('counts steps when the sample count is unknown (stepsPerEpoch); keys from the logs when params name none', async () => {
    const p = params({ epochs: 1, samples: null, steps: 4, verbose: 1, metrics: [] });
    const out = await drive(p, [
      [0, ['begin', 0]],
      [500, ['batch', 0, { size: 32, loss: 1 }]],
      [1000, ['batch', 1, { size: 32, loss: 2 }]],
      [1500, ['batch', 2, { size: 32, loss: 3 }]],
      [2000, ['batch', 3, { size: 32, loss: 4 }]],
      [2100, ['end', 0, { loss: 2.5 }]],
    ], { isTTY: false, lineInterval: 0 });
    expect(out).toEqual([
      ['Epoch 1/1', false],
      [`1/4 ${bar(7, true)} - ETA: 1s - loss: 1.0000`, false],
      [`2/4 ${bar(15, true)} - ETA: 1s - loss: 1.5000`, false],
      [`3/4 ${bar(22, true)} - ETA: 0s - loss: 2.0000`, false],
      [`4/4 ${bar(30, false)} - 2s 525ms/step - loss: 2.5000`, false],
    ]);
  });

  it('verbose 2: the epoch header and one summary line per epoch (seconds rounded half to even)', async () => {
    const p = params({ epochs: 10, samples: 8, verbose: 2, metrics: ['loss', 'acc', 'val_loss'] });
    const out = await drive(p, [
      [0, ['begin', 2]],
      [1000, ['batch', 0, { size: 4, loss: 9 }]],
      [2500, ['end', 2, { loss: 0.12344, acc: 0.9, val_loss: 0.23456 }]],
    ]);
    expect(out).toEqual([
      ['Epoch 3/10', false],
      [' - 2s - loss: 0.1234 - acc: 0.9000 - val_loss: 0.2346', false],
    ]);
  });

  it('verbose 0 prints nothing', async () => {
    const out = await drive(params({ epochs: 1, samples: 4, verbose: 0 }), [
      [0, ['begin', 0]], [1, ['batch', 0, { size: 4, loss: 1 }]], [2, ['end', 0, { loss: 1 }]],
    ]);
    expect(out).toEqual([]);
  });

  it('the default sink writes to process.stdout: \\r for in-place lines, a newline to finish', async () => {
    const writes: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => { writes.push(String(s)); return true; });
    let t = 0;
    const logger = new callbacks.ProgbarLogger({ isTTY: true, now: () => t });
    logger.setParams(params({ epochs: 1, samples: 2, verbose: 1, metrics: ['loss'] }));
    logger.onTrainBegin();
    logger.onEpochBegin(0);
    t = 1000;
    logger.onBatchEnd(0, { size: 1, loss: 1 });
    logger.onBatchEnd(1, { size: 1, loss: 1 });
    t = 2000;
    logger.onEpochEnd(0, { loss: 1 });
    vi.restoreAllMocks();
    expect(writes).toEqual([
      'Epoch 1/1\n',
      `\r1/2 ${bar(15, true)} - ETA: 1s - loss: 1.0000`,
      `\r2/2 ${bar(30, false)} - 2s 1s/step - loss: 1.0000\n`,
    ]);
  });

  it('rejects bad options; needs params', () => {
    expect(() => new callbacks.ProgbarLogger({ countMode: 'epochs' as 'steps' })).toThrow(`ProgbarLogger: countMode must be 'samples' or 'steps', got "epochs"`);
    expect(() => new callbacks.ProgbarLogger({ interval: -1 })).toThrow('ProgbarLogger: interval must be a number >= 0, got -1');
    expect(() => callbacks.progbarLogger().onTrainBegin()).toThrow('ProgbarLogger: no params set; setParams must be called before training');
  });
});
