import type { DType, TypedArray } from './dtypes.js';
import type { Conv2DInfo, Pool2DInfo } from './conv-info.js';

/**
 * A backend's handle to one block of device memory, holding the elements contiguous in
 * row-major order (the api reshapes by reusing a buffer under a new shape). Opaque to the api: each backend
 * decides what it is (a typed array, a wasm heap offset, a GPUBuffer...).
 */
export type Buffer = object;

/** What a kernel receives for each input: the buffer plus the shape and dtype the api tracks. */
export interface TensorRef {
  /** The backend's own storage, from its `upload` or an op's result. */
  readonly buffer: Buffer;
  /** The tensor's shape; the buffer holds its product of elements, row-major. */
  readonly shape: readonly number[];
  /** The element type; tells the backend how to read the buffer. */
  readonly dtype: DType;
}

/**
 * Element-wise functions of one argument.
 * float32 only, except: `neg`, `abs`, `sign`, `square`, `relu` also take int32 (result int32);
 * `logicalNot` takes and returns bool. `round` rounds half to even.
 *
 * Non-finite values (see NON-FINITE VALUES below): NaN in gives NaN out for every float op,
 * `relu` and `sign` included. At the edges: `log(0)` = `log1p(-1)` = -Infinity, `log`/`sqrt`
 * of a negative number NaN, `rsqrt(0)` = `reciprocal(0)` = +Infinity (-Infinity for -0),
 * `exp(-Infinity)` = 0, `expm1(-Infinity)` = -1, `sigmoid(-Infinity)` = 0, `tanh`/`erf` of
 * +-Infinity +-1, `softplus(+Infinity)` = +Infinity, `sin`/`cos` of +-Infinity NaN; floor/ceil/
 * round/abs/neg keep infinities. -0 stays -0 through neg, sqrt, floor, ceil, round (round(-0.4)
 * and ceil(-0.5) are -0 too), tanh, sin, expm1, log1p and erf; abs and square give +0; other
 * ops may give either zero.
 */
export type UnaryOp =
  | 'neg' | 'abs' | 'sign' | 'square' | 'relu'
  | 'exp' | 'expm1' | 'log' | 'log1p' | 'sqrt' | 'rsqrt' | 'reciprocal'
  | 'tanh' | 'sigmoid' | 'softplus' | 'erf' | 'sin' | 'cos'
  | 'floor' | 'ceil' | 'round'
  | 'logicalNot';

/** Arithmetic binary ops: both inputs share a dtype (float32 or int32) and the output has it too. */
export type ArithmeticOp = 'add' | 'sub' | 'mul' | 'div' | 'pow' | 'maximum' | 'minimum' | 'floorDiv' | 'mod';
/** Comparisons: both inputs share a dtype (any); the output is bool. */
export type CompareOp = 'equal' | 'notEqual' | 'less' | 'lessEqual' | 'greater' | 'greaterEqual';
/** Logical ops: both inputs and the output are bool. */
export type LogicalOp = 'logicalAnd' | 'logicalOr';
/**
 * Broadcasting binary ops (numpy rules: shapes align on the right, size-1 dims stretch).
 * `div` on int32 truncates toward zero; `floorDiv` rounds toward -inf; `mod` takes the
 * sign of the divisor (Python's %). Integer division by zero gives 0; float division follows
 * IEEE 754 (x/0 = +-Infinity, 0/0 = NaN). int32 results wrap as two's complement does
 * (INT32_MIN / -1 = INT32_MIN), and are exact: never computed through float32.
 *
 * float32 and non-finite values: arithmetic is IEEE 754 (Infinity - Infinity, 0 * Infinity and
 * Infinity / Infinity are NaN; overflow past 3.4028235e38 is +-Infinity; mul(-1, 0) is -0).
 * `maximum`/`minimum` give NaN when either operand is NaN (never the other operand, as
 * clamp-style hardware min/max would); the sign of a zero they return is unspecified.
 * `floorDiv` is floor(a / b) (x / 0 rules included); `mod` is C's fmod(a, b) plus b where
 * their signs differ, so mod(x, 0) and mod(+-Infinity, y) are NaN and mod(-1, Infinity) is
 * Infinity (as NumPy's). `pow` follows C's pow, not JavaScript's: pow(x, +-0) = 1 and
 * pow(1, y) = 1 even for NaN, pow(-1, +-Infinity) = 1, pow(-0, -1) = -Infinity, a negative
 * base with a non-integer exponent is NaN. Comparisons with a NaN are false, except `notEqual`
 * (true); -0 equals +0.
 */
export type BinaryOp = ArithmeticOp | CompareOp | LogicalOp;

/**
 * Reductions over a set of axes. `sum` keeps int32 as int32; `max`/`min` take float32 or int32.
 * float32: a NaN among the reduced elements makes the result NaN (sum, max and min alike);
 * +Infinity and -Infinity together sum to NaN.
 */
export type ReduceOp = 'sum' | 'max' | 'min';

/** Index of the first max/min; a NaN counts as the extreme, so the first NaN wins (NumPy). */
export type ArgReduceOp = 'argMax' | 'argMin';

/** Activations a fused matmul may apply; each treats NaN and infinities as its `UnaryOp` does. */
export type FusedActivation = 'linear' | 'relu' | 'sigmoid' | 'tanh';

/** What a backend can do; the api and the conformance suite read it. */
export interface Capabilities {
  /** Precision of float32 arithmetic; selects the conformance tolerance profile. */
  readonly precision: 'float32';
  /** Whether `downloadSync` exists (WebGPU readback is async only). */
  readonly syncReadback: boolean;
}

/** Scalars of one Adam step; `lrT` already folds in Keras 2's bias correction. */
export interface AdamHyper {
  /** Step size of this step: lr * sqrt(1 - beta2^t) / (1 - beta1^t), t the 1-based iteration. */
  readonly lrT: number;
  /** Decay of the first moment `m` (Keras's beta_1, default 0.9). */
  readonly beta1: number;
  /** Decay of the second moment `v` (Keras's beta_2, default 0.999). */
  readonly beta2: number;
  /** Added to sqrt(v') in the denominator (outside the root, as Keras 2 does). */
  readonly epsilon: number;
}

/**
 * Optional fused kernels. Where a backend leaves one out, the api composes it from the
 * required primitives; conformance checks that both paths agree.
 */
export interface FusedKernels {
  /** `activation(op(a) @ op(b) + bias)`, shapes as in `matmul`; bias is rank 1 of length n, or null. */
  fusedMatMul?(a: TensorRef, b: TensorRef, bias: TensorRef | null, activation: FusedActivation,
    transposeA: boolean, transposeB: boolean): Buffer;
  /**
   * `activation(conv2d(x, filter) + bias)`, shapes as in `conv2d`; bias is rank 1 of length
   * outC, or null. One output where the composition makes three activations' worth.
   */
  fusedConv2d?(x: TensorRef, filter: TensorRef, bias: TensorRef | null, activation: FusedActivation, info: Conv2DInfo): Buffer;
  /**
   * Softmax along the last axis (float32, rank >= 1), exp(x - max) / sum(exp(x - max)) per row:
   * a row holding a NaN or +Infinity, or only -Infinity, is all NaN (x - max is NaN there);
   * a -Infinity in an otherwise finite row gives 0.
   */
  softmax?(x: TensorRef): Buffer;
  /** Log-softmax along the last axis (float32, rank >= 1): NaN rows as `softmax`; -Infinity gives -Infinity. */
  logSoftmax?(x: TensorRef): Buffer;
  /**
   * One Keras 2 Adam update of a weight (all four inputs float32 of one shape):
   * m' = beta1 m + (1 - beta1) g; v' = beta2 v + (1 - beta2) g^2;
   * param' = param - lrT m' / (sqrt(v') + epsilon). Returns [param', m', v'], IEEE 754 through
   * the formula (a NaN gradient makes all three NaN; an infinite one makes param' NaN).
   */
  adamStep?(param: TensorRef, grad: TensorRef, m: TensorRef, v: TensorRef, hyper: AdamHyper): [Buffer, Buffer, Buffer];
}

/**
 * NON-FINITE VALUES: one rule on every backend, IEEE 754 as NumPy and TensorFlow apply it
 * (the conformance suite's float64 reference is its executable form; each family's doc says
 * the details):
 * - NaN propagates: every float32 result computed from a NaN is NaN, through arithmetic,
 *   every unary op (relu too), maximum/minimum, sum/max/min reductions, pooling windows,
 *   softmax/logSoftmax rows, matmul, convolution (a NaN or 0 * Infinity product poisons its
 *   sum: no skipping of zeros) and every fused kernel. Hardware min/max, clamps and
 *   select-based relu return the non-NaN operand; a backend built on them must correct it.
 * - argMax/argMin give the first NaN's index (NumPy); maxPoolBackprop routes to the first NaN.
 * - Infinity - Infinity is NaN, x / 0 is +-Infinity, log(0) is -Infinity, overflow rounds to
 *   +-Infinity; comparisons with a NaN are false except notEqual.
 * - -0 is kept where IEEE keeps it in neg, sums, products and quotients, sqrt, floor/ceil/
 *   round, tanh/sin/expm1/log1p/erf (f(-0) = -0) and every copy (layout ops, gather, select,
 *   concat, cast to float32, pad values); the sign of other zeros (maximum/minimum, relu,
 *   reductions, pooling, exp-based results that are 0 only by underflow) is unspecified.
 * - float32 subnormals (down to 1e-45) are values: never flushed to zero.
 * - float32 -> int32 saturates (NaN -> 0, see `cast`); float32 -> bool is x != 0 (NaN -> true).
 *
 * The one seam between layerwise and a backend. A Kernel owns buffers and runs forward
 * primitives on them; it knows nothing of layers, gradients or training.
 *
 * The api validates every call before it reaches a kernel: dtypes are as each method
 * states, shapes agree, axes are in range and normalised (non-negative, sorted, unique),
 * and `outShape` arguments are the already-inferred result shapes. A kernel may therefore
 * trust its arguments. Every method returns a new buffer and never mutates its inputs.
 */
export interface Kernel extends FusedKernels {
  /** The backend's name ('cpu', 'wasm', ...); the conformance suite picks its exclusion list by it. */
  readonly name: string;
  /** What it supports (precision, synchronous readback). */
  readonly capabilities: Capabilities;

  // ---- storage ----
  /** Copies `values` (whose length is the product of `shape`) into a new buffer. */
  upload(values: TypedArray, shape: readonly number[], dtype: DType): Buffer;
  /** A copy of the values, owned by the caller. */
  download(x: TensorRef): Promise<TypedArray>;
  /** A copy of the values, synchronously; absent where readback is async only (WebGPU). */
  downloadSync?(x: TensorRef): TypedArray;
  /** Frees a buffer; the api calls it once per buffer, when the last tensor using it goes. */
  dispose(buffer: Buffer): void;
  /** Live buffers and their bytes, for leak checks; `dispose` must show here at once. */
  memory(): {
    /** Buffers allocated and not yet disposed. */
    buffers: number;
    /** Their total size in bytes. */
    bytes: number;
  };

  // ---- element-wise ----
  /** `op` applied to every element (the `UnaryOp` docs give each op's rule, non-finite values included). */
  unary(op: UnaryOp, x: TensorRef): Buffer;
  /** `op` on `a` and `b` broadcast as NumPy does to `outShape`. */
  binary(op: BinaryOp, a: TensorRef, b: TensorRef, outShape: readonly number[]): Buffer;
  /**
   * `cond ? a : b`, all three broadcast to `outShape`; `cond` is bool, `a`/`b` share a dtype.
   * Copies the chosen element's bits (NaN, -0); the branch not chosen has no effect.
   */
  select(cond: TensorRef, a: TensorRef, b: TensorRef, outShape: readonly number[]): Buffer;
  /**
   * float32 -> int32 truncates toward zero and saturates (as Rust's `as`, Java and WGSL do):
   * NaN -> 0, +Infinity and values >= 2^31 -> 2147483647, -Infinity and values < -2^31 ->
   * -2147483648. Anything -> bool is `x != 0` (NaN -> true, -0 -> false); bool -> number is 0/1;
   * int32 -> float32 rounds to nearest even.
   */
  cast(x: TensorRef, dtype: DType): Buffer;

  // ---- reductions ----
  /** Reduces the given axes away (non-empty, sorted). The result's shape drops them. */
  reduce(op: ReduceOp, x: TensorRef, axes: readonly number[]): Buffer;
  /** Index (int32) of the first max/min along `axis` (the first NaN if any); the result's shape drops `axis`. */
  argReduce(op: ArgReduceOp, x: TensorRef, axis: number): Buffer;

  // ---- linear algebra ----
  /**
   * Batched matrix product of rank-3 float32 tensors: `a` is [ba, m, k] ([ba, k, m] when
   * transposeA), `b` is [bb, k, n] ([bb, n, k] when transposeB); ba == bb, or one is 1 and
   * broadcasts. The result is [ba == 1 ? bb : ba, m, n]. Each element is an IEEE sum of all
   * k products: a NaN, or an Infinity meeting a 0, in row i of a or column j of b makes it NaN.
   */
  matmul(a: TensorRef, b: TensorRef, transposeA: boolean, transposeB: boolean): Buffer;

  // ---- convolution and pooling (NHWC, float32) ----
  // Convolutions are IEEE sums of products like matmul (padding contributes nothing, not NaN).
  /** x [n, inH, inW, inC], filter [fh, fw, inC, outC] -> [n, outH, outW, outC]. */
  conv2d(x: TensorRef, filter: TensorRef, info: Conv2DInfo): Buffer;
  /** dy [n, outH, outW, outC], filter -> dx [n, inH, inW, inC]. */
  conv2dBackpropInput(dy: TensorRef, filter: TensorRef, info: Conv2DInfo): Buffer;
  /** x, dy -> dFilter [fh, fw, inC, outC]. */
  conv2dBackpropFilter(x: TensorRef, dy: TensorRef, info: Conv2DInfo): Buffer;
  /** Max over each window; padding never wins (it counts as -Infinity); a window holding a NaN gives NaN. */
  maxPool(x: TensorRef, info: Pool2DInfo): Buffer;
  /**
   * Routes each dy element to the position of its window's maximum in x (the first one in
   * row-major window order on ties), summing where windows overlap. Result has x's shape.
   * A window holding a NaN routes to its first NaN (the position maxPool took its NaN from).
   */
  maxPoolBackprop(dy: TensorRef, x: TensorRef, info: Pool2DInfo): Buffer;
  /** Mean over each window's in-bounds elements (padding is not counted); NaN propagates. */
  avgPool(x: TensorRef, info: Pool2DInfo): Buffer;
  /** Spreads each dy element evenly over its window's in-bounds positions; result is info's input shape. */
  avgPoolBackprop(dy: TensorRef, info: Pool2DInfo): Buffer;

  // ---- gather / scatter ----
  /**
   * Takes slices of `x` along `axis` at int32 `indices` (any shape). Result shape:
   * x.shape[:axis] ++ indices.shape ++ x.shape[axis+1:]. Out-of-range indices give zeros.
   */
  gather(x: TensorRef, indices: TensorRef, axis: number): Buffer;
  /**
   * Sums rows of `x` (float32 or int32) into `numSegments` buckets: out[segmentIds[i]] += x[i].
   * `segmentIds` is int32 of length x.shape[0]; ids outside [0, numSegments) are dropped.
   * Result shape: [numSegments, ...x.shape[1:]].
   */
  unsortedSegmentSum(x: TensorRef, segmentIds: TensorRef, numSegments: number): Buffer;

  // ---- layout ----
  /** Axes permuted: output axis i is input axis perm[i]. */
  transpose(x: TensorRef, perm: readonly number[]): Buffer;
  /** The block starting at `begin` with extent `size` (all in range). */
  slice(x: TensorRef, begin: readonly number[], size: readonly number[]): Buffer;
  /** Joins same-dtype, same-rank tensors along `axis` (all other dims equal). */
  concat(xs: readonly TensorRef[], axis: number): Buffer;
  /** Pads each axis with paddings[axis] = [before, after] elements of `value` (any float32, NaN included). */
  pad(x: TensorRef, paddings: readonly (readonly [number, number])[], value: number): Buffer;
}

/** Names of the required primitives, for capability listings and conformance coverage. */
export const REQUIRED_PRIMITIVES = [
  'upload', 'download', 'dispose', 'memory',
  'unary', 'binary', 'select', 'cast',
  'reduce', 'argReduce',
  'matmul',
  'conv2d', 'conv2dBackpropInput', 'conv2dBackpropFilter',
  'maxPool', 'maxPoolBackprop', 'avgPool', 'avgPoolBackprop',
  'gather', 'unsortedSegmentSum',
  'transpose', 'slice', 'concat', 'pad',
] as const satisfies readonly (keyof Kernel)[];

/** The optional fused kernels; a backend without one gets the api's composition of required primitives. */
export const FUSED_KERNELS = ['fusedMatMul', 'fusedConv2d', 'softmax', 'logSoftmax', 'adamStep'] as const satisfies readonly (keyof FusedKernels)[];

/** The name of an optional fused kernel. */
export type FusedKernelName = (typeof FUSED_KERNELS)[number];
