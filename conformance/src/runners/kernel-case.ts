import { arrayFor, type Buffer, type DType, type Kernel, type TensorRef, type TypedArray } from '@layerwise/api';
import type { KernelCase } from '../cases/case.js';
import { composeFused } from '../compose.js';
import { invokeKernel } from '../invoke.js';
import { isFused, type PrimitiveCall } from '../primitive.js';
import { applyCall } from '../reference/apply.js';
import { refTensor, roundToStorage, sizeOf } from '../reference/tensor.js';
import { compareValues, toleranceFor, type CompareOptions, type Comparison, type Precision, type Tolerance } from '../tolerance.js';
import { describeError, failed, skipped, type CaseOutcome } from './outcome.js';

const EXACT: Tolerance = { rtol: 0, atol: 0 };

const ARRAY_TYPE: Record<DType, string> = { float32: 'Float32Array', int32: 'Int32Array', bool: 'Uint8Array' };

/** A failure raised while checking, carrying the message the result reports. */
class CheckFailure extends Error {
  constructor(message: string, readonly comparison?: Comparison) {
    super(message);
  }
}

/** Downloads a result and checks its array type and length (and that downloadSync agrees). */
async function readBack(kernel: Kernel, ref: TensorRef, what: string): Promise<TypedArray> {
  let data: TypedArray;
  try {
    data = await kernel.download(ref);
  } catch (err) {
    throw new CheckFailure(`download of ${what} threw ${describeError(err)}`);
  }
  const want = ARRAY_TYPE[ref.dtype];
  if (data?.constructor?.name !== want) {
    throw new CheckFailure(`download of ${what} (${ref.dtype}) returned ${data?.constructor?.name ?? typeof data}, expected ${want}`);
  }
  if (data.length !== sizeOf(ref.shape)) {
    throw new CheckFailure(`download of ${what} returned ${data.length} elements, expected ${sizeOf(ref.shape)} for shape [${ref.shape.join(', ')}]`);
  }
  if (kernel.downloadSync) {
    const sync = kernel.downloadSync(ref);
    const same = compareValues(sync, data, EXACT);
    if (!same.ok) throw new CheckFailure(`downloadSync of ${what} disagrees with download: ${same.message}`);
  }
  return data;
}

function callKernel<T>(what: string, run: () => T): T {
  try {
    return run();
  } catch (err) {
    throw new CheckFailure(`${what} threw ${describeError(err)}`);
  }
}

function check(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance: Tolerance, what: string,
  options: CompareOptions = {}): Comparison {
  const comparison = compareValues(actual, expected, tolerance, options);
  if (!comparison.ok) throw new CheckFailure(`${what}: ${comparison.message}`, comparison);
  return comparison;
}

function upload(kernel: Kernel, values: readonly number[], shape: readonly number[], dtype: DType): Buffer {
  const data = arrayFor(dtype, values.length);
  for (let i = 0; i < values.length; i++) data[i] = values[i];
  return kernel.upload(data, shape, dtype);
}

/**
 * Runs one kernel case: uploads its inputs, calls the primitive (or, for `composed` cases,
 * the composition from primitives and then the fused kernel), downloads, compares with the
 * float64 reference, checks the inputs were not mutated, and disposes every buffer it made.
 */
export async function runKernelCase(kernel: Kernel, testCase: KernelCase, precision: Precision): Promise<CaseOutcome> {
  const call = testCase as PrimitiveCall;
  const label = `${call.primitive}`;
  const expected = roundToStorage(applyCall(call, testCase.inputs.map((s) => refTensor(s.values, s.shape, s.dtype))));
  // int32 and bool results are exact whatever the case names.
  const tolerance = expected.dtype === 'float32' ? toleranceFor(testCase.tolerance, precision) : EXACT;
  const outRef = (buffer: Buffer): TensorRef => ({ buffer, shape: expected.shape, dtype: expected.dtype });
  const zeros: CompareOptions = { signedZeros: testCase.signedZeros ?? false };

  const hasFused = isFused(call.primitive) && typeof kernel[call.primitive] === 'function';
  if (isFused(call.primitive) && !testCase.composed && !hasFused) {
    return skipped(`backend has no optional fused kernel '${label}' (the api composes it; the '/composed' cases check that path)`);
  }

  const made: Buffer[] = [];
  const track = (buffer: Buffer): Buffer => {
    made.push(buffer);
    return buffer;
  };

  let outcome: CaseOutcome;
  try {
    const inputs: TensorRef[] = testCase.inputs.map((s, i) => ({
      buffer: track(callKernel(`upload of input ${i}`, () => upload(kernel, s.values, s.shape, s.dtype))),
      shape: s.shape,
      dtype: s.dtype,
    }));
    let comparison: Comparison;
    let note = '';
    if (isFused(call.primitive) && testCase.composed) {
      const composed = callKernel(`composition of ${label} from primitives`,
        () => composeFused(kernel, call.primitive as 'softmax', call.attrs as Record<string, never>, inputs, track));
      const composedValues = await readBack(kernel, composed, 'the composed result');
      comparison = check(composedValues, expected.data, tolerance, `${label} composed from primitives vs reference`, zeros);
      if (hasFused) {
        const fused = track(callKernel(label, () => invokeKernel(kernel, call, inputs)));
        const fusedValues = await readBack(kernel, outRef(fused), 'the fused result');
        const againstComposed = check(fusedValues, composedValues, tolerance, `fused ${label} vs composed from primitives`, zeros);
        comparison = {
          ...comparison,
          maxAbsError: Math.max(comparison.maxAbsError, againstComposed.maxAbsError),
          maxRelError: Math.max(comparison.maxRelError, againstComposed.maxRelError),
        };
      } else {
        note = `composed result checked against the reference; fused-vs-composed comparison skipped: backend has no optional fused kernel '${label}'`;
      }
    } else {
      const out = track(callKernel(label, () => invokeKernel(kernel, call, inputs)));
      const actual = await readBack(kernel, outRef(out), 'the result');
      comparison = check(actual, expected.data, tolerance, `${label} vs reference`, zeros);
    }
    for (let i = 0; i < inputs.length; i++) {
      const after = await readBack(kernel, inputs[i], `input ${i}`);
      check(after, testCase.inputs[i].values, EXACT, `input ${i} was mutated`, { signedZeros: true });
    }
    outcome = { status: 'pass', maxAbsError: comparison.maxAbsError, maxRelError: comparison.maxRelError, message: note };
  } catch (err) {
    if (err instanceof CheckFailure) {
      outcome = failed(err.message, err.comparison?.maxAbsError, err.comparison?.maxRelError);
    } else {
      outcome = failed(`unexpected error: ${describeError(err)}`);
    }
  } finally {
    const disposeErrors: string[] = [];
    for (const buffer of made) {
      try {
        kernel.dispose(buffer);
      } catch (err) {
        disposeErrors.push(describeError(err));
      }
    }
    if (disposeErrors.length > 0) {
      const earlier = outcome!.status === 'fail' ? `${outcome!.message}; ` : '';
      outcome = failed(`${earlier}dispose threw: ${disposeErrors.join('; ')}`);
    }
  }
  return outcome;
}
