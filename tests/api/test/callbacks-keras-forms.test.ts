import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { callbacks } from '@layerwise/api';
import { FakeModel, runEpochs } from './callbacks-fake-model.js';

/** The settings a callback ended up with, for comparing two ways of making it. */
function settings(cb: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(cb)) if (typeof v !== 'object' || v === null) out[k] = v;
  return out;
}

describe("callbacks take Keras's positional arguments", () => {
  const dir = mkdtempSync(join(tmpdir(), 'layerwise-keras-forms-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('LearningRateScheduler(schedule, verbose) sets the rate each epoch', async () => {
    const model = new FakeModel(0.1);
    const seen: number[] = [];
    const lrs = new callbacks.LearningRateScheduler((epoch: number) => 0.5 / (epoch + 1), 0);
    expect(lrs.verbose).toBe(0);
    await runEpochs([lrs], model, [{}, {}, {}], () => seen.push(model.optimizer!.learningRate as number));
    expect(seen).toEqual([0.5, 0.25, 0.5 / 3]);
    expect(new callbacks.LearningRateScheduler((_e: number, lr: number) => lr, 1).verbose).toBe(1);
  });

  it('CSVLogger(filename, separator, append) writes with that separator and appends', async () => {
    const file = join(dir, 'log.csv');
    writeFileSync(file, 'epoch;loss\r\n0;9.0\r\n');
    const logger = new callbacks.CSVLogger(file, ';', true);
    expect([logger.filename, logger.separator, logger.append]).toEqual([file, ';', true]);
    await runEpochs([logger], new FakeModel(), [{ loss: 0.5 }]);
    expect(readFileSync(file, 'utf8')).toBe('epoch;loss\r\n0;9.0\r\n0;0.5\r\n');
    expect(settings(new callbacks.CSVLogger('a.csv'))).toEqual(settings(new callbacks.CSVLogger({ filename: 'a.csv' })));
  });

  it('ModelCheckpoint(filepath, monitor, verbose, saveBestOnly, ...) equals the options form', async () => {
    const positional = new callbacks.ModelCheckpoint('w{epoch}.h5', 'loss', 0, true, false, 'min', 2);
    const options = new callbacks.ModelCheckpoint({ filepath: 'w{epoch}.h5', monitor: 'loss', verbose: 0, saveBestOnly: true, saveWeightsOnly: false, mode: 'min', period: 2 });
    expect(settings(positional)).toEqual(settings(options));
    expect(positional.period).toBe(2);
    const model = new FakeModel();
    await runEpochs([new callbacks.ModelCheckpoint('m{epoch}', 'loss', 0, true)], model, [{ loss: 1 }, { loss: 2 }, { loss: 0.5 }]);
    expect(model.saves).toEqual(['m1', 'm3']);
  });

  it('a first positional argument may be followed by an options object for the rest', () => {
    const cp = new callbacks.ModelCheckpoint('w.h5', { saveBestOnly: true, monitor: 'val_acc' });
    expect([cp.filepath, cp.saveBestOnly, cp.monitor, cp.mode]).toEqual(['w.h5', true, 'val_acc', 'max']);
    const es = new callbacks.EarlyStopping('loss', { patience: 4 });
    expect([es.monitor, es.patience]).toEqual(['loss', 4]);
  });

  it('EarlyStopping(monitor, minDelta, patience, verbose, mode, baseline, restoreBestWeights) stops as the options form does', async () => {
    const positional = new callbacks.EarlyStopping('loss', 0.01, 1, 0, 'min', undefined, true);
    expect(settings(positional)).toEqual(settings(new callbacks.EarlyStopping({ monitor: 'loss', minDelta: 0.01, patience: 1, mode: 'min', restoreBestWeights: true })));
    const ran = await runEpochs([new callbacks.EarlyStopping('loss', 0, 1)], new FakeModel(), [{ loss: 1 }, { loss: 2 }, { loss: 3 }, { loss: 0 }]);
    expect(ran).toEqual([0, 1]);
  });

  it('ReduceLROnPlateau(monitor, factor, patience, ...) equals the options form', () => {
    const positional = new callbacks.ReduceLROnPlateau('loss', 0.5, 2, 0, 'min', 0.001, 1, 1e-4);
    expect(settings(positional)).toEqual(settings(new callbacks.ReduceLROnPlateau({
      monitor: 'loss', factor: 0.5, patience: 2, mode: 'min', minDelta: 0.001, cooldown: 1, minLr: 1e-4,
    })));
    expect(positional.factor).toBe(0.5);
  });

  it('LambdaCallback(onEpochBegin, onEpochEnd, ...) calls the hooks in Keras\'s order', async () => {
    const calls: string[] = [];
    const cb = new callbacks.LambdaCallback((e: number) => { calls.push(`begin ${e}`); }, (e: number) => { calls.push(`end ${e}`); });
    await runEpochs([cb], new FakeModel(), [{}, {}]);
    expect(calls).toEqual(['begin 0', 'end 0', 'begin 1', 'end 1']);
  });

  it('refuses an argument given twice, too many arguments, and a missing required one', () => {
    expect(() => new callbacks.ModelCheckpoint('w.h5', { filepath: 'x.h5' } as never)).toThrow(
      "ModelCheckpoint: 'filepath' is given twice, as positional argument 1 and in the options object");
    expect(() => new (callbacks.CSVLogger as new (...a: unknown[]) => unknown)('a.csv', ',', false, 1)).toThrow(
      'CSVLogger: takes at most 3 positional arguments (filename, separator, append), got 4');
    expect(() => new (callbacks.LearningRateScheduler as new (...a: unknown[]) => unknown)()).toThrow(
      'LearningRateScheduler: schedule must be a function (epoch, lr) => lr, got undefined');
    expect(() => new callbacks.EarlyStopping('loss', -1)).toThrow(/EarlyStopping: minDelta must be/);
  });
});
