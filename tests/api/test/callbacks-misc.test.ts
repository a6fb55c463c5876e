import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { callbacks } from '@layerwise/api';
import { FakeModel, params, runEpochs } from './callbacks-fake-model.js';

afterEach(() => vi.restoreAllMocks());

describe('CSVLogger', () => {
  const dir = mkdtempSync(join(tmpdir(), 'layerwise-csv-'));
  afterEach(() => rmSync(join(dir, 'log.csv'), { force: true }));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a header of sorted keys and one row per epoch, as Python csv writes them', async () => {
    const file = join(dir, 'log.csv');
    writeFileSync(file, 'old content\n');
    await runEpochs([new callbacks.CSVLogger({ filename: file })], new FakeModel(), [
      { loss: 0.5, acc: 0.75, val_loss: 0.25 },
      { loss: 0.125, acc: 1, val_loss: 1e-5 },
    ]);
    expect(readFileSync(file, 'utf8')).toBe('epoch,acc,loss,val_loss\r\n0,0.75,0.5,0.25\r\n1,1.0,0.125,1e-05\r\n');
  });

  it('quotes fields holding the separator; nan/inf/long floats as Python repr', async () => {
    const file = join(dir, 'log.csv');
    await runEpochs([new callbacks.CSVLogger({ filename: file, separator: ';' })], new FakeModel(), [
      { 'a;b': 0.1 + 0.2, acc: 0.75, loss: NaN, val_loss: 1e-5 },
      { 'a;b': 1, acc: 1, loss: Infinity, val_loss: 123456789 },
    ]);
    // Written by CPython's csv.DictWriter(delimiter=';') for the same rows.
    expect(readFileSync(file, 'utf8')).toBe('epoch;"a;b";acc;loss;val_loss\r\n0;0.30000000000000004;0.75;nan;1e-05\r\n1;1.0;1.0;inf;123456789.0\r\n');
  });

  it('append mode adds rows after an existing header, and writes a header into a missing or empty file', async () => {
    const file = join(dir, 'log.csv');
    const logger = new callbacks.CSVLogger({ filename: file, append: true });
    await runEpochs([logger], new FakeModel(), [{ loss: 2 }]);
    await runEpochs([logger], new FakeModel(), [{ loss: 1 }, { loss: 0.5 }]);
    expect(readFileSync(file, 'utf8')).toBe('epoch,loss\r\n0,2.0\r\n0,1.0\r\n1,0.5\r\n');
    writeFileSync(file, '');
    await runEpochs([new callbacks.CSVLogger({ filename: file, append: true })], new FakeModel(), [{ loss: 3 }]);
    expect(readFileSync(file, 'utf8')).toBe('epoch,loss\r\n0,3.0\r\n');
  });

  it('a key missing from a later epoch is written as NA', async () => {
    const file = join(dir, 'log.csv');
    await runEpochs([new callbacks.CSVLogger({ filename: file })], new FakeModel(), [{ loss: 1, val_loss: 2 }, { loss: 0.5 }]);
    expect(readFileSync(file, 'utf8')).toBe('epoch,loss,val_loss\r\n0,1.0,2.0\r\n1,0.5,NA\r\n');
  });

  it('rejects bad options', () => {
    expect(() => new callbacks.CSVLogger({ filename: '' })).toThrow('CSVLogger: filename must be a non-empty string, got ""');
    expect(() => new callbacks.CSVLogger({ filename: 'x', separator: ';;' })).toThrow('CSVLogger: separator must be one character other than a quote or a line break, got ";;"');
  });
});

describe('TerminateOnNaN', () => {
  it('stops training on a NaN or infinite batch loss, not on finite ones', async () => {
    for (const [loss, stops] of [[NaN, true], [Infinity, true], [-Infinity, true], [1e30, false]] as const) {
      const log = vi.spyOn(console, 'log').mockImplementation(() => {});
      const model = new FakeModel();
      const list = new callbacks.CallbackList([callbacks.terminateOnNaN()]);
      list.setModel(model);
      await list.call('onTrainBatchEnd', 4, { batch: 4, size: 2, loss });
      expect(model.stopTraining).toBe(stops);
      expect(log.mock.calls.map((c) => c[0])).toEqual(stops ? ['Batch 4: Invalid loss, terminating training'] : []);
      log.mockRestore();
    }
  });
});

describe('LambdaCallback', () => {
  it('calls each given function with the hook arguments (batch hooks on training batches)', async () => {
    const calls: string[] = [];
    const cb = new callbacks.LambdaCallback({
      onTrainBegin: () => { calls.push('trainBegin'); },
      onEpochBegin: (e) => { calls.push(`epochBegin ${e}`); },
      onBatchBegin: (b, logs) => { calls.push(`batchBegin ${b} ${logs?.size}`); },
      onBatchEnd: async (b, logs) => { await Promise.resolve(); calls.push(`batchEnd ${b} ${logs?.loss}`); },
      onEpochEnd: (e, logs) => { calls.push(`epochEnd ${e} ${logs?.loss}`); },
      onTrainEnd: () => { calls.push('trainEnd'); },
    });
    const list = new callbacks.CallbackList([cb]);
    list.setModel(new FakeModel());
    list.setParams(params());
    await list.call('onTrainBegin', {});
    await list.call('onEpochBegin', 0, {});
    await list.call('onTrainBatchBegin', 0, { batch: 0, size: 8 });
    await list.call('onTrainBatchEnd', 0, { batch: 0, size: 8, loss: 0.5 });
    await list.call('onTestBatchEnd', 0, { batch: 0, size: 8, loss: 9 });
    await list.call('onEpochEnd', 0, { loss: 0.25 });
    await list.call('onTrainEnd', {});
    expect(calls).toEqual(['trainBegin', 'epochBegin 0', 'batchBegin 0 8', 'batchEnd 0 0.5', 'epochEnd 0 0.25', 'trainEnd']);
  });

  it('hooks not given do nothing; unknown options and non-functions are rejected', async () => {
    const ends: number[] = [];
    await runEpochs([callbacks.lambdaCallback({ onEpochEnd: (e) => { ends.push(e); } })], new FakeModel(), [{}, {}]);
    expect(ends).toEqual([0, 1]);
    expect(() => new callbacks.LambdaCallback({ onEpochStart: () => {} } as never))
      .toThrow("LambdaCallback: unknown option 'onEpochStart'; the closest known option is 'onEpochBegin'");
    expect(() => new callbacks.LambdaCallback({ onEpochEnd: 3 } as never)).toThrow('LambdaCallback: onEpochEnd must be a function, got number');
  });
});
