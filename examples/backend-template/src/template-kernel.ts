import type {
  AdamHyper, ArgReduceOp, BinaryOp, Buffer, Capabilities, Conv2DInfo, DType, FusedActivation, Kernel, Pool2DInfo, ReduceOp,
  TensorRef, TypedArray, UnaryOp,
} from '@layerwise/api';
import { conv2d, conv2dBackpropFilter, conv2dBackpropInput } from './conv.js';
import { binary, cast, select, unary } from './elementwise.js';
import { adamStep, fusedMatMul, softmax } from './fused.js';
import { gather, unsortedSegmentSum } from './gather.js';
import { concat, pad, slice, transpose } from './layout.js';
import { matmul } from './matmul.js';
import { avgPool, avgPoolBackprop, maxPool, maxPoolBackprop } from './pool.js';
import { argReduce, reduce } from './reductions.js';
import { Storage } from './storage.js';

/**
 * The whole backend: storage plus one line per primitive. Each method reads its inputs
 * (typed arrays with the shape and dtype the api tracks), computes a new typed array with a
 * plain function, and stores it as a new buffer. Inputs are never modified.
 *
 * The api validated every call before it got here (dtypes, shapes, normalised axes), so the
 * kernel trusts its arguments.
 */
export class TemplateKernel implements Kernel {
  readonly name = 'template';
  /** float32 arithmetic (the tolerance profile), and downloadSync exists. */
  readonly capabilities: Capabilities = { precision: 'float32', syncReadback: true };
  private readonly storage = new Storage();

  private read(x: TensorRef) {
    return this.storage.read(x);
  }

  private store(data: TypedArray): Buffer {
    return this.storage.store(data);
  }

  // ---- storage ----
  upload(values: TypedArray, shape: readonly number[], dtype: DType): Buffer { return this.storage.upload(values, shape, dtype); }
  async download(x: TensorRef): Promise<TypedArray> { return this.downloadSync(x); }
  downloadSync(x: TensorRef): TypedArray { return this.read(x).data.slice(); }
  dispose(buffer: Buffer): void { this.storage.dispose(buffer); }
  memory(): { buffers: number; bytes: number } { return this.storage.memory(); }

  // ---- element-wise ----
  unary(op: UnaryOp, x: TensorRef): Buffer { return this.store(unary(op, this.read(x))); }
  binary(op: BinaryOp, a: TensorRef, b: TensorRef, outShape: readonly number[]): Buffer {
    return this.store(binary(op, this.read(a), this.read(b), outShape));
  }
  select(cond: TensorRef, a: TensorRef, b: TensorRef, outShape: readonly number[]): Buffer {
    return this.store(select(this.read(cond), this.read(a), this.read(b), outShape));
  }
  cast(x: TensorRef, dtype: DType): Buffer { return this.store(cast(this.read(x), dtype)); }

  // ---- reductions ----
  reduce(op: ReduceOp, x: TensorRef, axes: readonly number[]): Buffer { return this.store(reduce(op, this.read(x), axes)); }
  argReduce(op: ArgReduceOp, x: TensorRef, axis: number): Buffer { return this.store(argReduce(op, this.read(x), axis)); }

  // ---- linear algebra ----
  matmul(a: TensorRef, b: TensorRef, transposeA: boolean, transposeB: boolean): Buffer {
    return this.store(matmul(this.read(a), this.read(b), transposeA, transposeB));
  }

  // ---- convolution and pooling (NHWC) ----
  conv2d(x: TensorRef, filter: TensorRef, info: Conv2DInfo): Buffer { return this.store(conv2d(this.read(x), this.read(filter), info)); }
  conv2dBackpropInput(dy: TensorRef, filter: TensorRef, info: Conv2DInfo): Buffer {
    return this.store(conv2dBackpropInput(this.read(dy), this.read(filter), info));
  }
  conv2dBackpropFilter(x: TensorRef, dy: TensorRef, info: Conv2DInfo): Buffer {
    return this.store(conv2dBackpropFilter(this.read(x), this.read(dy), info));
  }
  maxPool(x: TensorRef, info: Pool2DInfo): Buffer { return this.store(maxPool(this.read(x), info)); }
  maxPoolBackprop(dy: TensorRef, x: TensorRef, info: Pool2DInfo): Buffer {
    return this.store(maxPoolBackprop(this.read(dy), this.read(x), info));
  }
  avgPool(x: TensorRef, info: Pool2DInfo): Buffer { return this.store(avgPool(this.read(x), info)); }
  avgPoolBackprop(dy: TensorRef, info: Pool2DInfo): Buffer { return this.store(avgPoolBackprop(this.read(dy), info)); }

  // ---- gather / scatter ----
  gather(x: TensorRef, indices: TensorRef, axis: number): Buffer { return this.store(gather(this.read(x), this.read(indices), axis)); }
  unsortedSegmentSum(x: TensorRef, segmentIds: TensorRef, numSegments: number): Buffer {
    return this.store(unsortedSegmentSum(this.read(x), this.read(segmentIds), numSegments));
  }

  // ---- layout ----
  transpose(x: TensorRef, perm: readonly number[]): Buffer { return this.store(transpose(this.read(x), perm)); }
  slice(x: TensorRef, begin: readonly number[], size: readonly number[]): Buffer { return this.store(slice(this.read(x), begin, size)); }
  concat(xs: readonly TensorRef[], axis: number): Buffer { return this.store(concat(xs.map((x) => this.read(x)), axis)); }
  pad(x: TensorRef, paddings: readonly (readonly [number, number])[], value: number): Buffer {
    return this.store(pad(this.read(x), paddings, value));
  }

  // ---- optional fused kernels (delete these and the api composes them from the above) ----
  fusedMatMul(a: TensorRef, b: TensorRef, bias: TensorRef | null, activation: FusedActivation, transposeA: boolean, transposeB: boolean): Buffer {
    return this.store(fusedMatMul(this.read(a), this.read(b), bias ? this.read(bias) : null, activation, transposeA, transposeB));
  }
  softmax(x: TensorRef): Buffer { return this.store(softmax(this.read(x))); }
  logSoftmax(x: TensorRef): Buffer { return this.store(softmax(this.read(x), true)); }
  adamStep(param: TensorRef, grad: TensorRef, m: TensorRef, v: TensorRef, hyper: AdamHyper): [Buffer, Buffer, Buffer] {
    const [newParam, newM, newV] = adamStep(this.read(param), this.read(grad), this.read(m), this.read(v), hyper);
    return [this.store(newParam), this.store(newM), this.store(newV)];
  }
}
