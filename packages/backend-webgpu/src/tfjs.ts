import type { DType } from '@layerwise/api';

/** What tfjs kernels take and return: a handle in the backend's tensor map plus shape and dtype. */
export interface TensorInfo {
  readonly dataId: object;
  readonly shape: number[];
  readonly dtype: DType;
}

export interface UniformData {
  readonly type: 'int32' | 'float32' | 'uint32';
  readonly data: number[];
}

/** The WebGPUBackend members this package uses (tfjs-backend-webgpu 4.22.0). */
export interface TfWebGPUBackend {
  write(values: ArrayLike<number> | null, shape: number[], dtype: DType): object;
  read(dataId: object): Promise<ArrayLike<number>>;
  disposeData(dataId: object, force?: boolean): boolean;
  incRef(dataId: object): void;
  numDataIds(): number;
  makeTensorInfo(shape: number[], dtype: DType, values?: ArrayLike<number>): TensorInfo;
  runWebGPUProgram(program: object, inputs: TensorInfo[], outputDtype: DType, uniforms?: UniformData[], output?: TensorInfo): TensorInfo;
  dispose(): void;
  readonly device: unknown;
}

type KernelFunc = (args: { inputs: Record<string, TensorInfo | null>; backend: TfWebGPUBackend; attrs: Record<string, unknown> }) => TensorInfo | TensorInfo[];

export interface Tfjs {
  getKernel(name: string, backend: string): { kernelFunc: KernelFunc } | undefined;
}

export interface LoadedTfjs {
  readonly tf: Tfjs;
  readonly WebGPUBackend: new (device: unknown, adapterInfo?: unknown) => TfWebGPUBackend;
}

/**
 * Loads tfjs-core and tfjs-backend-webgpu (which registers its kernels in tfjs-core's
 * registry). Called after `navigator.gpu` exists, so nothing tfjs does at import time
 * finds it missing.
 */
export async function loadTfjs(): Promise<LoadedTfjs> {
  const tf = (await import('@tensorflow/tfjs-core')) as unknown as Tfjs;
  const webgpu = (await import('@tensorflow/tfjs-backend-webgpu')) as unknown as { WebGPUBackend: LoadedTfjs['WebGPUBackend'] };
  return { tf, WebGPUBackend: webgpu.WebGPUBackend };
}

/** Calls one tfjs webgpu kernel directly: no engine, no tape. */
export class TfKernels {
  private readonly cache = new Map<string, KernelFunc>();

  constructor(private readonly tf: Tfjs, private readonly backend: TfWebGPUBackend) {}

  run(name: string, inputs: Record<string, TensorInfo | null>, attrs: Record<string, unknown> = {}): TensorInfo {
    let fn = this.cache.get(name);
    if (!fn) {
      const k = this.tf.getKernel(name, 'webgpu');
      if (!k) throw new Error(`webgpu backend: tfjs-backend-webgpu has no kernel '${name}'`);
      fn = k.kernelFunc;
      this.cache.set(name, fn);
    }
    const out = fn({ inputs, backend: this.backend, attrs });
    if (Array.isArray(out)) throw new Error(`webgpu backend: tfjs kernel '${name}' returned several outputs`);
    return out;
  }
}
