import { registerBackend } from '@layerwise/api';
import { createWebGPUKernel } from './webgpu-kernel.js';

export { WebGPUKernel, createWebGPUKernel } from './webgpu-kernel.js';
export type { WebGPUOptions } from './gpu.js';

/** Priority of the registered 'webgpu' backend (above wasm and cpu, as in tfjs). */
export const WEBGPU_PRIORITY = 3;

registerBackend('webgpu', () => createWebGPUKernel(), WEBGPU_PRIORITY);
