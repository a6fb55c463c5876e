import { batchYielder } from '../engine/yield.js';
import type { Tensor } from '../tensor/tensor.js';
import { keep, tidy } from '../engine/scope.js';
import { concat } from '../ops/layout.js';
import { upload, type HostTensor } from './host-data.js';
import type { StepModel } from './step.js';
import type { RunSignal } from './run-signal.js';

/**
 * Runs the model (inference mode) on each batch and joins the outputs along the batch axis.
 * The per-batch outputs are freed whether it succeeds or fails; `none` is the error message
 * for no batches at all.
 */
export async function predictLoop(model: StepModel, batches: AsyncIterable<HostTensor> | Iterable<HostTensor>, none: string, run?: RunSignal): Promise<Tensor> {
  const parts: Tensor[] = [];
  let result: Tensor | null = null;
  try {
    const yieldNow = batchYielder();
    for await (const x of batches) {
      parts.push(tidy(() => model.forward(upload(x), false).output));
      run?.throwIfAborted();
      await yieldNow();
    }
    run?.throwIfAborted();
    if (parts.length === 0) throw new Error(none);
    result = parts.length === 1 ? parts[0] : keep(tidy(() => concat(parts, 0)));
    return result;
  } finally {
    for (const p of parts) if (p !== result) p.dispose();
  }
}
