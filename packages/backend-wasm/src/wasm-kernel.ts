import type {
  ArgReduceOp, BinaryOp, Buffer, Capabilities, Conv2DInfo, DType, FusedActivation, Kernel, Pool2DInfo,
  ReduceOp, TensorRef, TypedArray, UnaryOp, AdamHyper,
} from '@layerwise/api';
import { arrayFor } from '@layerwise/api';
import type { LoadedWasm } from './loader/index.js';
import { Runtime, type Info } from './runtime.js';
import { Storage } from './storage.js';
import { unary } from './kernels/unary.js';
import { binary } from './kernels/binary.js';
import { select } from './kernels/select.js';
import { cast } from './kernels/cast.js';
import { reduce } from './kernels/reduce.js';
import { argReduce } from './kernels/arg-reduce.js';
import { matmul } from './kernels/matmul.js';
import { fusedMatMul } from './kernels/fused-matmul.js';
import { softmax, logSoftmax } from './kernels/softmax.js';
import { conv2d } from './kernels/conv2d.js';
import { fusedConv2d } from './kernels/fused-conv2d.js';
import { conv2dBackpropInput } from './kernels/conv2d-backprop-input.js';
import { conv2dBackpropFilter } from './kernels/conv2d-backprop-filter.js';
import { maxPool } from './kernels/max-pool.js';
import { maxPoolBackprop } from './kernels/max-pool-backprop.js';
import { avgPool } from './kernels/avg-pool.js';
import { avgPoolBackprop } from './kernels/avg-pool-backprop.js';
import { gather } from './kernels/gather.js';
import { unsortedSegmentSum } from './kernels/unsorted-segment-sum.js';
import { transpose } from './kernels/transpose.js';
import { slice } from './kernels/slice.js';
import { concat } from './kernels/concat.js';
import { pad } from './kernels/pad.js';
import { adamStep } from './kernels/adam-step.js';

/**
 * The layerwise Kernel on tfjs-backend-wasm: every buffer is a tfjs dataId on the wasm heap,
 * every primitive a direct call of tfjs's wasm kernel functions (or a composition of them).
 */
export class WasmKernel implements Kernel {
  readonly name = 'wasm';
  readonly capabilities: Capabilities = { precision: 'float32', syncReadback: true };
  /** Threads large products, convolutions and split kernels run on. */
  readonly threads: number;
  /** Which tfjs binary runs: 'threaded-simd' or 'simd'. */
  readonly build: 'threaded-simd' | 'simd';
  /** Why fewer threads run than were asked for, if so. */
  readonly fallbackReason: string | undefined;
  private readonly rt: Runtime;
  private readonly storage: Storage;

  constructor(loaded: LoadedWasm) {
    this.rt = new Runtime(loaded.backend, loaded.simd, loaded.xnn, loaded.pool);
    this.storage = new Storage((dataId) => loaded.backend.disposeData(dataId));
    this.threads = loaded.threads;
    this.build = loaded.build;
    this.fallbackReason = loaded.fallbackReason;
  }

  /**
   * How many calls so far ran on several threads: `xnn`, XNNPACK products and convolutions
   * on its pool; `split`, layerwise's own kernels split across threads. Both stay 0 on one thread.
   */
  threadUse(): {
    /** Products and convolutions run on XNNPACK's thread pool. */
    xnn: number;
    /** layerwise's own kernels (kernels.wat) split across the worker threads. */
    split: number;
  } {
    return { ...this.rt.threadUse };
  }

  private t(ref: TensorRef): Info {
    return { dataId: this.storage.read(ref.buffer).dataId, shape: ref.shape as number[], dtype: ref.dtype };
  }

  private out(t: Info): Buffer {
    return this.storage.adopt(t);
  }

  // ---- storage ----
  upload(values: TypedArray, shape: readonly number[], dtype: DType): Buffer {
    // tfjs's write copies raw bytes: hand it exactly the dtype's array type.
    const tag = dtype === 'float32' ? '[object Float32Array]' : dtype === 'int32' ? '[object Int32Array]' : '[object Uint8Array]';
    if (Object.prototype.toString.call(values) !== tag) {
      const converted = arrayFor(dtype, values.length);
      converted.set(values);
      values = converted;
    }
    return this.out(this.rt.upload(values, shape, dtype));
  }

  download(x: TensorRef): Promise<TypedArray> {
    try {
      return Promise.resolve(this.downloadSync(x));
    } catch (err) {
      return Promise.reject(err);
    }
  }

  downloadSync(x: TensorRef): TypedArray {
    return this.rt.read(this.t(x));
  }

  dispose(buffer: Buffer): void {
    this.storage.dispose(buffer);
  }

  memory(): {
    /** Buffers allocated and not yet disposed. */
    buffers: number;
    /** Their total size in bytes (elements times the dtype's bytes per element). */
    bytes: number;
  } {
    return this.storage.memory();
  }

  // ---- element-wise ----
  unary(op: UnaryOp, x: TensorRef): Buffer {
    return this.out(unary(this.rt, op, this.t(x)));
  }

  binary(op: BinaryOp, a: TensorRef, b: TensorRef, outShape: readonly number[]): Buffer {
    return this.out(binary(this.rt, op, this.t(a), this.t(b), outShape));
  }

  select(cond: TensorRef, a: TensorRef, b: TensorRef, outShape: readonly number[]): Buffer {
    return this.out(select(this.rt, this.t(cond), this.t(a), this.t(b), outShape));
  }

  cast(x: TensorRef, dtype: DType): Buffer {
    return this.out(cast(this.rt, this.t(x), dtype));
  }

  // ---- reductions ----
  reduce(op: ReduceOp, x: TensorRef, axes: readonly number[]): Buffer {
    return this.out(reduce(this.rt, op, this.t(x), axes));
  }

  argReduce(op: ArgReduceOp, x: TensorRef, axis: number): Buffer {
    return this.out(argReduce(this.rt, op, this.t(x), axis));
  }

  // ---- linear algebra ----
  matmul(a: TensorRef, b: TensorRef, transposeA: boolean, transposeB: boolean): Buffer {
    return this.out(matmul(this.rt, this.t(a), this.t(b), transposeA, transposeB));
  }

  fusedMatMul(a: TensorRef, b: TensorRef, bias: TensorRef | null, activation: FusedActivation,
    transposeA: boolean, transposeB: boolean): Buffer {
    return this.out(fusedMatMul(this.rt, this.t(a), this.t(b), bias === null ? null : this.t(bias), activation, transposeA, transposeB));
  }

  softmax(x: TensorRef): Buffer {
    return this.out(softmax(this.rt, this.t(x)));
  }

  logSoftmax(x: TensorRef): Buffer {
    return this.out(logSoftmax(this.rt, this.t(x)));
  }

  adamStep(param: TensorRef, grad: TensorRef, m: TensorRef, v: TensorRef, hyper: AdamHyper): [Buffer, Buffer, Buffer] {
    const [p2, m2, v2] = adamStep(this.rt, this.t(param), this.t(grad), this.t(m), this.t(v), hyper);
    return [this.out(p2), this.out(m2), this.out(v2)];
  }

  // ---- convolution and pooling ----
  fusedConv2d(x: TensorRef, filter: TensorRef, bias: TensorRef | null, activation: FusedActivation, info: Conv2DInfo): Buffer {
    return this.out(fusedConv2d(this.rt, this.t(x), this.t(filter), bias === null ? null : this.t(bias), activation, info));
  }

  conv2d(x: TensorRef, filter: TensorRef, info: Conv2DInfo): Buffer {
    return this.out(conv2d(this.rt, this.t(x), this.t(filter), info));
  }

  conv2dBackpropInput(dy: TensorRef, filter: TensorRef, info: Conv2DInfo): Buffer {
    return this.out(conv2dBackpropInput(this.rt, this.t(dy), this.t(filter), info));
  }

  conv2dBackpropFilter(x: TensorRef, dy: TensorRef, info: Conv2DInfo): Buffer {
    return this.out(conv2dBackpropFilter(this.rt, this.t(x), this.t(dy), info));
  }

  maxPool(x: TensorRef, info: Pool2DInfo): Buffer {
    return this.out(maxPool(this.rt, this.t(x), info));
  }

  maxPoolBackprop(dy: TensorRef, x: TensorRef, info: Pool2DInfo): Buffer {
    return this.out(maxPoolBackprop(this.rt, this.t(dy), this.t(x), info));
  }

  avgPool(x: TensorRef, info: Pool2DInfo): Buffer {
    return this.out(avgPool(this.rt, this.t(x), info));
  }

  avgPoolBackprop(dy: TensorRef, info: Pool2DInfo): Buffer {
    return this.out(avgPoolBackprop(this.rt, this.t(dy), info));
  }

  // ---- gather / scatter ----
  gather(x: TensorRef, indices: TensorRef, axis: number): Buffer {
    return this.out(gather(this.rt, this.t(x), this.t(indices), axis));
  }

  unsortedSegmentSum(x: TensorRef, segmentIds: TensorRef, numSegments: number): Buffer {
    return this.out(unsortedSegmentSum(this.rt, this.t(x), this.t(segmentIds), numSegments));
  }

  // ---- layout ----
  transpose(x: TensorRef, perm: readonly number[]): Buffer {
    return this.out(transpose(this.rt, this.t(x), perm));
  }

  slice(x: TensorRef, begin: readonly number[], size: readonly number[]): Buffer {
    return this.out(slice(this.rt, this.t(x), begin, size));
  }

  concat(xs: readonly TensorRef[], axis: number): Buffer {
    if (xs.length === 0) throw new Error('wasm backend: concat needs at least one tensor');
    return this.out(concat(this.rt, xs.map((x) => this.t(x)), axis));
  }

  pad(x: TensorRef, paddings: readonly (readonly [number, number])[], value: number): Buffer {
    return this.out(pad(this.rt, this.t(x), paddings, value));
  }
}
