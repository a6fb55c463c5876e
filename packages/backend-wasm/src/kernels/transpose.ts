import type { Info, Runtime } from '../runtime.js';
import { sizeOf } from '../runtime.js';
import { PLAN } from '../threads/plan.js';

/** tfjs's Transpose (XNNPACK): on its thread pool from PLAN.transposeFloats elements. */
export function runTranspose(rt: Runtime, x: Info, perm: readonly number[]): Info {
  return rt.run('Transpose', { x }, { perm: [...perm] }, sizeOf(x.shape) >= PLAN.transposeFloats);
}

/** tfjs's Transpose (XNNPACK); identity permutations and empty tensors are copies. */
export function transpose(rt: Runtime, x: Info, perm: readonly number[]): Info {
  const outShape = perm.map((p) => x.shape[p]);
  if (sizeOf(outShape) === 0) return rt.empty(outShape, x.dtype);
  if (perm.every((p, i) => p === i)) return rt.copy(x);
  return runTranspose(rt, x, perm);
}
