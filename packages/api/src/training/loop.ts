import { batchYielder } from '../engine/yield.js';
import type { Compiled } from './compiled.js';
import type { CallbackList, Logs } from '../callbacks/callback.js';
import { numSamples } from './host-data.js';
import { testStep, trainStep, type HostBatch, type StepModel } from './step.js';
import type { RunSignal } from './run-signal.js';

/** Where an epoch's batches come from: arrays cut into batches, or a generator. */
export interface BatchProvider {
  /** The batches of epoch `epoch` (at most `steps` of them when steps is set). */
  batches(epoch: number): AsyncIterable<HostBatch>;
}

export interface TrainingModel extends StepModel {
  stopTraining: boolean;
}

export interface FitLoopArgs {
  epochs: number;
  initialEpoch: number;
  callbacks: CallbackList;
  train: BatchProvider;
  /** Evaluated after each epoch; its logs get the `val_` prefix. */
  validation: BatchProvider | null;
  /** The caller's abort, checked between batches (waits for a batch watch it themselves). */
  run?: RunSignal;
}

/** The epoch loop shared by fit and fitGenerator. */
export async function fitLoop(model: TrainingModel, compiled: Compiled, args: FitLoopArgs): Promise<void> {
  const { callbacks } = args;
  model.stopTraining = false;
  const yieldNow = batchYielder();
  await callbacks.call('onTrainBegin', {});
  for (let epoch = args.initialEpoch; epoch < args.epochs; epoch++) {
    compiled.resetMetrics();
    await callbacks.call('onEpochBegin', epoch, {});
    let step = 0;
    for await (const batch of args.train.batches(epoch)) {
      const size = numSamples(batch.xs[0]);
      await callbacks.call('onTrainBatchBegin', step, { batch: step, size });
      compiled.accumulate(await trainStep(model, compiled, batch), size);
      await callbacks.call('onTrainBatchEnd', step, { batch: step, size, ...compiled.logs('lastBatch') });
      step++;
      args.run?.throwIfAborted();
      if (model.stopTraining) break;
      await yieldNow();
    }
    args.run?.throwIfAborted();
    const logs: Logs = compiled.logs('result');
    if (args.validation && !model.stopTraining) {
      const val = await evaluateLoop(model, compiled, args.validation, callbacks, epoch, args.run);
      for (const [k, v] of Object.entries(val)) logs[`val_${k}`] = v;
    }
    await callbacks.call('onEpochEnd', epoch, logs);
    if (model.stopTraining) break;
  }
  await callbacks.call('onTrainEnd', {});
}

/** Loss and metrics averaged over every batch (Keras 2: weighted by batch size). */
export async function evaluateLoop(model: StepModel, compiled: Compiled, provider: BatchProvider,
  callbacks: CallbackList | null, epoch = 0, run?: RunSignal): Promise<Logs> {
  compiled.resetMetrics();
  const yieldNow = batchYielder();
  await callbacks?.call('onTestBegin', {});
  let step = 0;
  for await (const batch of provider.batches(epoch)) {
    const size = numSamples(batch.xs[0]);
    await callbacks?.call('onTestBatchBegin', step, { batch: step, size });
    compiled.accumulate(await testStep(model, compiled, batch), size);
    await callbacks?.call('onTestBatchEnd', step, { batch: step, size, ...compiled.logs('lastBatch') });
    step++;
    run?.throwIfAborted();
    await yieldNow();
  }
  run?.throwIfAborted();
  const logs = compiled.logs('result');
  await callbacks?.call('onTestEnd', logs);
  return logs;
}
