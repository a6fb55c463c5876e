/**
 * The reference backend: every `Kernel` primitive in plain TypeScript, no dependencies.
 * Importing the package registers it as `'cpu'`.
 *
 * @module @layerwise/backend-cpu
 */
import { registerBackend } from '@layerwise/api';
import { CpuKernel } from './cpu-kernel.js';

export { CpuKernel } from './cpu-kernel.js';

/** A fresh cpu kernel with its own storage (the registered one is created lazily by the api). */
export function createCpuKernel(): CpuKernel {
  return new CpuKernel();
}

registerBackend('cpu', () => new CpuKernel(), 1);
