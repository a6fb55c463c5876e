/**
 * When a call runs on more than one thread, by its size. Everything not named here
 * (element-wise ops, reductions, softmax, gathers) always runs on the calling thread: on the
 * threaded build tfjs would hand those to XNNPACK's pool too, whose dispatch costs more than
 * they do.
 *
 * Measured on the 2-core AMD EPYC this project is benchmarked on (Node 20, 2 threads against
 * 1, alternated, by `bench/threads-thresholds.mjs --gap 300`; the README's Threads section has
 * the table): the sizes from which two threads beat one by a margin, rounded to a power of
 * two. Each call is followed by 300 us of other work on the calling thread, as in a training
 * step, so the workers have gone back to sleep: waking one costs ~40-60 us here, and a split
 * must save more than that. Measured back to back instead (workers still spinning), splits
 * pay from sizes 4-16x smaller, which is what the first thresholds were set from and why they
 * lost inside training.
 */
export const PLAN = {
  /**
   * XNNPACK GEMMs (matmul, fusedMatMul) from this many multiply-adds. Called cold, alone, two
   * threads win from 2^21 (128x128x128 1.48x, 128x784x128 1.66x) and are erratic below
   * (64x128x128 0.23x). Inside fit they do not pay: from 2^21 the MLP bench row ran 0.84x of one
   * thread and the residual MLP 0.74x (6 interleaved runs, 2026-12-07); with the pool's spin cut
   * (pool-spin.ts) 0.91x and 0.82x, against 0.92x and 0.93x with them unthreaded. Each such
   * product in a training step has fresh weights, which XNNPACK packs on the calling thread
   * first, and the worker has gone to sleep since the last one. From 2^25 only products like
   * predict's (1000x784x128) run threaded: 1.56x.
   */
  gemmMacs: 1 << 25,
  /** XNNPACK convolutions (forward, and both backprops formulated as one) from this many multiply-adds (1x28x28x1->32, 2^17.6: 1.35x). */
  convMacs: 1 << 18,
  /** kernels.wat transpose4: elements per part (512x784 split: 0.58x; 1024x1024: 1.43x). */
  transposeFloats: 1 << 19,
  /** kernels.wat adam_step: floats per part (100,352 split: 1.06x; 131,072: 1.33x). */
  adamFloats: 1 << 16,
  /** kernels.wat mm_rows / mm_dots (few-row products): multiply-adds per part (8x784x128 split: 1.14x; 16x784x128: 1.56x). */
  fewRowsMacs: 1 << 19,
  /** kernels.wat conv_filter_grad: multiply-adds per part (4x28x28x1->32 split: 0.84x; 1x13x13x32->64: 1.42x). */
  filterGradMacs: 1 << 20,
  /** kernels.wat pool and max_pool_backprop: output elements times window taps per part (16x26x26x32 split: 0.93x; 64x26x26x32: 1.56x). */
  poolTaps: 1 << 19,
} as const;

/**
 * Splits `count` items into at most `threads` ranges [start, end) of at least `minItems`
 * each (so one range when the work is small); starts are multiples of `align`.
 */
export function ranges(count: number, threads: number, minItems: number, align = 1): [number, number][] {
  const parts = Math.max(1, Math.min(threads, Math.floor(count / Math.max(1, minItems)), Math.ceil(count / align)));
  const out: [number, number][] = [];
  let start = 0;
  for (let p = 0; p < parts; p++) {
    const end = p === parts - 1 ? count : Math.min(count, Math.round((count * (p + 1)) / parts / align) * align);
    if (end > start) out.push([start, end]);
    start = end;
  }
  return out;
}
