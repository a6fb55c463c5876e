import type { Info, Runtime } from '../runtime.js';
import { sizeOf } from '../runtime.js';

/** tfjs's PadV2 (XNNPACK constant pad). */
export function pad(rt: Runtime, x: Info, paddings: readonly (readonly [number, number])[], value: number): Info {
  const outShape = x.shape.map((d, i) => d + paddings[i][0] + paddings[i][1]);
  if (x.shape.length === 0) return rt.copy(x);
  if (sizeOf(x.shape) === 0 || sizeOf(outShape) === 0) return rt.fill(outShape, value, x.dtype);
  if (paddings.every(([a, b]) => a === 0 && b === 0)) return rt.copy(x);
  return rt.run('PadV2', { x }, { paddings: paddings.map(([a, b]) => [a, b]), constantValue: x.dtype === 'bool' ? (value ? 1 : 0) : value });
}
