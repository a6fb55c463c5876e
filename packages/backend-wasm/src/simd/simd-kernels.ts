import { SIMD_KERNELS_PLAIN, SIMD_KERNELS_SHARED } from './binary.generated.js';

/** The exports of kernels.wat: every pointer is a byte offset into tfjs's wasm memory. */
export interface SimdKernels {
  adam_step(p: number, g: number, m: number, v: number, pOut: number, mOut: number, vOut: number, n: number,
    beta1: number, oneMinusBeta1: number, beta2: number, oneMinusBeta2: number, lr: number, epsilon: number): void;
  mm_rows(a: number, aRowStride: number, aColStride: number, b: number, c: number, bias: number,
    m: number, k: number, n: number, relu: number): void;
  mm_dots(a: number, b: number, c: number, bias: number, m: number, k: number, n: number, relu: number): void;
  /** op 0: max, 1: min (NaN when either operand is NaN). */
  minmax_scalar(op: number, x: number, s: number, out: number, n: number): void;
  /** op 0: max, 1: min of two arrays of n floats (NaN when either operand is NaN). */
  minmax(op: number, a: number, b: number, out: number, n: number): void;
  /** x where x > 0 or NaN, else 0 (in place when out = x). */
  relu(x: number, out: number, n: number): void;
  /** 1 for x > 0, -1 for x < 0, x itself for +-0 and NaN. */
  sign(x: number, out: number, n: number): void;
  /** out[i] = x[i] where x[i] is +-0 (out keeps its other values). */
  keep_zeros(x: number, out: number, n: number): void;
  /** float32 -> int32 truncated toward zero, saturating, NaN -> 0. */
  cast_f32_i32(x: number, out: number, n: number): void;
  /** int32 index of the first max (min = 0) or min (min = 1) along the middle axis of [outer, r, inner], or of the first NaN. */
  arg_reduce(x: number, out: number, outer: number, r: number, inner: number, min: number): void;
  /** 1 when any of n floats is NaN (or, with inf = 1, infinite), else 0. */
  any_special(x: number, n: number, inf: number): number;
  /** Max (avg = 0) or average (avg = 1) pooling, NHWC; NaN propagates. */
  pool(x: number, out: number, batch: number, inH: number, inW: number, channels: number, outH: number, outW: number,
    filterH: number, filterW: number, strideH: number, strideW: number, padTop: number, padLeft: number, avg: number): void;
  /** True where x < s (lt), x > s (gt) or x == s (eq), negated when not = 1; bytes of 0 / 1. */
  compare_scalar(x: number, s: number, out: number, n: number, lt: number, gt: number, eq: number, not: number): void;
  /** cond bytes; a / b one element (aOne / bOne = 1) or n; 4-byte elements. */
  select4(cond: number, a: number, aOne: number, b: number, bOne: number, out: number, n: number): void;
  /** out[c] = sum over r of x[r, c]. */
  sum_rows(x: number, out: number, rows: number, cols: number): void;
  /** In place: x[r, j] += bias[j] (bias 0: none), then max(0, .) when relu = 1. */
  bias_relu(x: number, bias: number, rows: number, cols: number, relu: number): void;
  /** dw [fH, fW, inC, outC] must be zeroed and outC a multiple of 4; NHWC; writes the dw rows (taps) in [t0, t1). */
  conv_filter_grad(x: number, dy: number, dw: number, batch: number, inH: number, inW: number, inC: number,
    outH: number, outW: number, outC: number, filterH: number, filterW: number, strideH: number, strideW: number,
    dilationH: number, dilationW: number, padTop: number, padLeft: number, t0: number, t1: number): void;
  /** out [batch, cols, rows, inner] = x [batch, rows, cols, inner] swapped, 4-byte elements, for x's rows in [r0, r1). */
  transpose4(x: number, out: number, batch: number, rows: number, cols: number, inner: number, r0: number, r1: number): void;
  /** dx must be zeroed; NHWC. */
  max_pool_backprop(x: number, dy: number, dx: number, batch: number, inH: number, inW: number, channels: number,
    outH: number, outW: number, filterH: number, filterW: number, strideH: number, strideW: number, padTop: number, padLeft: number): void;
}

function decodeBase64(s: string): Uint8Array<ArrayBuffer> {
  const bin = atob(s);
  const out = new Uint8Array(new ArrayBuffer(bin.length));
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** kernels.wat compiled for `memory` (tfjs's heap), in the variant its sharedness needs, and instantiated on it. */
export async function instantiateSimdKernels(memory: WebAssembly.Memory): Promise<{ kernels: SimdKernels; module: WebAssembly.Module }> {
  const shared = typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
  const module = await WebAssembly.compile(decodeBase64(shared ? SIMD_KERNELS_SHARED : SIMD_KERNELS_PLAIN));
  const instance = await WebAssembly.instantiate(module, { env: { memory } });
  return { kernels: instance.exports as unknown as SimdKernels, module };
}
