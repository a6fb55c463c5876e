import type { Kernel } from '@layerwise/api';
import type { Case, CaseKind } from './cases/case.js';
import { ALL_CASES } from './cases/index.js';
import { KERNEL_CASES } from './cases/kernel/index.js';
import { exclusionsFor, type Exclusions } from './exclusions/index.js';
import { runKernelCase } from './runners/kernel-case.js';
import { runGradientCase } from './runners/gradient-case.js';
import { runModelCase } from './runners/model-case.js';
import { describeError, failed, type CaseOutcome } from './runners/outcome.js';
import type { Precision } from './tolerance.js';

/**
 * How a case ended on a backend: `pass` (every output within tolerance, no buffer leaked),
 * `fail` (a mismatch, a thrown error, or a leak), `excluded` (listed in the backend's exclusions,
 * not run), `skipped` (the case could not apply to this backend: a fused-kernel case on a backend without that optional kernel).
 */
export type CaseStatus = 'pass' | 'fail' | 'excluded' | 'skipped';

/** One case's result on one backend: a row of a conformance report. */
export interface CaseResult {
  /** The case's name, unique across the suite (what exclusion lists and filters match). */
  readonly case: string;
  /** Which family the case belongs to: a single kernel call, a gradient, or a whole model. */
  readonly kind: CaseKind;
  /** The backend's name (`kernel.name`, e.g. 'cpu', 'wasm', 'webgpu'). */
  readonly backend: string;
  /** How it ended (see CaseStatus). */
  readonly status: CaseStatus;
  /**
   * Largest |actual - expected| over the compared finite elements: 0 for excluded and skipped
   * cases and when nothing was compared, NaN when a failure came before any comparison (a throw).
   */
  readonly maxAbsError: number;
  /**
   * Largest |actual - expected| / |expected| over the same elements (Infinity where an expected 0
   * met a nonzero value); 0 and NaN as for maxAbsError.
   */
  readonly maxRelError: number;
  /**
   * Why it failed (the first mismatching element, the error, or the leaked buffer count), why it
   * was skipped, or the exclusion's reason; may carry notes on a pass; empty otherwise.
   */
  readonly message: string;
}

/** What every runner is told about the backend it runs on. */
export interface RunContext {
  /** The backend's float precision (selects the tolerance profiles). */
  readonly precision: Precision;
}

/** Runs one case of one kind. It must dispose every buffer it makes; runCase checks that it did. */
export type CaseRunner<C extends Case> = (kernel: Kernel, testCase: C, context: RunContext) => Promise<CaseOutcome>;

/** One runner per case kind: to add a kind, add it to the `Case` union and its runner here. */
export const CASE_RUNNERS: {
  readonly [K in CaseKind]: CaseRunner<Extract<Case, {
    /** The case kind the runner takes. */
    kind: K;
  }>>;
} = {
  kernel: (kernel, testCase, context) => runKernelCase(kernel, testCase, context.precision),
  gradient: (kernel, testCase, context) => runGradientCase(kernel, testCase, context.precision),
  model: (kernel, testCase, context) => runModelCase(kernel, testCase, context.precision),
};

/** Options of `runCases` and `runKernelCases` (`runCase` takes only `exclusions`). */
export interface RunOptions {
  /** Which cases to run (default: all of the function's kind). */
  readonly cases?: readonly Case[];
  /** Exclusions to apply (default: the checked-in list for `kernel.name`). */
  readonly exclusions?: Exclusions;
  /** Runs only the cases this accepts. */
  readonly filter?: (testCase: Case) => boolean;
  /** Called with each result as it is produced. */
  readonly onResult?: (result: CaseResult) => void;
}

function liveBuffers(kernel: Kernel): number {
  return kernel.memory().buffers;
}

/**
 * Runs one case on one backend: applies exclusions, dispatches on the case's kind, turns a
 * thrown error into a failure, and fails the case if the backend's live buffer count does not
 * return to its starting value.
 */
export async function runCase(kernel: Kernel, testCase: Case, options: Pick<RunOptions, 'exclusions'> = {}): Promise<CaseResult> {
  const backend = kernel.name;
  const base = { case: testCase.name, kind: testCase.kind, backend };
  const exclusions = options.exclusions ?? exclusionsFor(backend);
  const reason = Object.hasOwn(exclusions, testCase.name) ? exclusions[testCase.name] : undefined;
  if (reason !== undefined) {
    return { ...base, status: 'excluded', maxAbsError: 0, maxRelError: 0, message: reason };
  }
  let before: number;
  try {
    before = liveBuffers(kernel);
  } catch (err) {
    return { ...base, ...failed(`memory() threw ${describeError(err)}`) };
  }
  const runner = CASE_RUNNERS[testCase.kind] as CaseRunner<Case>;
  let outcome: CaseOutcome;
  try {
    outcome = await runner(kernel, testCase, { precision: kernel.capabilities.precision });
  } catch (err) {
    outcome = failed(`unexpected error: ${describeError(err)}`);
  }
  try {
    const after = liveBuffers(kernel);
    if (after !== before) {
      const leak = `live buffers went from ${before} to ${after} (${after > before ? 'leaked' : 'over-freed'} ${Math.abs(after - before)})`;
      outcome = failed(outcome.status === 'fail' ? `${outcome.message}; ${leak}` : leak, outcome.maxAbsError, outcome.maxRelError);
    }
  } catch (err) {
    outcome = failed(`memory() threw ${describeError(err)}`);
  }
  return { ...base, ...outcome };
}

/** Runs cases one after another (never concurrently, so leak checks are per case). */
export async function runCases(kernel: Kernel, options: RunOptions = {}): Promise<CaseResult[]> {
  const cases = (options.cases ?? ALL_CASES).filter((c) => options.filter?.(c) ?? true);
  const results: CaseResult[] = [];
  for (const testCase of cases) {
    const result = await runCase(kernel, testCase, options);
    options.onResult?.(result);
    results.push(result);
  }
  return results;
}

/** Runs every kernel case (or `options.cases`) on `kernel`. */
export async function runKernelCases(kernel: Kernel, options: RunOptions = {}): Promise<CaseResult[]> {
  return runCases(kernel, { ...options, cases: options.cases ?? KERNEL_CASES });
}

/** Counts of each status, for a one-line summary. */
export function summarize(results: readonly CaseResult[]): Record<CaseStatus, number> {
  const counts: Record<CaseStatus, number> = { pass: 0, fail: 0, excluded: 0, skipped: 0 };
  for (const r of results) counts[r.status]++;
  return counts;
}
