// The whole suite again on tfjs's threaded build: its memory is shared, so layerwise's own
// kernels (src/simd) run from their shared-memory binary, and XNNPACK runs on 2 threads.
import { describeConformance } from '@layerwise/conformance/vitest';
import { createWasmKernel } from '../src/index.js';

describeConformance('wasm (2 threads)', async () => {
  const k = await createWasmKernel({ threads: 2 });
  if (k.build !== 'threaded-simd') throw new Error(`expected the threaded build, got ${k.build} (${k.fallbackReason})`);
  return k;
});
