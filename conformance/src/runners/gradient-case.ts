import { dispose, ops, tensor, useKernel, valueAndGrads, type Kernel, type Tensor } from '@layerwise/api';
import type { GradientCase, InputSpec } from '../cases/case.js';
import { hashString, mulberry32 } from '../cases/build.js';
import { applyCall } from '../reference/apply.js';
import { sizeOf, type RefTensor } from '../reference/tensor.js';
import { compareValues, toleranceFor, type Precision } from '../tolerance.js';
import { callApiOp } from './api-call.js';
import { describeError, failed, type CaseOutcome } from './outcome.js';

/** Central-difference step: the reference is float64, so truncation error dominates (O(h^2)). */
const STEP = 1e-3;

function refOf(spec: InputSpec): RefTensor {
  return { data: Float64Array.from(spec.values), shape: spec.shape, dtype: spec.dtype };
}

/** sum(reference(inputs) * cotangent) in float64. */
function objective(c: GradientCase, inputs: readonly RefTensor[], cotangent: Float64Array): number {
  const out = applyCall(c, inputs);
  let total = 0;
  for (let i = 0; i < out.data.length; i++) total += out.data[i] * cotangent[i];
  return total;
}

function numericGradient(c: GradientCase, inputs: RefTensor[], cotangent: Float64Array, k: number): Float64Array {
  const x = inputs[k];
  const grad = new Float64Array(x.data.length);
  for (let j = 0; j < x.data.length; j++) {
    const saved = x.data[j];
    x.data[j] = saved + STEP;
    const plus = objective(c, inputs, cotangent);
    x.data[j] = saved - STEP;
    const minus = objective(c, inputs, cotangent);
    x.data[j] = saved;
    grad[j] = (plus - minus) / (2 * STEP);
  }
  return grad;
}

/**
 * Checks the api's analytic gradient, computed through the backend under test, against
 * float64 central differences of the reference (or the case's hand-computed gradients).
 * Every tensor it makes is disposed.
 */
export async function runGradientCase(kernel: Kernel, c: GradientCase, precision: Precision): Promise<CaseOutcome> {
  const refInputs = c.inputs.map(refOf);
  const outShape = applyCall(c, refInputs).shape;
  const next = mulberry32(hashString(`${c.name}/cotangent`));
  const cotangent = c.cotangent
    ? Float64Array.from(c.cotangent, Math.fround)
    : Float64Array.from({ length: sizeOf(outShape) }, () => Math.fround(next() * 2 - 1));
  if (cotangent.length !== sizeOf(outShape)) {
    return failed(`the case's cotangent has ${cotangent.length} values; the output has ${sizeOf(outShape)} (a bug in the case)`);
  }
  const restore = useKernel(kernel);
  const made: Tensor[] = [];
  try {
    const inputs = c.inputs.map((spec) => tensor(typedValues(spec), spec.shape.slice(), spec.dtype));
    made.push(...inputs);
    const cot = tensor(Float32Array.from(cotangent), outShape.slice(), 'float32');
    made.push(cot);
    const { value, grads } = valueAndGrads(() => {
      const y = callApiOp(c, inputs);
      return ops.sum(ops.mul(y.dtype === 'float32' ? y : ops.cast(y, 'float32'), cot));
    }, c.wrt.map((k) => inputs[k]));
    made.push(value, ...grads);
    const tolerance = toleranceFor(c.tolerance, precision);
    let maxAbs = 0;
    let maxRel = 0;
    for (let i = 0; i < c.wrt.length; i++) {
      const k = c.wrt[i];
      const analytic = await grads[i].data();
      const expected = c.expected ? c.expected[i] : numericGradient(c, refInputs, cotangent, k);
      const cmp = compareValues(analytic, expected, tolerance);
      maxAbs = Math.max(maxAbs, cmp.maxAbsError);
      maxRel = Math.max(maxRel, cmp.maxRelError);
      if (!cmp.ok) return failed(`gradient of input ${k}: ${cmp.message}`, cmp.maxAbsError, cmp.maxRelError);
    }
    return { status: 'pass', maxAbsError: maxAbs, maxRelError: maxRel, message: '' };
  } catch (err) {
    return failed(`api autodiff threw ${describeError(err)}`);
  } finally {
    dispose(made);
    restore();
  }
}

function typedValues(spec: InputSpec): Float32Array | Int32Array | Uint8Array {
  if (spec.dtype === 'int32') return Int32Array.from(spec.values);
  if (spec.dtype === 'bool') return Uint8Array.from(spec.values);
  return Float32Array.from(spec.values);
}
