import type { DType } from '../kernel/dtypes.js';
import { fmtShape } from '../tensor/shape.js';

/** A check of one weight before it is created (loadModel's: its shape against the file's weight of that name). */
export type WeightCheck = (layer: string, weight: string, shape: readonly number[], dtype: DType) => void;

/**
 * A limit on how many weight values layers may create, set while a loader builds a model from
 * a file: the file's weights bound what a faithful config can ask for, so a hostile or broken
 * config (units: 1e9) fails before anything large is allocated, not after. An optional check
 * sees each weight too (before it is allocated), to compare its shape with the file's.
 */
let budget: { remaining: number; total: number; check: WeightCheck | undefined } | null = null;

/** Runs `fn` with weight creation limited to `elements` values in all, each weight passing `check` first. */
export function withWeightBudget<T>(elements: number, fn: () => T, check?: WeightCheck): T {
  const outer = budget;
  budget = { remaining: elements, total: elements, check };
  try {
    return fn();
  } finally {
    budget = outer;
  }
}

/** Counts a weight about to be created against the active budget; throws before allocation if it does not fit. */
export function chargeWeight(layer: string, weight: string, shape: readonly number[], dtype: DType = 'float32'): void {
  if (!budget) return;
  const size = shape.reduce((a, b) => a * b, 1);
  if (size > budget.remaining) {
    throw new Error(`layer '${layer}' would create weight '${weight}' of shape ${fmtShape(shape)} (${size} values), more than the saved weights allow (${budget.total} values in all, with room to spare); the model config does not fit its weights`);
  }
  budget.check?.(layer, weight, shape, dtype);
  budget.remaining -= size;
}
