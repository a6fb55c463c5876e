import { describeConformance } from '@layerwise/conformance/vitest';
import { createWebGPUKernel, type WebGPUKernel } from '../src/index.js';

// Every conformance case on webgpu (Dawn in Node; Mesa's software GLES where no GPU exists).
describeConformance('webgpu', () => createWebGPUKernel(), {
  teardown: (kernel) => (kernel as WebGPUKernel).destroy(),
});
