import { describeConformance } from '@layerwise/conformance/vitest';
import { createWebGPUKernel, type WebGPUKernel } from '../src/index.js';
import { describeWebGPU } from './skip.js';

// Every conformance case on webgpu (Dawn in Node; Mesa's software GLES where no GPU exists).
describeWebGPU('on Dawn', () => {
  describeConformance('webgpu', () => createWebGPUKernel(), {
    teardown: (kernel) => (kernel as WebGPUKernel).destroy(),
  });
});
