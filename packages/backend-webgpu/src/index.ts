/**
 * A backend on the kernels of TensorFlow.js's WebGPU backend (in Node, on Dawn through the `webgpu`
 * package). Importing the package registers it as `'webgpu'`.
 *
 * @module @layerwise/backend-webgpu
 */
import { registerBackend } from '@layerwise/api';
import { createWebGPUKernel } from './webgpu-kernel.js';

export { WebGPUKernel, createWebGPUKernel } from './webgpu-kernel.js';
export type { WebGPUOptions } from './gpu.js';

/** Priority of the registered 'webgpu' backend (above wasm and cpu, as in tfjs). */
export const WEBGPU_PRIORITY = 3;

registerBackend('webgpu', () => createWebGPUKernel(), WEBGPU_PRIORITY);
