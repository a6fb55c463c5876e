import {
  arrayFor, type ArgReduceOp, type BinaryOp, type Buffer, type Capabilities, type Conv2DInfo, type DType,
  type FusedActivation, type Kernel, type Pool2DInfo, type ReduceOp, type TensorRef, type TypedArray, type UnaryOp,
} from '@layerwise/api';
import { binary, select } from './reference/binary.js';
import { cast } from './reference/cast.js';
import { conv2d, conv2dBackpropFilter, conv2dBackpropInput } from './reference/conv.js';
import { adamStep, fusedConv2d, fusedMatMul, logSoftmax, softmax } from './reference/fused.js';
import { gather, unsortedSegmentSum } from './reference/gather.js';
import { concat, pad, slice, transpose } from './reference/layout.js';
import { matmul } from './reference/matmul.js';
import { avgPool, avgPoolBackprop, maxPool, maxPoolBackprop } from './reference/pool.js';
import { argReduce, reduce } from './reference/reduce.js';
import { refTensor, sizeOf, type RefTensor } from './reference/tensor.js';
import { unary } from './reference/unary.js';

/** One buffer of the reference kernel: a typed array of the dtype's storage. */
interface ReferenceBuffer {
  readonly data: TypedArray;
}

/** Options of `ReferenceKernel` and `createReferenceKernel`. */
export interface ReferenceKernelOptions {
  /** Kernel name (default 'reference'). */
  readonly name?: string;
  /** Whether to provide the optional fused kernels (default true). */
  readonly fused?: boolean;
}

/**
 * The float64 reference run as a backend (tinygrad's executable reference): float32/int32/
 * bool storage like any backend, every primitive computed by the reference in float64 and
 * rounded on store. Slow; for testing the conformance runner and as a specification.
 */
export class ReferenceKernel implements Kernel {
  readonly name: string;
  readonly capabilities: Capabilities = { precision: 'float32', syncReadback: true };
  fusedMatMul?: Kernel['fusedMatMul'];
  fusedConv2d?: Kernel['fusedConv2d'];
  softmax?: Kernel['softmax'];
  logSoftmax?: Kernel['logSoftmax'];
  adamStep?: Kernel['adamStep'];
  private readonly live = new Set<ReferenceBuffer>();

  constructor(options: ReferenceKernelOptions = {}) {
    this.name = options.name ?? 'reference';
    if (options.fused ?? true) {
      this.fusedMatMul = (a, b, bias, activation: FusedActivation, transposeA, transposeB) =>
        this.store(fusedMatMul(this.read(a), this.read(b), bias ? this.read(bias) : null, activation, transposeA, transposeB));
      this.fusedConv2d = (x, filter, bias, activation: FusedActivation, info) =>
        this.store(fusedConv2d(this.read(x), this.read(filter), bias ? this.read(bias) : null, activation, info));
      this.softmax = (x) => this.store(softmax(this.read(x)));
      this.logSoftmax = (x) => this.store(logSoftmax(this.read(x)));
      this.adamStep = (param, grad, m, v, hyper) => {
        const stacked = adamStep(this.read(param), this.read(grad), this.read(m), this.read(v), hyper);
        const n = stacked.data.length / 3;
        const part = (k: number) => this.store(refTensor(Array.from(stacked.data.subarray(k * n, (k + 1) * n)), param.shape, 'float32'));
        return [part(0), part(1), part(2)];
      };
    }
  }

  private buffer(ref: TensorRef): ReferenceBuffer {
    const buffer = ref.buffer as ReferenceBuffer;
    if (!this.live.has(buffer)) throw new Error(`${this.name}: buffer is not live (disposed, or from another kernel)`);
    if (buffer.data.length !== sizeOf(ref.shape)) {
      throw new Error(`${this.name}: buffer holds ${buffer.data.length} elements, shape [${ref.shape.join(', ')}] needs ${sizeOf(ref.shape)}`);
    }
    return buffer;
  }

  private read(ref: TensorRef): RefTensor {
    return refTensor(this.buffer(ref).data, ref.shape, ref.dtype);
  }

  private store(x: RefTensor): Buffer {
    const data = arrayFor(x.dtype, x.data.length);
    const rounded = refTensor(x.data, x.shape, x.dtype);
    for (let i = 0; i < data.length; i++) data[i] = rounded.data[i];
    const buffer: ReferenceBuffer = { data };
    this.live.add(buffer);
    return buffer;
  }

  upload(values: TypedArray, shape: readonly number[], dtype: DType): Buffer {
    if (values.length !== sizeOf(shape)) throw new Error(`${this.name}.upload: ${values.length} values for shape [${shape.join(', ')}]`);
    return this.store(refTensor(values, shape, dtype));
  }

  async download(x: TensorRef): Promise<TypedArray> {
    return this.downloadSync(x);
  }

  downloadSync(x: TensorRef): TypedArray {
    return this.buffer(x).data.slice();
  }

  dispose(buffer: Buffer): void {
    if (!this.live.delete(buffer as ReferenceBuffer)) throw new Error(`${this.name}.dispose: buffer is not live`);
  }

  memory(): {
    /** Buffers allocated and not yet disposed. */
    buffers: number;
    /** Their total size in bytes (each typed array's byteLength). */
    bytes: number;
  } {
    let bytes = 0;
    for (const b of this.live) bytes += b.data.byteLength;
    return { buffers: this.live.size, bytes };
  }

  unary(op: UnaryOp, x: TensorRef): Buffer { return this.store(unary(op, this.read(x))); }
  binary(op: BinaryOp, a: TensorRef, b: TensorRef): Buffer { return this.store(binary(op, this.read(a), this.read(b))); }
  select(cond: TensorRef, a: TensorRef, b: TensorRef): Buffer {
    return this.store(select(this.read(cond), this.read(a), this.read(b)));
  }
  cast(x: TensorRef, dtype: DType): Buffer { return this.store(cast(this.read(x), dtype)); }
  reduce(op: ReduceOp, x: TensorRef, axes: readonly number[]): Buffer { return this.store(reduce(op, this.read(x), axes)); }
  argReduce(op: ArgReduceOp, x: TensorRef, axis: number): Buffer { return this.store(argReduce(op, this.read(x), axis)); }
  matmul(a: TensorRef, b: TensorRef, transposeA: boolean, transposeB: boolean): Buffer {
    return this.store(matmul(this.read(a), this.read(b), transposeA, transposeB));
  }
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
  gather(x: TensorRef, indices: TensorRef, axis: number): Buffer { return this.store(gather(this.read(x), this.read(indices), axis)); }
  unsortedSegmentSum(x: TensorRef, segmentIds: TensorRef, numSegments: number): Buffer {
    return this.store(unsortedSegmentSum(this.read(x), this.read(segmentIds), numSegments));
  }
  transpose(x: TensorRef, perm: readonly number[]): Buffer { return this.store(transpose(this.read(x), perm)); }
  slice(x: TensorRef, begin: readonly number[], size: readonly number[]): Buffer { return this.store(slice(this.read(x), begin, size)); }
  concat(xs: readonly TensorRef[], axis: number): Buffer { return this.store(concat(xs.map((x) => this.read(x)), axis)); }
  pad(x: TensorRef, paddings: readonly (readonly [number, number])[], value: number): Buffer {
    return this.store(pad(this.read(x), paddings, value));
  }
}

/** A new ReferenceKernel (the same as `new ReferenceKernel(options)`), e.g. for a backend factory. */
export function createReferenceKernel(options?: ReferenceKernelOptions): ReferenceKernel {
  return new ReferenceKernel(options);
}
