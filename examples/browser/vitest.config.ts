import { defineConfig } from 'vitest/config';

// Headless Chromium with software WebGPU (SwiftShader) on two shared cores: generous
// timeouts, and one test file at a time (each starts a server and a browser).
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 240_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
