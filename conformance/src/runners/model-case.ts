import { setRandomSeed, useKernel, type Kernel, type Tensor } from '@layerwise/api';
import type { ModelCase, ModelRun } from '../cases/case.js';
import { ReferenceKernel } from '../reference-kernel.js';
import { compareValues, toleranceFor, type Precision } from '../tolerance.js';
import { describeError, failed, type CaseOutcome } from './outcome.js';

/** Builds, trains and predicts with `kernel` active; frees the model before returning. */
async function train(kernel: Kernel, c: ModelCase): Promise<ModelRun> {
  const restore = useKernel(kernel);
  try {
    setRandomSeed(c.seed);
    const setup = c.build();
    try {
      setup.model.compile(setup.compile);
      let batches = 0;
      const counter = { onBatchEnd: () => void batches++ };
      // allowNonFinite: the non-finite cases train on NaN on purpose (what each backend does with it).
      const history = await setup.model.fit(setup.x, setup.y, {
        epochs: setup.epochs, batchSize: setup.batchSize, shuffle: false, verbose: 0, callbacks: [...(setup.callbacks ?? []), counter],
        allowNonFinite: true,
      });
      const out = await setup.model.predict(setup.predictX ?? setup.x, { batchSize: setup.batchSize });
      const outputs: Tensor[] = Array.isArray(out) ? out : [out];
      const parts = await Promise.all(outputs.map((p) => p.data()));
      for (const p of outputs) p.dispose();
      const predictions = new Float32Array(parts.reduce((n, d) => n + d.length, 0));
      let at = 0;
      for (const d of parts) {
        predictions.set(d, at);
        at += d.length;
      }
      const trainableWeights = await Promise.all(setup.model.trainableWeights.map(async (w) => (await w.value.data()) as Float32Array));
      return { logs: history.history, predictions, trainableWeights, batches };
    } finally {
      setup.model.dispose();
    }
  } finally {
    restore();
  }
}

const referenceRuns = new Map<string, Promise<ModelRun>>();

/** The executable specification's run of a case (computed once per process). */
function referenceRun(c: ModelCase): Promise<ModelRun> {
  let run = referenceRuns.get(c.name);
  if (!run) {
    run = train(new ReferenceKernel({ name: 'reference' }), c);
    referenceRuns.set(c.name, run);
  }
  return run;
}

/**
 * Trains the case's model on the backend and on the ReferenceKernel and compares every
 * per-epoch log value and the final predictions under the case's tolerance (NaN matching
 * NaN), then applies the case's own check to both runs.
 */
export async function runModelCase(kernel: Kernel, c: ModelCase, precision: Precision): Promise<CaseOutcome> {
  let expected: ModelRun;
  try {
    expected = await referenceRun(c);
  } catch (err) {
    return failed(`the reference run of this case threw ${describeError(err)} (a bug in the case or the api, not the backend)`);
  }
  const referenceProblem = c.expect?.(expected);
  if (referenceProblem) return failed(`the reference run fails the case's own check: ${referenceProblem} (a bug in the case or the api, not the backend)`);
  let actual: ModelRun;
  try {
    actual = await train(kernel, c);
  } catch (err) {
    return failed(`training threw ${describeError(err)}`);
  }
  const tolerance = toleranceFor(c.tolerance, precision);
  let maxAbs = 0;
  let maxRel = 0;
  for (const [key, want] of Object.entries(expected.logs)) {
    const got = actual.logs[key];
    if (!got) return failed(`history has no '${key}'`);
    const cmp = compareValues(got, want, tolerance);
    maxAbs = Math.max(maxAbs, cmp.maxAbsError);
    maxRel = Math.max(maxRel, cmp.maxRelError);
    if (!cmp.ok) return failed(`per-epoch '${key}' differs from the reference: ${cmp.message}`, cmp.maxAbsError, cmp.maxRelError);
  }
  const cmp = compareValues(actual.predictions, expected.predictions, tolerance);
  if (!cmp.ok) return failed(`predictions after training differ from the reference: ${cmp.message}`, cmp.maxAbsError, cmp.maxRelError);
  const problem = c.expect?.(actual);
  if (problem) return failed(problem, cmp.maxAbsError, cmp.maxRelError);
  return { status: 'pass', maxAbsError: Math.max(maxAbs, cmp.maxAbsError), maxRelError: Math.max(maxRel, cmp.maxRelError), message: '' };
}
