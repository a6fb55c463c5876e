import type { Exclusions } from './exclusions.js';

/**
 * backend-webgpu (tfjs-backend-webgpu kernels plus its own WGSL, run on Dawn) is excused
 * from nothing: where tfjs differs from the Kernel semantics (int32 through f32, MaxPoolGrad
 * picking the last tie, no dilated or asymmetric-padding backprops, no unsortedSegmentSum)
 * the package has its own programs.
 */
export const WEBGPU_EXCLUSIONS: Exclusions = {};
