import type { Exclusions } from './exclusions.js';

/** backend-cpu is the reference backend: it is excused from nothing. */
export const CPU_EXCLUSIONS: Exclusions = {};
