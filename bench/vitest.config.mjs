import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.mjs'],
    // Each test spawns runner processes; run them one at a time on this small machine.
    fileParallelism: false,
  },
});
