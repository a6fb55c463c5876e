import { defineConfig } from 'vitest/config';

// Each port trains a small model on the cpu backend; two shared cores need room.
export default defineConfig({ test: { include: ['test/**/*.test.ts'], testTimeout: 240_000, fileParallelism: false } });
