import { describeConformance } from '@layerwise/conformance/vitest';
import { createWasmKernel } from '../src/index.js';

describeConformance('wasm', () => createWasmKernel({ threads: 1 }));
