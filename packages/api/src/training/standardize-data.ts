import type { TensorLike } from '../ops/create.js';
import type { Shape } from '../layers/shape.js';
import { fmtShape } from '../tensor/shape.js';
import type { Compiled } from './compiled.js';
import { checkFinite, checkFiniteOnDevice, hostOf, isDevice, numSamples, toDataArray, toHostTensor, type DataArray, type HostTensor } from './host-data.js';
import { isNameRecord, splitByName, type PerName } from './named-arrays.js';
import { checkInput, checkSampleWeight, checkTargetValues, classWeightsToSampleWeights, standardizeTarget } from './standardize.js';
import type { HostBatch } from './step.js';

/** A model input or output as data is checked against it. */
export interface ArraySpec {
  name: string;
  shape: Shape | null;
}

/** Class index -> weight, as Keras's class_weight. */
export type ClassWeight = Record<number, number>;

/**
 * `x` in any accepted form (one array, a list, a record by input name) as one data array per
 * input (host arrays, or Tensors on the active backend left there); `finite` (the methods that
 * train or evaluate) refuses NaN and +-Infinity.
 */
export async function standardizeInputs(method: string, x: PerName<TensorLike>, inputs: readonly ArraySpec[], finite = false): Promise<DataArray[]> {
  const several = inputs.length > 1;
  const parts = splitByName(x, inputs.map((i) => i.name), `${method}: 'x'`, 'input');
  const hosts: DataArray[] = [];
  for (const [i, part] of parts.entries()) {
    const where = several ? `${method} (input '${inputs[i].name}')` : method;
    if (part === undefined || part === null) throw new Error(`${where}: 'x' is required`);
    const h = checkInput(where, await toDataArray(part, `${where}: 'x'`), inputs[i].shape);
    if (finite) {
      if (isDevice(h)) await checkFiniteOnDevice(h, `${where}: 'x'`);
      else checkFinite(h, `${where}: 'x'`);
    }
    hosts.push(h);
  }
  const n = numSamples(hosts[0]);
  if (hosts.some((h) => numSamples(h) !== n)) {
    throw new Error(`${method}: all input arrays must have the same number of samples; got shapes ${hosts.map((h, i) => `'${inputs[i].name}' ${fmtShape(h.shape)}`).join(', ')}`);
  }
  return hosts;
}

/**
 * Targets and sample weights for the trained outputs (`compiled.trained`), checked against
 * the outputs and the `n` samples of x. A target left out falls back to the output's
 * target tensor (compile's `targetTensors`). Sparse class indices are checked against the
 * classes; `finite` refuses NaN and +-Infinity.
 */
export async function standardizeTargets(method: string, compiled: Compiled, n: number, y: PerName<TensorLike> | undefined,
  sampleWeight: PerName<TensorLike> | undefined, classWeight: ClassWeight | Record<string, ClassWeight> | undefined, finite = false): Promise<Pick<HostBatch, 'ys' | 'ws'>> {
  const trained = compiled.trained;
  const names = trained.map((t) => t.name);
  const several = trained.length > 1 || compiled.outputs.length > 1;
  const where = (i: number) => (several ? `${method} (output '${names[i]}')` : method);
  let given: (TensorLike | undefined)[];
  if (y === undefined || y === null) {
    given = names.map(() => undefined);
  } else if (isNameRecord(y) && names.length > 0) {
    const record = y as Record<string, TensorLike>;
    const unknown = Object.keys(record).filter((k) => !names.includes(k));
    if (unknown.length > 0) {
      throw new Error(`${method}: 'y' names ${unknown.map((k) => `'${k}'`).join(', ')}, which ${unknown.length === 1 ? 'is not a trained output' : 'are not trained outputs'}; the outputs with a loss are ${names.map((k) => `'${k}'`).join(', ')}`);
    }
    given = names.map((k) => record[k]);
  } else {
    given = splitByName(y, names, `${method}: 'y'`, 'trained output');
  }
  const ys: DataArray[] = [];
  for (const [i, t] of trained.entries()) {
    let yHost: DataArray;
    if (given[i] === undefined || given[i] === null) {
      if (!t.targetTensor) {
        throw new Error(several ? `${method}: 'y' has no data for output '${t.name}' (give one target per output with a loss, or compile with targetTensors)`
          : `${method}: 'y' is required (or compile with targetTensors)`);
      }
      yHost = await toDataArray(t.targetTensor, `${where(i)}: targetTensors`);
    } else {
      yHost = await toDataArray(given[i]!, `${where(i)}: 'y'`);
    }
    const target = standardizeTarget(where(i), yHost, n, t.shape, t.name, t.loss.name);
    await checkTargetValues(where(i), target, t, finite);
    ys.push(target);
  }
  const weights = sampleWeight === undefined || sampleWeight === null ? names.map(() => undefined)
    : perTrained(sampleWeight, names, `${method}: 'sampleWeight'`);
  const classes = classWeight === undefined || classWeight === null ? names.map(() => undefined) : classWeightsPerOutput(method, classWeight, names);
  const ws: (HostTensor | null)[] = [];
  for (const [i, t] of trained.entries()) {
    const w = weights[i];
    if (w !== undefined && w !== null) {
      ws.push(checkSampleWeight(where(i), await toHostTensor(w, `${where(i)}: 'sampleWeight'`), n, t.temporal, ys[i]));
    } else if (classes[i] !== undefined && classes[i] !== null) {
      ws.push(classWeightsToSampleWeights(where(i), await hostOf(ys[i]), classes[i]!));
    } else {
      ws.push(null);
    }
  }
  return { ys, ws };
}

/** Sample weights per trained output: one array (one output), a list, or a record (outputs left out get none). */
function perTrained(value: PerName<TensorLike>, names: readonly string[], what: string): (TensorLike | undefined)[] {
  if (isNameRecord(value)) {
    const record = value as Record<string, TensorLike>;
    const unknown = Object.keys(record).filter((k) => !names.includes(k));
    if (unknown.length > 0) throw new Error(`${what} names ${unknown.map((k) => `'${k}'`).join(', ')}; the outputs with a loss are ${names.map((k) => `'${k}'`).join(', ')}`);
    return names.map((k) => record[k]);
  }
  return splitByName(value, names, what, 'trained output');
}

/**
 * Keras 2's standardize_class_weights: for one output a class map (or a record holding it
 * under the output's name); for several, a record by output name of class maps.
 */
function classWeightsPerOutput(method: string, classWeight: ClassWeight | Record<string, ClassWeight>, names: readonly string[]): (ClassWeight | undefined)[] {
  if (typeof classWeight !== 'object' || Array.isArray(classWeight)) {
    throw new Error(`${method}: 'classWeight' must map class index to weight${names.length > 1 ? ', per output name' : ''}, got ${Array.isArray(classWeight) ? 'an array' : typeof classWeight}`);
  }
  const keyedByOutput = Object.keys(classWeight).some((k) => names.includes(k));
  if (names.length === 1 && !keyedByOutput) return [classWeight as ClassWeight];
  if (!keyedByOutput && Object.keys(classWeight).length > 0) {
    throw new Error(`${method}: the model has ${names.length} outputs with a loss, so 'classWeight' must be a record by output name (${names.map((k) => `'${k}'`).join(', ')}) of class maps`);
  }
  const record = classWeight as Record<string, ClassWeight>;
  const unknown = Object.keys(record).filter((k) => !names.includes(k));
  if (unknown.length > 0) throw new Error(`${method}: 'classWeight' names ${unknown.map((k) => `'${k}'`).join(', ')}; the outputs with a loss are ${names.map((k) => `'${k}'`).join(', ')}`);
  return names.map((k) => record[k]);
}
