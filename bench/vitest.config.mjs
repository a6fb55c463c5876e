import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.mjs', 'test/**/*.test.ts'],
    // Each test spawns runner processes; run them one at a time on this small machine.
    fileParallelism: false,
  },
});
