import { Callback, type Logs } from './callback.js';
import { requireModel } from './monitor.js';

/** Stops training as soon as a batch loss is NaN or infinite (Keras 2 TerminateOnNaN). */
export class TerminateOnNaN extends Callback {
  override onBatchEnd(batch: number, logs?: Logs): void {
    const loss = logs?.loss;
    if (loss === undefined || Number.isFinite(loss)) return;
    console.log(`Batch ${batch}: Invalid loss, terminating training`);
    requireModel('TerminateOnNaN', this.model).stopTraining = true;
  }
}
