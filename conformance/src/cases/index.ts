import type { Case } from './case.js';
import { KERNEL_CASES } from './kernel/index.js';
import { GRADIENT_CASES } from './gradient/index.js';
import { MODEL_CASES } from './model/index.js';

export type { Case, CaseKind, KernelCase, GradientCase, ModelCase, ModelRun, ModelSetup, InputSpec } from './case.js';
export { GRADIENT_CASES } from './gradient/index.js';
export { MODEL_CASES } from './model/index.js';
export { gradientCase } from './gradient/build.js';
export * from './kernel/index.js';
export { kernelCase, f32, i32, bool, randF32, randF32NonZero, randInt, randChoice, randBool, mulberry32, hashString } from './build.js';
export type { InputMaker } from './build.js';

/** Every conformance case of every kind. */
export const ALL_CASES: readonly Case[] = [...KERNEL_CASES, ...GRADIENT_CASES, ...MODEL_CASES];
