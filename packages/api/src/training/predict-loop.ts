import { batchYielder } from '../engine/yield.js';
import type { Tensor } from '../tensor/tensor.js';
import { keep, tidy } from '../engine/scope.js';
import { concat } from '../ops/layout.js';
import { upload, type DataArray } from './host-data.js';
import type { StepModel } from './step.js';
import type { RunSignal } from './run-signal.js';

/**
 * Runs the model (inference mode) on each batch (one data array per model input) and joins
 * each output's batches along the batch axis: one tensor per output. The per-batch outputs
 * are freed whether it succeeds or fails; `none` is the error message for no batches at all.
 */
export async function predictLoop(model: StepModel, batches: AsyncIterable<DataArray[]> | Iterable<DataArray[]>, none: string, run?: RunSignal): Promise<Tensor[]> {
  const parts: Tensor[][] = [];
  const results = new Set<Tensor>();
  try {
    const yieldNow = batchYielder();
    for await (const xs of batches) {
      parts.push(tidy(() => model.forward(xs.map(upload), false).outputs));
      run?.throwIfAborted();
      await yieldNow();
    }
    run?.throwIfAborted();
    if (parts.length === 0) throw new Error(none);
    const joined = parts[0].map((_, o) => (parts.length === 1 ? parts[0][o] : keep(tidy(() => concat(parts.map((p) => p[o]), 0)))));
    for (const t of joined) results.add(t);
    return joined;
  } finally {
    for (const p of parts.flat()) if (!results.has(p)) p.dispose();
  }
}
