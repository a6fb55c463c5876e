/**
 * `describeConformance`: the conformance suite as vitest tests, one per case.
 *
 * @module @layerwise/conformance/vitest
 */
import type { Kernel } from '@layerwise/api';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Case } from './cases/case.js';
import { ALL_CASES } from './cases/index.js';
import type { Exclusions } from './exclusions/exclusions.js';
import { runCase } from './runner.js';

/** Options of `describeConformance`. */
export interface DescribeConformanceOptions {
  /** Cases to declare (default: every case). */
  readonly cases?: readonly Case[];
  /** Exclusions (default: the checked-in list for the kernel's name, or none). */
  readonly exclusions?: Exclusions;
  /** Called once after all cases, e.g. to release a device. */
  readonly teardown?: (kernel: Kernel) => void | Promise<void>;
}

/**
 * Declares one vitest test per conformance case, so a failure names its case. Excluded cases
 * and cases the backend cannot run (a missing optional fused kernel) are reported as skipped
 * with their reason. Call at the top level of a test file:
 *
 *   describeConformance('my-backend', () => createMyKernel());
 */
export function describeConformance(
  name: string, makeKernel: () => Kernel | Promise<Kernel>, options: DescribeConformanceOptions = {},
): void {
  const cases = options.cases ?? ALL_CASES;
  describe(`${name} conformance`, () => {
    let kernel: Kernel | undefined;
    beforeAll(async () => {
      kernel = await makeKernel();
    });
    afterAll(async () => {
      if (kernel && options.teardown) await options.teardown(kernel);
    });
    const kinds = [...new Set(cases.map((c) => c.kind))];
    for (const kind of kinds) {
      describe(kind, () => {
        for (const testCase of cases.filter((c) => c.kind === kind)) {
          it(testCase.name, async (context) => {
            if (!kernel) throw new Error(`${name}: the kernel factory did not produce a kernel`);
            const result = await runCase(kernel, testCase, { exclusions: options.exclusions });
            if (result.status === 'excluded') context.skip(`excluded: ${result.message}`);
            if (result.status === 'skipped') context.skip(result.message);
            if (result.status === 'fail') throw new Error(`${testCase.name} on ${result.backend}: ${result.message}`);
          });
        }
      });
    }
  });
}
