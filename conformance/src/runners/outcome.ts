/** What running one case on one backend found (before exclusions are applied). */
export interface CaseOutcome {
  /** `pass`, `fail` or `skipped` (exclusions, and so `excluded`, come later, in runCase). */
  readonly status: 'pass' | 'fail' | 'skipped';
  /** Largest |actual - expected| over compared finite elements (0 when nothing was compared). */
  readonly maxAbsError: number;
  /** Largest |actual - expected| / |expected| over the same elements (Infinity where an expected 0 met a nonzero value). */
  readonly maxRelError: number;
  /** Why it failed or was skipped, or notes on a pass (e.g. a part that could not run). */
  readonly message: string;
}

export const failed = (message: string, maxAbsError = NaN, maxRelError = NaN): CaseOutcome =>
  ({ status: 'fail', maxAbsError, maxRelError, message });

export const skipped = (message: string): CaseOutcome => ({ status: 'skipped', maxAbsError: 0, maxRelError: 0, message });

export function describeError(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}
