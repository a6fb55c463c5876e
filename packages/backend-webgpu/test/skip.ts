import { describe } from 'vitest';

/**
 * Why the webgpu tests are skipped, or '' when they run: the root test command
 * (scripts/test.mjs) sets it when Mesa's EGL (Dawn's software renderer) is missing and
 * cannot be installed. Run on their own, these tests never skip: without an adapter they
 * fail with the backend's message.
 */
export const skipReason = process.env.LAYERWISE_SKIP_WEBGPU_TESTS ?? '';
/** `describe`, skipped (and counted as skipped) when the root test command says so. */
export const describeWebGPU = describe.skipIf(skipReason !== '');
