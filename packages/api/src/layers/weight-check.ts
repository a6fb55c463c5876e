import type { DType } from '../kernel/dtypes.js';

/**
 * A check every new weight passes before its initializer runs: loadModel installs one that
 * compares the shapes a topology declares with the file's manifest, so a 1 KB model.json
 * declaring `units: 200000000` fails at once instead of allocating gigabytes first.
 */
export type WeightCheck = (layerName: string, weightName: string, shape: readonly number[], dtype: DType) => void;

let active: WeightCheck | null = null;

/** Runs `fn` (synchronous: building a model is) with `check` applied to every weight it creates. */
export function withWeightCheck<T>(check: WeightCheck, fn: () => T): T {
  const outer = active;
  active = check;
  try {
    return fn();
  } finally {
    active = outer;
  }
}

/** @internal Called by Layer.addWeight before it allocates. */
export function checkNewWeight(layerName: string, weightName: string, shape: readonly number[], dtype: DType): void {
  active?.(layerName, weightName, shape, dtype);
}
