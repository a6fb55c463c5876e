import type { Random } from '../ops/random.js';
import { batchesOf, sampleOrder, type ShuffleMode } from './batch-order.js';
import { numSamples, sliceRows, takeRows, type DataArray } from './host-data.js';
import type { BatchProvider } from './loop.js';
import type { HostBatch } from './step.js';

/**
 * Batches cut from host arrays (every input, target and weight array alike). Without
 * `steps`, an epoch is one pass (reshuffled each epoch). With `steps` and `continuing`
 * (training), an epoch is that many batches drawn from a continuing stream of passes, so
 * consecutive epochs see different data. With
 * `steps` and not `continuing` (evaluate, validation), every call yields the first `steps`
 * batches of one pass, so each epoch's validation sees the same samples and evaluate
 * stops at the end of the data as tf.keras does.
 */
export class ArrayProvider implements BatchProvider {
  private readonly n: number;
  private pending: Int32Array[] = [];

  constructor(
    private readonly data: HostBatch,
    private readonly batchSize: number,
    private readonly shuffle: ShuffleMode,
    private readonly rng: Random,
    private readonly steps: number | null = null,
    private readonly continuing = true,
  ) {
    this.n = numSamples(data.xs[0]);
  }

  private pass(): Int32Array[] {
    return batchesOf(sampleOrder(this.n, this.batchSize, this.shuffle, this.rng), this.batchSize);
  }

  private batch(indices: Int32Array): HostBatch {
    // Unshuffled batches are contiguous: slice views instead of copying rows.
    const contiguous = indices.length > 0 && indices[indices.length - 1] - indices[0] === indices.length - 1 &&
      indices.every((v, i) => i === 0 || v === indices[i - 1] + 1);
    const cut = <A extends DataArray>(h: A): A => (contiguous ? sliceRows(h, indices[0], indices[0] + indices.length) : takeRows(h, indices));
    return { xs: this.data.xs.map(cut), ys: this.data.ys.map(cut), ws: this.data.ws.map((w) => (w ? cut(w) : null)) };
  }

  async *batches(): AsyncGenerator<HostBatch> {
    if (this.n === 0) return;
    if (this.steps === null || !this.continuing) {
      const all = this.pass();
      const take = this.steps === null ? all.length : Math.min(this.steps, all.length);
      for (let s = 0; s < take; s++) yield this.batch(all[s]);
      return;
    }
    for (let s = 0; s < this.steps; s++) {
      if (this.pending.length === 0) this.pending = this.pass();
      yield this.batch(this.pending.shift()!);
    }
  }
}
