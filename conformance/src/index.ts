/**
 * The suite every backend passes: kernel, gradient and model cases against a float64 reference,
 * the runner, tolerances and exclusions. `checkConformance` works with any test runner.
 *
 * @module @layerwise/conformance
 */
export * from './runner.js';
export type { CaseOutcome } from './runners/outcome.js';
export { runKernelCase } from './runners/kernel-case.js';
export * from './cases/index.js';
export * from './tolerance.js';
export * from './exclusions/index.js';
export * from './primitive.js';
export * from './ops.js';
export { invokeKernel } from './invoke.js';
export { composeFused } from './compose.js';
export * as reference from './reference/index.js';
export { applyReference, applyCall } from './reference/apply.js';
export type { RefTensor } from './reference/tensor.js';
export { refTensor, roundToStorage } from './reference/tensor.js';
export { ReferenceKernel, createReferenceKernel, type ReferenceKernelOptions } from './reference-kernel.js';
export { checkConformance, type CheckConformanceOptions, type ConformanceReport } from './check.js';
export { soakTraining, type SoakOptions, type SoakReport, type SoakSample } from './soak.js';
