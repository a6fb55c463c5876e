import { createCpuKernel } from '@layerwise/backend-cpu';
import { describeConformance } from '../src/vitest.js';

// Every case on backend-cpu, the reference backend (its exclusion list is empty).
describeConformance('backend-cpu', () => createCpuKernel());
