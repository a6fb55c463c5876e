import type { Kernel } from '@layerwise/api';
import type { Case } from './cases/case.js';
import type { Exclusions } from './exclusions/index.js';
import { runCases, type CaseResult } from './runner.js';

/** Options of `checkConformance`. */
export interface CheckConformanceOptions {
  /** Cases to run (default: every case). */
  readonly cases?: readonly Case[];
  /** Runs only the cases this accepts. */
  readonly filter?: (testCase: Case) => boolean;
  /** Exclusions (default: the checked-in list for the kernel's name, or none). */
  readonly exclusions?: Exclusions;
  /** Called with each result as it is produced (progress output). */
  readonly onResult?: (result: CaseResult) => void;
  /** Called once after all cases, e.g. to release a device. */
  readonly teardown?: (kernel: Kernel) => void | Promise<void>;
}

/** What `checkConformance` found: a backend conforms when `failed` is empty. */
export interface ConformanceReport {
  /** The cases that passed. */
  readonly passed: readonly CaseResult[];
  /** The cases that failed, each with its message and max abs/rel error. */
  readonly failed: readonly CaseResult[];
  /** Every result in case order, excluded and skipped ones included. */
  readonly results: readonly CaseResult[];
}

/**
 * The conformance suite without a test framework: makes the kernel, runs every case on it
 * one after another, and sorts the results. Use it from any test runner:
 *
 *   const { failed } = await checkConformance(() => createMyKernel());
 *   assert.deepEqual(failed, []);
 */
export async function checkConformance(
  makeKernel: () => Kernel | Promise<Kernel>, options: CheckConformanceOptions = {},
): Promise<ConformanceReport> {
  const kernel = await makeKernel();
  try {
    const results = await runCases(kernel, options);
    return {
      passed: results.filter((r) => r.status === 'pass'),
      failed: results.filter((r) => r.status === 'fail'),
      results,
    };
  } finally {
    await options.teardown?.(kernel);
  }
}
