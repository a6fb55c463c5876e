import { CPU_EXCLUSIONS } from './cpu.js';
import type { Exclusions } from './exclusions.js';
import { REFERENCE_EXCLUSIONS } from './reference.js';
import { WEBGPU_EXCLUSIONS } from './webgpu.js';

export type { Exclusions } from './exclusions.js';
export { validateExclusions } from './exclusions.js';
export { CPU_EXCLUSIONS, REFERENCE_EXCLUSIONS, WEBGPU_EXCLUSIONS };

/** The checked-in exclusion list of each backend, keyed by `Kernel.name`. */
export const EXCLUSIONS: Readonly<Record<string, Exclusions>> = {
  cpu: CPU_EXCLUSIONS,
  reference: REFERENCE_EXCLUSIONS,
  webgpu: WEBGPU_EXCLUSIONS,
};

/** The checked-in exclusions of `backend` (a `Kernel.name`): case name -> reason; `{}` for a backend with no list. */
export function exclusionsFor(backend: string): Exclusions {
  return EXCLUSIONS[backend] ?? {};
}
