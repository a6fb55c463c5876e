import { arrayFor } from '../kernel/dtypes.js';
import type { Shape } from '../layers/shape.js';
import { fmtKerasShape } from '../layers/shape.js';
import { fmtShape } from '../tensor/shape.js';
import { checkFinite, checkFiniteOnDevice, hostOf, isDevice, numSamples, type DataArray, type HostTensor } from './host-data.js';
import { checkSparseLabels, isSparseLabelReader } from '../losses/sparse-labels.js';
import { MeanMetricWrapper } from '../metrics/mean-metric-wrapper.js';
import { RenamedMetric } from '../metrics/renamed-metric.js';
import type { Metric } from '../metrics/metric.js';
import type { TrainedOutput } from './compiled.js';

/**
 * Checks x against the model's input shape (every known dimension must agree): it must hold
 * samples. As in Keras 2, a 1-D x for an input of shape (None, d) is taken as [n, 1]: the
 * result is x with that shape (a host array or a kept-on-backend tensor; the caller reshapes
 * a bare Tensor).
 */
export function checkInput<A extends { shape: readonly number[] }>(method: string, x: A, inputShape: Shape | null): A {
  if (x.shape.length === 0) throw new Error(`${method}: 'x' must have a batch axis, got a scalar`);
  if (x.shape[0] === 0) throw new Error(`${method}: 'x' has no samples (shape ${fmtShape(x.shape)}); give at least one`);
  if (!inputShape) return x;
  const expanded = x.shape.length === 1 && inputShape.length === 2 && (inputShape[1] === null || inputShape[1] === 1);
  const shape = expanded ? [x.shape[0], 1] : x.shape;
  const ok = shape.length === inputShape.length && inputShape.every((d, i) => i === 0 || d === null || d === shape[i]);
  if (!ok) {
    throw new Error(`${method}: 'x' has shape ${fmtShape(x.shape)} but the model expects input of shape ${fmtKerasShape(inputShape)}`);
  }
  return expanded ? { ...x, shape } : x;
}

const SPARSE_LOSSES = new Set(['sparse_categorical_crossentropy']);

/**
 * Checks y against the output (Keras 2: a 1-D target for a 2-D output gains an axis; sparse
 * losses take one class index per sample) and returns it in the shape the loss expects.
 */
export function standardizeTarget<A extends DataArray>(method: string, y: A, n: number, outputShape: Shape | null, outputName: string,
  lossName: string): A {
  if (y.shape.length === 0 || numSamples(y) !== n) {
    throw new Error(`${method}: 'y' has ${y.shape.length === 0 ? 'no batch axis' : `${numSamples(y)} samples`} but 'x' has ${n} (y shape ${fmtShape(y.shape)})`);
  }
  if (!outputShape) return y;
  let target = y;
  if (target.shape.length === 1 && outputShape.length === 2) target = { ...target, shape: [n, 1] };
  if (SPARSE_LOSSES.has(lossName)) {
    const expected = outputShape.length;
    const ok = (target.shape.length === expected && target.shape[expected - 1] === 1) || target.shape.length === expected - 1;
    if (!ok) {
      throw new Error(`${method}: 'y' of shape ${fmtShape(y.shape)} does not fit loss '${lossName}' for output '${outputName}' of shape ${fmtKerasShape(outputShape)}: expected one class index per sample, shape ${fmtKerasShape([...outputShape.slice(0, -1), 1])}`);
    }
    return target;
  }
  const ok = target.shape.length === outputShape.length && outputShape.every((d, i) => i === 0 || d === null || d === target.shape[i]);
  if (!ok) {
    throw new Error(`${method}: target 'y' has shape ${fmtShape(y.shape)} but output '${outputName}' has shape ${fmtKerasShape(outputShape)} (loss '${lossName}')`);
  }
  return target;
}

/** The metric function behind a compiled metric (unwrapping renames), if it has one. */
function metricFunction(m: Metric): unknown {
  const inner = m instanceof RenamedMetric ? m.inner : m;
  return inner instanceof MeanMetricWrapper ? inner.fn : undefined;
}

/**
 * Checks the values of an output's standardized target: (`finite`) no NaN or +-Infinity, and
 * class indices in [0, classes) wherever the output's loss or one of its metrics reads them
 * as sparse labels (see readsSparseLabels). `where` names the method (and the output).
 */
export async function checkTargetValues(where: string, y: DataArray, output: TrainedOutput, finite: boolean): Promise<void> {
  if (finite) {
    if (isDevice(y)) await checkFiniteOnDevice(y, `${where}: 'y'`);
    else checkFinite(y, `${where}: 'y'`);
  }
  const classes = output.shape?.[output.shape.length - 1];
  if (typeof classes !== 'number') return;
  const readers = [
    ...(isSparseLabelReader(output.loss.fn) ? [output.loss.name] : []),
    ...[...output.metrics, ...output.weightedMetrics].filter((m) => isSparseLabelReader(metricFunction(m))).map((m) => m.name),
  ];
  // Sparse labels are one number a sample: a Tensor's are read back to check them.
  if (readers.length > 0) checkSparseLabels(await hostOf(y), classes, `${where}: 'y'`, readers[0]);
}

/** Validates sampleWeight: [samples], or [samples, timesteps] in temporal mode. */
export function checkSampleWeight(method: string, w: HostTensor, n: number, temporal: boolean, y: DataArray): HostTensor {
  if (temporal) {
    if (w.shape.length !== 2 || w.shape[0] !== n) {
      throw new Error(`${method}: with sampleWeightMode 'temporal', 'sampleWeight' must be 2-D [samples, timesteps] = [${n}, ${y.shape[1] ?? '?'}], got ${fmtShape(w.shape)}`);
    }
    if (y.shape.length < 3 || y.shape[1] !== w.shape[1]) {
      throw new Error(`${method}: temporal 'sampleWeight' ${fmtShape(w.shape)} needs 3-D targets [samples, timesteps, ...] with ${w.shape[1]} timesteps, got 'y' ${fmtShape(y.shape)}`);
    }
  } else {
    if (w.shape.length === 2 && w.shape[1] !== 1) {
      throw new Error(`${method}: 'sampleWeight' has shape ${fmtShape(w.shape)}; for timestep-wise weights pass a 2-D array and compile with sampleWeightMode: 'temporal'`);
    }
    if (w.shape.length < 1 || w.shape.length > 2 || w.shape[0] !== n) {
      throw new Error(`${method}: 'sampleWeight' must have one weight per sample ([${n}]), got shape ${fmtShape(w.shape)}`);
    }
  }
  const data = w.dtype === 'float32' ? w.data : Float32Array.from(w.data);
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i]) || data[i] < 0) throw new Error(`${method}: 'sampleWeight' must be finite and >= 0, got ${data[i]} at index ${i}`);
  }
  return { data, shape: temporal ? w.shape.slice() : [n], dtype: 'float32' };
}

/** Per-sample weights from a class -> weight map (Keras 2 standardize_weights). */
export function classWeightsToSampleWeights(method: string, y: HostTensor, classWeight: Record<number | string, number>): HostTensor {
  if (y.shape.length > 2) {
    throw new Error(`${method}: 'classWeight' is not supported for 3+ dimensional targets (got 'y' ${fmtShape(y.shape)}); use sampleWeight with sampleWeightMode 'temporal'`);
  }
  for (const [k, v] of Object.entries(classWeight)) {
    if (!/^-?\d+$/.test(k)) throw new Error(`${method}: 'classWeight' keys must be class indices, got '${k}'`);
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new Error(`${method}: 'classWeight[${k}]' must be a finite number >= 0, got ${v}`);
  }
  const n = numSamples(y);
  const width = y.shape.length === 2 ? y.shape[1] : 1;
  const out = arrayFor('float32', n);
  const missing = new Set<number>();
  for (let i = 0; i < n; i++) {
    let cls: number;
    if (width > 1) {
      cls = 0;
      for (let j = 1; j < width; j++) if (y.data[i * width + j] > y.data[i * width + cls]) cls = j;
    } else {
      // Keras 2 looks the target value itself up: a soft label such as 0.7 is no class.
      cls = y.data[i];
    }
    const weight = classWeight[cls];
    if (weight === undefined) missing.add(cls);
    else out[i] = weight;
  }
  if (missing.size > 0) {
    throw new Error(`${method}: 'classWeight' must contain all classes in the data; missing ${[...missing].sort((a, b) => a - b).map((c) => +c.toPrecision(7)).join(', ')} (given: ${Object.keys(classWeight).join(', ')})`);
  }
  return { data: out, shape: [n], dtype: 'float32' };
}
