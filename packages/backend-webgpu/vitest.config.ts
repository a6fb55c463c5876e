import { defineConfig } from 'vitest/config';

// Dawn on a software renderer is slow and the device is per process: run the webgpu test
// files one at a time in a single worker, with generous timeouts.
export default defineConfig({
  test: {
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
