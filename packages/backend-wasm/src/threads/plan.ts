/**
 * When a call runs on more than one thread, by its size. Everything not named here
 * (element-wise ops, reductions, softmax, gathers) always runs on the calling thread: on the threaded build tfjs would hand those to XNNPACK's pool too, whose
 * dispatch costs more than they do.
 *
 * Measured on the 2-core AMD EPYC this project is benchmarked on (Node 20, 2 threads
 * against 1, interleaved, by bench/threads-thresholds.mjs; the README's Threads section
 * has the table): the sizes where two threads first beat one by a margin, rounded down to a
 * power of two.
 */
export const PLAN = {
  /**
   * XNNPACK GEMMs (matmul, fusedMatMul) from this many multiply-adds. Called alone, two threads
   * win from 2^19 (1.15x) and reach 1.5x at 2^21 (threads-thresholds.mjs); inside training they
   * lost: at 2^18 the LSTM bench row (64x80x256 products) ran 0.84x of one thread and the residual
   * MLP 0.69x (2026-12-07, interleaved, machine otherwise idle), at 2^25 the LSTM 1.07x, while
   * predict at batch 1000 (1000x784x128, 100M) kept 1.6x. The pool's worker keeps spinning after
   * a product and the training step's own work between products pays for it.
   */
  gemmMacs: 1 << 25,
  /** XNNPACK convolutions (forward, and both backprops formulated as one) from this many multiply-adds. */
  convMacs: 1 << 18,
  /** XNNPACK transposes from this many elements. */
  transposeFloats: 1 << 16,
  /** kernels.wat adam_step: floats per part. */
  adamFloats: 1 << 15,
  /** kernels.wat mm_rows / mm_dots (few-row products): multiply-adds per part. */
  fewRowsMacs: 1 << 17,
  /** kernels.wat conv_filter_grad: multiply-adds per part. */
  filterGradMacs: 1 << 17,
  /** kernels.wat pool and max_pool_backprop: output elements times window taps per part. */
  poolTaps: 1 << 16,
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
