import { afterEach, describe, expect, it, vi } from 'vitest';
import { callbacks, memory } from '@layerwise/api';
import { FakeModel, runEpochs } from './callbacks-fake-model.js';

const vl = (...values: number[]) => values.map((v) => ({ val_loss: v, loss: 1 }));
const va = (...values: number[]) => values.map((v) => ({ val_acc: v, loss: 1 }));

afterEach(() => vi.restoreAllMocks());

describe('EarlyStopping', () => {
  it('min mode: stops once patience epochs pass without a lower val_loss', async () => {
    const model = new FakeModel();
    const es = new callbacks.EarlyStopping({ patience: 2 });
    // best 1.0, 0.9 (improves), 0.95 (wait 1), 0.92 (wait 2 -> stop at epoch 3)
    const ran = await runEpochs([es], model, vl(1.0, 0.9, 0.95, 0.92, 0.8, 0.7));
    expect(ran).toEqual([0, 1, 2, 3]);
    expect(es.stoppedEpoch).toBe(3);
    expect(es.best).toBe(0.9);
    expect(model.stopTraining).toBe(true);
  });

  it('patience 0 stops at the first epoch that does not improve', async () => {
    const es = new callbacks.EarlyStopping({ monitor: 'loss' });
    const ran = await runEpochs([es], new FakeModel(), [{ loss: 3 }, { loss: 2 }, { loss: 2 }, { loss: 1 }]);
    expect(ran).toEqual([0, 1, 2]);
  });

  it("auto mode maximises a monitor with 'acc' in its name; explicit max and min override", async () => {
    const auto = new callbacks.EarlyStopping({ monitor: 'val_acc', patience: 1 });
    expect(auto.mode).toBe('max');
    // 0.5, 0.6 (improves), 0.6 (equal is no improvement: wait 1 -> stop at epoch 2)
    expect(await runEpochs([auto], new FakeModel(), va(0.5, 0.6, 0.6, 0.9))).toEqual([0, 1, 2]);

    const max = new callbacks.EarlyStopping({ monitor: 'val_loss', mode: 'max', patience: 1 });
    expect(await runEpochs([max], new FakeModel(), vl(1, 2, 3, 2.5, 4))).toEqual([0, 1, 2, 3]);

    const min = new callbacks.EarlyStopping({ monitor: 'val_acc', mode: 'min', patience: 1 });
    expect(await runEpochs([min], new FakeModel(), va(0.5, 0.4, 0.45))).toEqual([0, 1, 2]);
  });

  it('minDelta: smaller changes do not count as improvements (both modes)', async () => {
    const withDelta = new callbacks.EarlyStopping({ minDelta: 0.05, patience: 2 });
    // 0.97 and 0.96 are within 0.05 of the best 1.0: wait 1, wait 2 -> stop at epoch 2
    expect(await runEpochs([withDelta], new FakeModel(), vl(1.0, 0.97, 0.96, 0.5))).toEqual([0, 1, 2]);
    const noDelta = new callbacks.EarlyStopping({ patience: 2 });
    expect(await runEpochs([noDelta], new FakeModel(), vl(1.0, 0.97, 0.96, 0.5))).toEqual([0, 1, 2, 3]);

    const maxDelta = new callbacks.EarlyStopping({ monitor: 'val_acc', minDelta: 0.1, patience: 1 });
    // 0.55 is not > 0.5 + 0.1: stop at epoch 1; best stays 0.5
    expect(await runEpochs([maxDelta], new FakeModel(), va(0.5, 0.55, 0.9))).toEqual([0, 1]);
    expect(maxDelta.best).toBe(0.5);
  });

  it('baseline: training stops if the baseline is not beaten within patience', async () => {
    const es = new callbacks.EarlyStopping({ baseline: 0.5, patience: 2 });
    expect(await runEpochs([es], new FakeModel(), vl(0.6, 0.55, 0.4, 0.3))).toEqual([0, 1]);
    const beaten = new callbacks.EarlyStopping({ baseline: 0.5, patience: 2 });
    // 0.45 beats the baseline at epoch 1 and resets the wait; 0.46, 0.47 -> stop at epoch 3
    expect(await runEpochs([beaten], new FakeModel(), vl(0.6, 0.45, 0.46, 0.47, 0.1))).toEqual([0, 1, 2, 3]);
    expect(beaten.best).toBe(0.45);
  });

  it('state resets at each training run', async () => {
    const es = new callbacks.EarlyStopping({ patience: 1 });
    expect(await runEpochs([es], new FakeModel(), vl(0.1, 0.2, 0.3))).toEqual([0, 1]);
    expect(await runEpochs([es], new FakeModel(), vl(5, 4, 3, 3))).toEqual([0, 1, 2, 3]);
    expect(es.best).toBe(3);
  });

  it('restoreBestWeights: restores the best epoch weights by value when stopping, leaking nothing', async () => {
    const model = new FakeModel(0.1, [[0, 0, 0], [0]]);
    const before = memory().buffers;
    const es = new callbacks.EarlyStopping({ patience: 2, restoreBestWeights: true });
    // Epoch e trains the weights to e + 1; the best val_loss is at epoch 1 (weights 2).
    const ran = await runEpochs([es], model, vl(0.5, 0.3, 0.4, 0.35, 0.1), (e) => model.fill(e + 1));
    expect(ran).toEqual([0, 1, 2, 3]);
    expect(model.values()).toEqual([[2, 2, 2], [2]]);
    expect(memory().buffers).toBe(before);
    model.dispose();
  });

  it('restoreBestWeights: keeps the final weights when training is not stopped early (Keras 2)', async () => {
    const model = new FakeModel(0.1, [[0, 0]]);
    const before = memory().buffers;
    const es = new callbacks.EarlyStopping({ patience: 5, restoreBestWeights: true });
    await runEpochs([es], model, vl(0.5, 0.3, 0.4), (e) => model.fill(e + 1));
    expect(model.values()).toEqual([[3, 3]]);
    expect(memory().buffers).toBe(before);
    model.dispose();
  });

  it('restoreBestWeights with an unbeaten baseline has nothing to restore and keeps the weights', async () => {
    const model = new FakeModel(0.1, [[0]]);
    const es = new callbacks.EarlyStopping({ baseline: 0.1, patience: 1, restoreBestWeights: true });
    expect(await runEpochs([es], model, vl(0.5, 0.4), (e) => model.fill(e + 1))).toEqual([0]);
    expect(model.values()).toEqual([[1]]);
    model.dispose();
  });

  it('a missing monitor warns once and never stops', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const es = new callbacks.EarlyStopping({ monitor: 'val_auc' });
    expect(await runEpochs([es], new FakeModel(), vl(1, 2, 3))).toEqual([0, 1, 2]);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0][0]).toBe('Early stopping conditioned on metric `val_auc` which is not available. Available metrics are: val_loss,loss');
  });

  it('verbose 1 prints the stop epoch like Keras', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    await runEpochs([new callbacks.EarlyStopping({ verbose: 1 })], new FakeModel(), vl(1, 2));
    expect(log.mock.calls.map((c) => c[0])).toEqual(['Epoch 00002: early stopping']);
  });

  it('rejects bad options', () => {
    expect(() => new callbacks.EarlyStopping({ mode: 'bogus' as 'min' })).toThrow(`EarlyStopping: mode must be 'auto', 'min' or 'max', got "bogus"`);
    expect(() => new callbacks.EarlyStopping({ patience: -1 })).toThrow('EarlyStopping: patience must be an integer >= 0, got -1');
    expect(() => new callbacks.EarlyStopping({ patience: 1.5 })).toThrow('EarlyStopping: patience must be an integer >= 0, got 1.5');
    expect(() => new callbacks.EarlyStopping({ minDelta: -0.1 })).toThrow('EarlyStopping: minDelta must be a finite number >= 0, got -0.1');
    expect(() => new callbacks.EarlyStopping({ baseline: NaN })).toThrow('EarlyStopping: baseline must be a finite number, got NaN');
    expect(() => new callbacks.EarlyStopping({ monitor: '' })).toThrow('EarlyStopping: monitor must be a non-empty string, got ""');
  });

  it('factory callbacks.earlyStopping is the class', () => {
    const es = callbacks.earlyStopping({ monitor: 'acc', patience: 3 });
    expect(es).toBeInstanceOf(callbacks.EarlyStopping);
    expect([es.monitor, es.patience, es.mode]).toEqual(['acc', 3, 'max']);
  });
});
