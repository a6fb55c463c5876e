import type { Tensor } from '../tensor/tensor.js';
import { arrayFor, bytesPerElement, isDType, type TypedArray } from '../kernel/dtypes.js';
import { sizeOf } from '../tensor/shape.js';
import type { WeightSpec } from './artifacts.js';

/** A weight on the host, decoded but not yet uploaded. */
export interface HostWeight {
  spec: WeightSpec;
  data: TypedArray;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function specBytes(spec: WeightSpec): number {
  return sizeOf(spec.shape) * bytesPerElement(spec.dtype);
}

/** The weight data (little-endian, tensors back to back) for `weights`, with their specs. */
export async function encodeWeights(weights: readonly { name: string; tensor: Tensor }[], group?: 'optimizer'): Promise<{ specs: WeightSpec[]; data: ArrayBuffer }> {
  const specs: WeightSpec[] = weights.map(({ name, tensor }) => ({
    name, shape: tensor.shape.slice(), dtype: tensor.dtype, ...(group ? { group } : {}),
  }));
  const out = new Uint8Array(specs.reduce((n, s) => n + specBytes(s), 0));
  let at = 0;
  for (const { tensor } of weights) {
    const values = await tensor.data();
    if (LITTLE_ENDIAN || tensor.dtype === 'bool') {
      out.set(new Uint8Array(values.buffer, values.byteOffset, values.byteLength), at);
    } else {
      const view = new DataView(out.buffer, at, values.byteLength);
      for (let i = 0; i < values.length; i++) {
        if (tensor.dtype === 'int32') view.setInt32(i * 4, values[i], true);
        else view.setFloat32(i * 4, values[i], true);
      }
    }
    at += values.byteLength;
  }
  return { specs, data: out.buffer };
}

/** Checks every spec (a name, a shape of integers >= 0, a supported dtype) before anything is read or allocated. */
export function checkSpecs(specs: unknown, where: string): WeightSpec[] {
  if (!Array.isArray(specs)) throw new Error(`${where}: weight specs must be a list, got ${typeof specs}`);
  specs.forEach((s: unknown, i) => {
    const spec = s as Partial<WeightSpec> & { quantization?: unknown };
    if (typeof s !== 'object' || s === null || typeof spec.name !== 'string') throw new Error(`${where}: weight spec ${i} has no name`);
    if (!Array.isArray(spec.shape) || spec.shape.some((d) => !Number.isSafeInteger(d) || d < 0)) {
      throw new Error(`${where}: weight '${spec.name}' has a bad shape ${JSON.stringify(spec.shape)}`);
    }
    if (!isDType(spec.dtype)) throw new Error(`${where}: weight '${spec.name}' has dtype ${JSON.stringify(spec.dtype)}; supported: float32, int32, bool`);
    if (spec.quantization !== undefined && spec.quantization !== null) {
      throw new Error(`${where}: weight '${spec.name}' is quantized; layerwise reads only unquantized weights (convert without --quantize_*)`);
    }
  });
  return specs as WeightSpec[];
}

/** The bytes `specs` take (may exceed what any file holds: callers compare before allocating). */
export function specsBytes(specs: readonly WeightSpec[]): number {
  return specs.reduce((n, s) => n + specBytes(s), 0);
}

/** Checks every spec and the total size against `data` before decoding anything. */
export function checkWeightSpecs(specs: unknown, data: ArrayBuffer, where: string): WeightSpec[] {
  const checked = checkSpecs(specs, where);
  const expected = specsBytes(checked);
  if (expected !== data.byteLength) {
    throw new Error(`${where}: the weights manifest describes ${checked.length} tensors of ${expected} bytes in all, but the weight data has ${data.byteLength} bytes`);
  }
  return checked;
}

/** Splits `data` into one host array per spec (specs already checked against it). */
export function decodeWeights(data: ArrayBuffer, specs: readonly WeightSpec[]): HostWeight[] {
  let at = 0;
  return specs.map((spec) => {
    const n = sizeOf(spec.shape);
    const values = arrayFor(spec.dtype, n);
    const bytes = specBytes(spec);
    if (LITTLE_ENDIAN || spec.dtype === 'bool') {
      new Uint8Array(values.buffer).set(new Uint8Array(data, at, bytes));
    } else {
      const view = new DataView(data, at, bytes);
      for (let i = 0; i < n; i++) values[i] = spec.dtype === 'int32' ? view.getInt32(i * 4, true) : view.getFloat32(i * 4, true);
    }
    at += bytes;
    return { spec, data: values };
  });
}
