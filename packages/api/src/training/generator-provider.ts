import type { BatchSource } from '@layerwise/data';
import type { BatchProvider } from './loop.js';
import type { HostBatch } from './step.js';
import { isStopRequest } from './run-signal.js';

/** A generator ran dry before the steps it was asked for; `history` holds what was trained. */
export class GeneratorExhaustedError extends Error {
  history: unknown = null;
  constructor(message: string) {
    super(message);
    this.name = 'GeneratorExhaustedError';
  }
}

/**
 * Batches pulled from a BatchSource (a generator, Dataset or Sequence) and converted to
 * host batches. With `steps`, an epoch is exactly that many batches, and a source that
 * ends early is an error naming the epoch and step. A wait that `model.stopTraining` ended
 * (see RunSignal) ends the epoch like a source that ran out, without error.
 */
export class GeneratorProvider implements BatchProvider {
  constructor(
    private readonly method: string,
    private readonly source: BatchSource<unknown>,
    private readonly steps: number | null,
    private readonly convert: (item: unknown) => Promise<HostBatch>,
  ) {}

  async *batches(epoch: number): AsyncGenerator<HostBatch> {
    const it = this.source.epoch(epoch);
    let step = 0;
    try {
      while (this.steps === null || step < this.steps) {
        let r: IteratorResult<unknown>;
        try {
          r = await it.next();
        } catch (err) {
          if (isStopRequest(err)) return;
          throw err;
        }
        if (r.done) {
          if (this.steps !== null) {
            throw new GeneratorExhaustedError(`${this.method}: the generator ran out of data at epoch ${epoch + 1}, step ${step + 1} of ${this.steps} (it yielded ${step} batches this epoch); make it yield at least stepsPerEpoch * epochs batches, or loop forever`);
          }
          return;
        }
        yield await this.convert(r.value);
        step++;
      }
    } finally {
      await it.return(undefined as never);
    }
  }

  close(): Promise<void> {
    return this.source.close();
  }
}
