import type {
  AdamHyper, ArgReduceOp, BinaryOp, Buffer, Capabilities, Conv2DInfo, DType, FusedActivation, Kernel, Pool2DInfo,
  ReduceOp, TensorRef, TypedArray, UnaryOp,
} from '@layerwise/api';
import { Storage } from './storage.js';
import type { Tensor } from './util/tensor.js';
import { sizeOf } from './util/shape.js';
import { unary } from './kernels/unary.js';
import { binary } from './kernels/binary.js';
import { select } from './kernels/select.js';
import { cast } from './kernels/cast.js';
import { reduce } from './kernels/reduce.js';
import { argReduce } from './kernels/arg-reduce.js';
import { matmul } from './kernels/matmul.js';
import { fusedMatMul } from './kernels/fused-matmul.js';
import { fusedConv2d } from './kernels/fused-conv2d.js';
import { conv2d } from './kernels/conv2d.js';
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
import { softmax, logSoftmax } from './kernels/softmax.js';
import { adamStep } from './kernels/adam-step.js';

/** The pure-TypeScript reference backend: every buffer is a typed array in the JS heap. */
export class CpuKernel implements Kernel {
  readonly name = 'cpu';
  readonly capabilities: Capabilities = { precision: 'float32', syncReadback: true };
  private readonly storage = new Storage();

  private t(ref: TensorRef): Tensor {
    return { data: this.storage.read(ref.buffer), shape: ref.shape, dtype: ref.dtype };
  }

  private out(data: TypedArray, dtype: DType): Buffer {
    return this.storage.adopt(data, dtype);
  }

  // ---- storage ----
  upload(values: TypedArray, shape: readonly number[], dtype: DType): Buffer {
    return this.storage.upload(values, sizeOf(shape), dtype);
  }

  download(x: TensorRef): Promise<TypedArray> {
    try {
      return Promise.resolve(this.downloadSync(x));
    } catch (err) {
      return Promise.reject(err);
    }
  }

  downloadSync(x: TensorRef): TypedArray {
    return this.storage.read(x.buffer).slice();
  }

  dispose(buffer: Buffer): void {
    this.storage.dispose(buffer);
  }

  memory(): {
    /** Buffers allocated and not yet disposed. */
    buffers: number;
    /** Their total size in bytes (each typed array's byteLength). */
    bytes: number;
  } {
    return this.storage.memory();
  }

  // ---- element-wise ----
  unary(op: UnaryOp, x: TensorRef): Buffer {
    return this.out(unary(op, this.t(x)), x.dtype);
  }

  binary(op: BinaryOp, a: TensorRef, b: TensorRef, outShape: readonly number[]): Buffer {
    const data = binary(op, this.t(a), this.t(b), outShape);
    return this.out(data, data instanceof Uint8Array ? 'bool' : a.dtype);
  }

  select(cond: TensorRef, a: TensorRef, b: TensorRef, outShape: readonly number[]): Buffer {
    return this.out(select(this.t(cond), this.t(a), this.t(b), outShape), a.dtype);
  }

  cast(x: TensorRef, dtype: DType): Buffer {
    return this.out(cast(this.t(x), dtype), dtype);
  }

  // ---- reductions ----
  reduce(op: ReduceOp, x: TensorRef, axes: readonly number[]): Buffer {
    return this.out(reduce(op, this.t(x), axes), x.dtype);
  }

  argReduce(op: ArgReduceOp, x: TensorRef, axis: number): Buffer {
    return this.out(argReduce(op, this.t(x), axis), 'int32');
  }

  // ---- linear algebra ----
  matmul(a: TensorRef, b: TensorRef, transposeA: boolean, transposeB: boolean): Buffer {
    return this.out(matmul(this.t(a), this.t(b), transposeA, transposeB), 'float32');
  }

  fusedMatMul(a: TensorRef, b: TensorRef, bias: TensorRef | null, activation: FusedActivation,
    transposeA: boolean, transposeB: boolean): Buffer {
    const biasT = bias === null ? null : this.t(bias);
    return this.out(fusedMatMul(this.t(a), this.t(b), biasT, activation, transposeA, transposeB), 'float32');
  }

  softmax(x: TensorRef): Buffer {
    return this.out(softmax(this.t(x)), 'float32');
  }

  logSoftmax(x: TensorRef): Buffer {
    return this.out(logSoftmax(this.t(x)), 'float32');
  }

  adamStep(param: TensorRef, grad: TensorRef, m: TensorRef, v: TensorRef, hyper: AdamHyper): [Buffer, Buffer, Buffer] {
    const f = (x: TensorRef): Float32Array => this.t(x).data as Float32Array;
    const [p2, m2, v2] = adamStep(f(param), f(grad), f(m), f(v), hyper);
    return [this.out(p2, 'float32'), this.out(m2, 'float32'), this.out(v2, 'float32')];
  }

  // ---- convolution and pooling ----
  fusedConv2d(x: TensorRef, filter: TensorRef, bias: TensorRef | null, activation: FusedActivation, info: Conv2DInfo): Buffer {
    return this.out(fusedConv2d(this.t(x), this.t(filter), bias ? this.t(bias) : null, activation, info), 'float32');
  }

  conv2d(x: TensorRef, filter: TensorRef, info: Conv2DInfo): Buffer {
    return this.out(conv2d(this.t(x), this.t(filter), info), 'float32');
  }

  conv2dBackpropInput(dy: TensorRef, filter: TensorRef, info: Conv2DInfo): Buffer {
    return this.out(conv2dBackpropInput(this.t(dy), this.t(filter), info), 'float32');
  }

  conv2dBackpropFilter(x: TensorRef, dy: TensorRef, info: Conv2DInfo): Buffer {
    return this.out(conv2dBackpropFilter(this.t(x), this.t(dy), info), 'float32');
  }

  maxPool(x: TensorRef, info: Pool2DInfo): Buffer {
    return this.out(maxPool(this.t(x), info), 'float32');
  }

  maxPoolBackprop(dy: TensorRef, x: TensorRef, info: Pool2DInfo): Buffer {
    return this.out(maxPoolBackprop(this.t(dy), this.t(x), info), 'float32');
  }

  avgPool(x: TensorRef, info: Pool2DInfo): Buffer {
    return this.out(avgPool(this.t(x), info), 'float32');
  }

  avgPoolBackprop(dy: TensorRef, info: Pool2DInfo): Buffer {
    return this.out(avgPoolBackprop(this.t(dy), info), 'float32');
  }

  // ---- gather / scatter ----
  gather(x: TensorRef, indices: TensorRef, axis: number): Buffer {
    return this.out(gather(this.t(x), this.t(indices), axis), x.dtype);
  }

  unsortedSegmentSum(x: TensorRef, segmentIds: TensorRef, numSegments: number): Buffer {
    return this.out(unsortedSegmentSum(this.t(x), this.t(segmentIds), numSegments), x.dtype);
  }

  // ---- layout ----
  transpose(x: TensorRef, perm: readonly number[]): Buffer {
    return this.out(transpose(this.t(x), perm), x.dtype);
  }

  slice(x: TensorRef, begin: readonly number[], size: readonly number[]): Buffer {
    return this.out(slice(this.t(x), begin, size), x.dtype);
  }

  concat(xs: readonly TensorRef[], axis: number): Buffer {
    if (xs.length === 0) throw new Error('cpu backend: concat needs at least one tensor');
    return this.out(concat(xs.map((x) => this.t(x)), axis), xs[0].dtype);
  }

  pad(x: TensorRef, paddings: readonly (readonly [number, number])[], value: number): Buffer {
    return this.out(pad(this.t(x), paddings, value), x.dtype);
  }
}
