import type { Case } from './case.js';
import { KERNEL_CASES } from './kernel/index.js';

export type { Case, CaseKind, KernelCase, InputSpec } from './case.js';
export * from './kernel/index.js';
export { kernelCase, f32, i32, bool, randF32, randF32NonZero, randInt, randChoice, randBool, mulberry32, hashString } from './build.js';
export type { InputMaker } from './build.js';

/** Every conformance case of every kind. */
export const ALL_CASES: readonly Case[] = [...KERNEL_CASES];
