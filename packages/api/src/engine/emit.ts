import type { DType } from '../kernel/dtypes.js';
import type { Buffer, Kernel } from '../kernel/kernel.js';
import { activeKernel } from '../kernel/registry.js';
import { Storage } from '../tensor/storage.js';
import { Tensor } from '../tensor/tensor.js';
import { track } from './scope.js';

/** @internal Wraps a buffer a kernel returned as a tracked tensor. */
export function emit(kernel: Kernel, buffer: Buffer, shape: readonly number[], dtype: DType): Tensor {
  return track(new Tensor(new Storage(kernel, buffer), shape, dtype));
}

/** @internal A tensor viewing `x`'s buffer with another shape (no copy). */
export function view(x: Tensor, shape: readonly number[]): Tensor {
  const storage = x.storage;
  if (!storage) throw new Error(`Tensor ${x.id} is disposed`);
  return track(new Tensor(storage.retain(), shape, x.dtype));
}

/** @internal The active kernel, after checking that every input is alive and lives on it. */
export function kernelFor(op: string, inputs: Record<string, Tensor>): Kernel {
  const kernel = activeKernel();
  for (const name in inputs) {
    const t = inputs[name];
    if (!t.storage) throw new Error(`${op}: argument '${name}' (shape [${t.shape}], ${t.dtype}) is disposed`);
    if (t.storage.kernel !== kernel) {
      throw new Error(`${op}: argument '${name}' lives on backend '${t.storage.kernel.name}' but the active backend is '${kernel.name}'`);
    }
  }
  return kernel;
}
