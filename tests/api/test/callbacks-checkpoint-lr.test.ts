import { afterEach, describe, expect, it, vi } from 'vitest';
import { callbacks, optimizers } from '@layerwise/api';
import { FakeModel, FakeModelWithWeights, runEpochs } from './callbacks-fake-model.js';

afterEach(() => vi.restoreAllMocks());

describe('ModelCheckpoint', () => {
  it('saveBestOnly saves only on improvement, with the Python-formatted path', async () => {
    const model = new FakeModel();
    const cp = new callbacks.ModelCheckpoint({ filepath: 'w.{epoch:02d}-{val_loss:.2f}.h5', saveBestOnly: true });
    await runEpochs([cp], model, [{ val_loss: 0.5 }, { val_loss: 0.6 }, { val_loss: 0.456 }, { val_loss: 0.456 }, { val_loss: 0.0349 }]);
    expect(model.saves).toEqual(['w.01-0.50.h5', 'w.03-0.46.h5', 'w.05-0.03.h5']);
    expect(cp.best).toBe(0.0349);
  });

  it("saves every period epochs without saveBestOnly; 'acc' monitors maximise", async () => {
    const model = new FakeModel();
    const cp = new callbacks.ModelCheckpoint({ filepath: 'ckpt-{epoch}-{loss:.3e}-{{x}}', period: 2 });
    await runEpochs([cp], model, [{ loss: 0.5 }, { loss: 0.25 }, { loss: 0.125 }, { loss: 0.0001234 }]);
    expect(model.saves).toEqual(['ckpt-2-2.500e-01-{x}', 'ckpt-4-1.234e-04-{x}']);

    const best = new FakeModel();
    const acc = new callbacks.ModelCheckpoint({ filepath: 'a{epoch:03d}_{val_acc:.1%}', monitor: 'val_acc', saveBestOnly: true });
    expect(acc.mode).toBe('max');
    await runEpochs([acc], best, [{ val_acc: 0.5 }, { val_acc: 0.75 }, { val_acc: 0.7 }]);
    expect(best.saves).toEqual(['a001_50.0%', 'a002_75.0%']);
  });

  it("paths format numbers exactly as Python's str.format (ties to even, nan/inf, widths, signs)", async () => {
    const model = new FakeModel();
    const template = '{loss:.2f}|{loss:.0f}|{loss:e}|{loss:g}|{loss}|{loss:+08.3f}|{loss:>8.1f}|{loss:<6.1f}|{loss:^9.2e}|{loss:.3g}|{epoch:03d}|{epoch:>4}';
    const losses = [0.125, 2.5, 1e-5, 123456789, -0.0625, NaN, Infinity, 1e16, 0.1 + 0.2, 3.5, 0.0001];
    await runEpochs([new callbacks.ModelCheckpoint({ filepath: template })], model, losses.map((loss) => ({ loss })));
    // Expected strings printed by CPython 3 for template.format(loss=v, epoch=i + 1).
    expect(model.saves).toEqual([
      '0.12|0|1.250000e-01|0.125|0.125|+000.125|     0.1|0.1   |1.25e-01 |0.125|001|   1',
      '2.50|2|2.500000e+00|2.5|2.5|+002.500|     2.5|2.5   |2.50e+00 |2.5|002|   2',
      '0.00|0|1.000000e-05|1e-05|1e-05|+000.000|     0.0|0.0   |1.00e-05 |1e-05|003|   3',
      '123456789.00|123456789|1.234568e+08|1.23457e+08|123456789.0|+123456789.000|123456789.0|123456789.0|1.23e+08 |1.23e+08|004|   4',
      '-0.06|-0|-6.250000e-02|-0.0625|-0.0625|-000.062|    -0.1|-0.1  |-6.25e-02|-0.0625|005|   5',
      'nan|nan|nan|nan|nan|+0000nan|     nan|nan   |   nan   |nan|006|   6',
      'inf|inf|inf|inf|inf|+0000inf|     inf|inf   |   inf   |inf|007|   7',
      '10000000000000000.00|10000000000000000|1.000000e+16|1e+16|1e+16|+10000000000000000.000|10000000000000000.0|10000000000000000.0|1.00e+16 |1e+16|008|   8',
      '0.30|0|3.000000e-01|0.3|0.30000000000000004|+000.300|     0.3|0.3   |3.00e-01 |0.3|009|   9',
      '3.50|4|3.500000e+00|3.5|3.5|+003.500|     3.5|3.5   |3.50e+00 |3.5|010|  10',
      '0.00|0|1.000000e-04|0.0001|0.0001|+000.000|     0.0|0.0   |1.00e-04 |0.0001|011|  11',
    ]);
  });

  it('best persists across fit calls, as in Keras 2', async () => {
    const model = new FakeModel();
    const cp = new callbacks.ModelCheckpoint({ filepath: 'm{epoch}', monitor: 'loss', saveBestOnly: true });
    await runEpochs([cp], model, [{ loss: 1 }]);
    await runEpochs([cp], model, [{ loss: 2 }, { loss: 0.5 }]);
    expect(model.saves).toEqual(['m1', 'm2']);
  });

  it('saveWeightsOnly calls saveWeights; a model without it is rejected at train begin', async () => {
    const model = new FakeModelWithWeights();
    await runEpochs([new callbacks.ModelCheckpoint({ filepath: 'w{epoch}.h5', saveWeightsOnly: true })], model, [{ loss: 1 }, { loss: 2 }]);
    expect(model.weightSaves).toEqual(['w1.h5', 'w2.h5']);
    expect(model.saves).toEqual([]);
    await expect(runEpochs([new callbacks.ModelCheckpoint({ filepath: 'w', saveWeightsOnly: true })], new FakeModel(), [{ loss: 1 }]))
      .rejects.toThrow('ModelCheckpoint: saveWeightsOnly needs a model with a saveWeights(path) method');
  });

  it('a path naming a missing log key is a clear error; a missing monitor warns and skips', async () => {
    await expect(runEpochs([new callbacks.ModelCheckpoint({ filepath: 'w{val_acc:.2f}' })], new FakeModel(), [{ loss: 1 }]))
      .rejects.toThrow("format: '{val_acc:.2f}' in 'w{val_acc:.2f}' names 'val_acc', which is not among: loss, epoch");
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const model = new FakeModel();
    await runEpochs([new callbacks.ModelCheckpoint({ filepath: 'w', saveBestOnly: true })], model, [{ loss: 1 }, { loss: 1 }]);
    expect(model.saves).toEqual([]);
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('verbose messages match Keras', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const cp = new callbacks.ModelCheckpoint({ filepath: 'm{epoch}', saveBestOnly: true, verbose: 1 });
    await runEpochs([cp], new FakeModel(), [{ val_loss: 0.5 }, { val_loss: 0.7 }]);
    expect(log.mock.calls.map((c) => c[0])).toEqual([
      '\nEpoch 00001: val_loss improved from inf to 0.50000, saving model to m1',
      '\nEpoch 00002: val_loss did not improve from 0.50000',
    ]);
  });

  it('rejects bad options', () => {
    expect(() => new callbacks.ModelCheckpoint({ filepath: '' })).toThrow('ModelCheckpoint: filepath must be a non-empty string, got ""');
    expect(() => new callbacks.ModelCheckpoint({ filepath: 'x', period: 0 })).toThrow('ModelCheckpoint: period must be an integer >= 1, got 0');
    expect(() => new callbacks.ModelCheckpoint({ filepath: 'x', mode: 'up' as 'max' })).toThrow(`ModelCheckpoint: mode must be 'auto', 'min' or 'max', got "up"`);
  });
});

describe('ReduceLROnPlateau', () => {
  it('reduces after patience, waits out the cooldown, and never goes below minLr', async () => {
    const model = new FakeModel(1);
    const lrs: number[] = [];
    const logged: number[] = [];
    const rlr = new callbacks.ReduceLROnPlateau({ factor: 0.5, patience: 2, cooldown: 1, minLr: 0.2 });
    const spy = { onEpochEnd: (_e: number, logs?: callbacks.Logs) => { lrs.push(model.optimizer!.learningRate as number); logged.push(logs!.lr); } };
    // A flat val_loss: epoch 0 sets the best; hand trace (wait, cooldown counter) of Keras 2's rule:
    // e1 w1 | e2 w2 -> 0.5, cd 1 | e3 cd 0, w1 | e4 w2 -> 0.25, cd 1 | e5 w1 | e6 w2 -> max(0.125, 0.2) = 0.2 | e7 w1 | e8 w2, lr at minLr: no change
    await runEpochs([rlr, spy], model, new Array(9).fill({ val_loss: 1 }));
    expect(lrs).toEqual([1, 1, 0.5, 0.5, 0.25, 0.25, 0.2, 0.2, 0.2]);
    expect(logged).toEqual([1, 1, 1, 0.5, 0.5, 0.25, 0.25, 0.2, 0.2]);
  });

  it('an improvement larger than minDelta resets the wait; a smaller one does not', async () => {
    const model = new FakeModel(0.1);
    const rlr = new callbacks.ReduceLROnPlateau({ patience: 2, minDelta: 0.01 });
    const lrs: number[] = [];
    const spy = { onEpochEnd: () => { lrs.push(model.optimizer!.learningRate as number); } };
    // e0 best 1 | e1 0.995 (not < 0.99): w1 | e2 0.98 improves: w0 | e3 w1 | e4 w2 -> 0.1 * 0.1
    await runEpochs([rlr, spy], model, [1, 0.995, 0.98, 0.98, 0.975].map((v) => ({ val_loss: v })));
    expect(lrs.map((x) => +x.toPrecision(12))).toEqual([0.1, 0.1, 0.1, 0.1, 0.01]);
  });

  it("'acc' monitors are maximised", async () => {
    const model = new FakeModel(0.5);
    const rlr = new callbacks.ReduceLROnPlateau({ monitor: 'val_acc', patience: 1, factor: 0.5 });
    await runEpochs([rlr], model, [0.5, 0.6, 0.55].map((v) => ({ val_acc: v })));
    expect(model.optimizer!.learningRate).toBe(0.25);
  });

  it('rejects bad options and optimizers it cannot change', async () => {
    expect(() => new callbacks.ReduceLROnPlateau({ factor: 1 })).toThrow('ReduceLROnPlateau: factor must be >= 0 and < 1 (ReduceLROnPlateau does not support a factor >= 1.0), got 1');
    expect(() => new callbacks.ReduceLROnPlateau({ cooldown: -2 })).toThrow('ReduceLROnPlateau: cooldown must be an integer >= 0, got -2');
    expect(() => new callbacks.ReduceLROnPlateau({ minLr: -1 })).toThrow('ReduceLROnPlateau: minLr must be a finite number >= 0, got -1');
    await expect(runEpochs([new callbacks.ReduceLROnPlateau()], new FakeModel(null), [{ val_loss: 1 }]))
      .rejects.toThrow('ReduceLROnPlateau: the model has no optimizer (compile the model first)');
    const scheduled = new FakeModel();
    class Constant extends optimizers.LearningRateSchedule {
      readonly className = 'Constant';
      at(): number { return 0.1; }
      getConfig(): Record<string, unknown> { return {}; }
    }
    scheduled.optimizer = new optimizers.SGD({ learningRate: new Constant() });
    await expect(runEpochs([new callbacks.ReduceLROnPlateau()], scheduled, [{ val_loss: 1 }]))
      .rejects.toThrow("ReduceLROnPlateau: the optimizer's learningRate is a schedule; this callback needs a numeric learningRate");
  });
});

describe('LearningRateScheduler', () => {
  it('sets the learning rate from schedule(epoch, lr) before each epoch and logs it', async () => {
    const model = new FakeModel(0.1);
    const seen: number[] = [];
    const logged: number[] = [];
    const sched = new callbacks.LearningRateScheduler({ schedule: (epoch, lr) => (epoch < 2 ? lr : lr / 2) });
    const spy = {
      onEpochBegin: () => { seen.push(model.optimizer!.learningRate as number); },
      onEpochEnd: (_e: number, logs?: callbacks.Logs) => { logged.push(logs!.lr); },
    };
    await runEpochs([sched, spy], model, new Array(4).fill({ loss: 1 }));
    expect(seen).toEqual([0.1, 0.1, 0.05, 0.025]);
    expect(logged).toEqual([0.1, 0.1, 0.05, 0.025]);
  });

  it('a schedule of the epoch alone works; a bad return value is a clear error', async () => {
    const model = new FakeModel(0.1);
    await runEpochs([callbacks.learningRateScheduler({ schedule: (e) => 1 / (e + 1) })], model, new Array(4).fill({}));
    expect(model.optimizer!.learningRate).toBe(0.25);
    await expect(runEpochs([new callbacks.LearningRateScheduler({ schedule: () => NaN })], new FakeModel(), [{}]))
      .rejects.toThrow('LearningRateScheduler: schedule(0, lr) must return a finite number >= 0, got NaN');
    expect(() => new callbacks.LearningRateScheduler({} as never)).toThrow('LearningRateScheduler: schedule must be a function (epoch, lr) => lr, got undefined');
  });
});
