import type {
  AdamHyper, ArgReduceOp, BinaryOp, Buffer, Capabilities, Conv2DInfo, DType, FusedActivation, Kernel, Pool2DInfo,
  ReduceOp, TensorRef, TypedArray, UnaryOp,
} from '@layerwise/api';
import { arrayFor, optionKeys } from '@layerwise/api';
import type { Ctx } from './context.js';
import { acquireGpu, type AcquiredGpu, type WebGPUOptions } from './gpu.js';
import { sizeOf } from './program.js';
import { Storage } from './storage.js';
import { loadTfjs, TfKernels, type TensorInfo, type TfWebGPUBackend } from './tfjs.js';
import { unary } from './kernels/unary.js';
import { binary } from './kernels/binary.js';
import { select } from './kernels/select.js';
import { cast } from './kernels/cast.js';
import { reduce } from './kernels/reduce.js';
import { argReduce } from './kernels/arg-reduce.js';
import { matmul, fusedMatMul } from './kernels/matmul.js';
import { softmax, logSoftmax } from './kernels/softmax.js';
import { adamStep } from './kernels/adam-step.js';
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

/**
 * The webgpu backend: every buffer is a tensor in a tfjs-backend-webgpu WebGPUBackend,
 * kernels are tfjs's (matmul, fused matmul, softmax, long float sums) called directly or
 * this package's own WGSL programs run through tfjs's program runner. Readback is async
 * only (no `downloadSync`).
 */
export class WebGPUKernel implements Kernel {
  readonly name = 'webgpu';
  readonly capabilities: Capabilities = { precision: 'float32', syncReadback: false };
  private readonly storage: Storage;
  private readonly ctx: Ctx;
  private destroyed = false;
  /** The first error the device reported since the last readback (WebGPU errors are asynchronous). */
  private deviceError: string | null = null;

  /**
   * Use `createWebGPUKernel()`: getting a device is asynchronous.
   * @param backend The tfjs-backend-webgpu backend that owns every buffer and runs the programs.
   * @param gpu The adapter and device it runs on, and the route that found them.
   */
  constructor(readonly backend: TfWebGPUBackend, tfk: TfKernels, readonly gpu: AcquiredGpu) {
    this.storage = new Storage(backend);
    this.ctx = { backend, tfk };
    const record = (event: { error?: { message?: string } }) => {
      this.deviceError ??= event.error?.message ?? 'unknown GPU error';
    };
    if (gpu.device.addEventListener) gpu.device.addEventListener('uncapturederror', record);
    else gpu.device.onuncapturederror = record;
    gpu.device.lost.then((info) => {
      if (!this.destroyed) this.deviceError ??= `device lost (${info.reason ?? 'unknown'}): ${info.message ?? ''}`;
    }, () => undefined);
  }

  /** Throws (once) the first error the GPU reported, so a failed program is not silently read as zeros. */
  private throwDeviceError(): void {
    const message = this.deviceError;
    if (message === null) return;
    this.deviceError = null;
    throw new Error(`webgpu backend: the GPU reported an error (results since the last readback are unreliable): ${message}`);
  }

  /** The adapter in words, e.g. "OpenGL ES 3.2 Mesa 22.3.6 (dawn create([backend=opengles]) ...)". */
  get adapterDescription(): string {
    const info = this.gpu.adapter.info ?? {};
    const what = [info.vendor, info.architecture, info.description, info.device].filter((s) => s).join(' ').trim();
    return `${what || 'unknown adapter'} (${this.gpu.route})`;
  }

  private t(ref: TensorRef): TensorInfo {
    const buf = this.storage.read(ref.buffer);
    return { dataId: buf.dataId, shape: [...ref.shape], dtype: ref.dtype };
  }

  private out(info: TensorInfo, dtype: DType = info.dtype): Buffer {
    return this.storage.adopt(info, dtype);
  }

  // ---- storage ----
  upload(values: TypedArray, shape: readonly number[], dtype: DType): Buffer {
    const size = sizeOf(shape);
    const data = arrayFor(dtype, size);
    data.set(values.length === size ? values : values.subarray(0, Math.min(size, values.length)));
    return this.out(this.backend.makeTensorInfo([...shape], dtype, data));
  }

  async download(x: TensorRef): Promise<TypedArray> {
    const buf = this.storage.read(x.buffer);
    const size = sizeOf(x.shape);
    const out = arrayFor(x.dtype, size);
    if (size === 0) return out;
    this.throwDeviceError();
    const values = await this.backend.read(buf.dataId);
    this.throwDeviceError();
    if (x.dtype === 'bool') {
      for (let i = 0; i < size; i++) out[i] = values[i] !== 0 ? 1 : 0;
    } else {
      for (let i = 0; i < size; i++) out[i] = values[i];
    }
    return out;
  }

  dispose(buffer: Buffer): void {
    this.storage.dispose(buffer);
  }

  memory(): {
    /** Buffers handed out and not yet disposed (each holds one reference on its tfjs tensor). */
    buffers: number;
    /** Their total size in bytes: 4 per element for every dtype (tfjs-backend-webgpu stores bool as i32). */
    bytes: number;
  } {
    return this.storage.memory();
  }

  /** Releases the GPU device and tfjs's buffers. The kernel is unusable afterwards. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    try { this.backend.dispose(); } catch { /* already gone */ }
    try { this.gpu.device.destroy(); } catch { /* already gone */ }
  }

  // ---- element-wise ----
  unary(op: UnaryOp, x: TensorRef): Buffer {
    return this.out(unary(this.ctx, op, this.t(x)));
  }

  binary(op: BinaryOp, a: TensorRef, b: TensorRef, outShape: readonly number[]): Buffer {
    return this.out(binary(this.ctx, op, this.t(a), this.t(b), outShape));
  }

  select(cond: TensorRef, a: TensorRef, b: TensorRef, outShape: readonly number[]): Buffer {
    return this.out(select(this.ctx, this.t(cond), this.t(a), this.t(b), outShape));
  }

  cast(x: TensorRef, dtype: DType): Buffer {
    return this.out(cast(this.ctx, this.t(x), dtype), dtype);
  }

  // ---- reductions ----
  reduce(op: ReduceOp, x: TensorRef, axes: readonly number[]): Buffer {
    return this.out(reduce(this.ctx, op, this.t(x), axes));
  }

  argReduce(op: ArgReduceOp, x: TensorRef, axis: number): Buffer {
    return this.out(argReduce(this.ctx, op, this.t(x), axis));
  }

  // ---- linear algebra ----
  matmul(a: TensorRef, b: TensorRef, transposeA: boolean, transposeB: boolean): Buffer {
    return this.out(matmul(this.ctx, this.t(a), this.t(b), transposeA, transposeB));
  }

  fusedMatMul(a: TensorRef, b: TensorRef, bias: TensorRef | null, activation: FusedActivation,
    transposeA: boolean, transposeB: boolean): Buffer {
    return this.out(fusedMatMul(this.ctx, this.t(a), this.t(b), bias && this.t(bias), activation, transposeA, transposeB));
  }

  softmax(x: TensorRef): Buffer {
    return this.out(softmax(this.ctx, this.t(x)));
  }

  logSoftmax(x: TensorRef): Buffer {
    return this.out(logSoftmax(this.ctx, this.t(x)));
  }

  adamStep(param: TensorRef, grad: TensorRef, m: TensorRef, v: TensorRef, hyper: AdamHyper): [Buffer, Buffer, Buffer] {
    const [p2, m2, v2] = adamStep(this.ctx, this.t(param), this.t(grad), this.t(m), this.t(v), hyper);
    return [this.out(p2), this.out(m2), this.out(v2)];
  }

  // ---- convolution and pooling ----
  conv2d(x: TensorRef, filter: TensorRef, info: Conv2DInfo): Buffer {
    return this.out(conv2d(this.ctx, this.t(x), this.t(filter), info));
  }

  conv2dBackpropInput(dy: TensorRef, filter: TensorRef, info: Conv2DInfo): Buffer {
    return this.out(conv2dBackpropInput(this.ctx, this.t(dy), this.t(filter), info));
  }

  conv2dBackpropFilter(x: TensorRef, dy: TensorRef, info: Conv2DInfo): Buffer {
    return this.out(conv2dBackpropFilter(this.ctx, this.t(x), this.t(dy), info));
  }

  maxPool(x: TensorRef, info: Pool2DInfo): Buffer {
    return this.out(maxPool(this.ctx, this.t(x), info));
  }

  maxPoolBackprop(dy: TensorRef, x: TensorRef, info: Pool2DInfo): Buffer {
    return this.out(maxPoolBackprop(this.ctx, this.t(dy), this.t(x), info));
  }

  avgPool(x: TensorRef, info: Pool2DInfo): Buffer {
    return this.out(avgPool(this.ctx, this.t(x), info));
  }

  avgPoolBackprop(dy: TensorRef, info: Pool2DInfo): Buffer {
    return this.out(avgPoolBackprop(this.ctx, this.t(dy), info));
  }

  // ---- gather / scatter ----
  gather(x: TensorRef, indices: TensorRef, axis: number): Buffer {
    return this.out(gather(this.ctx, this.t(x), this.t(indices), axis));
  }

  unsortedSegmentSum(x: TensorRef, segmentIds: TensorRef, numSegments: number): Buffer {
    return this.out(unsortedSegmentSum(this.ctx, this.t(x), this.t(segmentIds), numSegments));
  }

  // ---- layout ----
  transpose(x: TensorRef, perm: readonly number[]): Buffer {
    return this.out(transpose(this.ctx, this.t(x), perm));
  }

  slice(x: TensorRef, begin: readonly number[], size: readonly number[]): Buffer {
    return this.out(slice(this.ctx, this.t(x), begin, size));
  }

  concat(xs: readonly TensorRef[], axis: number): Buffer {
    if (xs.length === 0) throw new Error('webgpu backend: concat needs at least one tensor');
    return this.out(concat(this.ctx, xs.map((x) => this.t(x)), axis));
  }

  pad(x: TensorRef, paddings: readonly (readonly [number, number])[], value: number): Buffer {
    return this.out(pad(this.ctx, this.t(x), paddings, value));
  }
}

/** The webgpu backend's options (snake_case accepted, unknown keys refused). */
const WEBGPU_OPTIONS = optionKeys<WebGPUOptions>()(['dawnOptions', 'adapterOptions']);

/**
 * A fresh webgpu kernel on its own device. In Node, `navigator.gpu` comes from the
 * `webgpu` package (Dawn): its default backend first, then Mesa's software OpenGL ES;
 * `dawnOptions` replaces that list with one route. Throws "no GPU adapter; tried: ..."
 * when nothing works. Unknown option keys are refused; snake_case spellings are accepted.
 */
export async function createWebGPUKernel(options: WebGPUOptions = {}): Promise<WebGPUKernel> {
  options = WEBGPU_OPTIONS.read(options, 'createWebGPUKernel');
  const gpu = await acquireGpu(options);
  const { tf, WebGPUBackend } = await loadTfjs();
  const backend = new WebGPUBackend(gpu.device, gpu.adapter.info);
  return new WebGPUKernel(backend, new TfKernels(tf, backend), gpu);
}
