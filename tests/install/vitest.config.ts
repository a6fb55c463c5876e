import { defineConfig } from 'vitest/config';

// npm installs from the registry and a model trained per backend: one file, one worker,
// generous timeouts.
export default defineConfig({
  test: {
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});
