import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Worker threads load the built dist/worker-entry.js, so build before testing.
    globalSetup: ['./test/global-setup.ts'],
    testTimeout: 30_000,
  },
});
