import type { Exclusions } from './exclusions.js';

/** The ReferenceKernel is the float64 reference itself: it is excused from nothing. */
export const REFERENCE_EXCLUSIONS: Exclusions = {};
