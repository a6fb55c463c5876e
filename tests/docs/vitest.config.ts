import { defineConfig } from 'vitest/config';

// The code blocks run as child processes (a model trains in some), and TypeDoc reads every
// package's sources: one file at a time, generous timeouts.
export default defineConfig({
  test: {
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 600_000,
  },
});
