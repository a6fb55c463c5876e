import type { Random } from '../ops/random.js';

export type ShuffleMode = boolean | 'batch';

/**
 * The sample order for one pass over `n` samples. `'batch'` is Keras 2's batch_shuffle:
 * batch-sized chunks keep their samples together and only the full chunks' order is
 * shuffled (the last, partial chunk stays at the end).
 */
export function sampleOrder(n: number, batchSize: number, shuffle: ShuffleMode, rng: Random): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  if (shuffle === true) {
    for (let i = n - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      const t = order[i]; order[i] = order[j]; order[j] = t;
    }
  } else if (shuffle === 'batch') {
    const full = Math.floor(n / batchSize);
    const chunks = Array.from({ length: full }, (_, i) => i);
    rng.shuffle(chunks);
    const out = new Int32Array(n);
    chunks.forEach((c, k) => out.set(order.subarray(c * batchSize, (c + 1) * batchSize), k * batchSize));
    out.set(order.subarray(full * batchSize), full * batchSize);
    return out;
  }
  return order;
}

/** Splits an order into batches of `batchSize` (the last may be smaller). */
export function batchesOf(order: Int32Array, batchSize: number): Int32Array[] {
  const out: Int32Array[] = [];
  for (let i = 0; i < order.length; i += batchSize) out.push(order.subarray(i, Math.min(i + batchSize, order.length)));
  return out;
}
