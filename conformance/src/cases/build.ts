import type { DType } from '@layerwise/api';
import type { PrimitiveAttrs, Primitive } from '../primitive.js';
import { sizeOf } from '../reference/tensor.js';
import type { ToleranceName } from '../tolerance.js';
import type { InputSpec, KernelCase } from './case.js';

/** mulberry32: a small deterministic PRNG giving floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a hash of a string, used to seed each case's random inputs from its name. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** An input as given to `kernelCase`: explicit, or generated from a seed. */
export type InputMaker = InputSpec | ((seed: number) => InputSpec);

function checked(shape: readonly number[], dtype: DType, values: readonly number[]): InputSpec {
  if (values.length !== sizeOf(shape)) {
    throw new Error(`case input: ${values.length} values for shape [${shape.join(', ')}]`);
  }
  return { shape: [...shape], dtype, values: [...values] };
}

/** A float32 input of `shape` with these values (rounded to float32; their count must match the shape). */
export const f32 = (shape: readonly number[], values: readonly number[]): InputSpec =>
  checked(shape, 'float32', values.map((v) => Math.fround(v)));
/** An int32 input of `shape` with these values. */
export const i32 = (shape: readonly number[], values: readonly number[]): InputSpec => checked(shape, 'int32', values);
/** A bool input of `shape`: truthy values become 1, others 0. */
export const bool = (shape: readonly number[], values: readonly (number | boolean)[]): InputSpec =>
  checked(shape, 'bool', values.map((v) => (v ? 1 : 0)));

/** Uniform float32 values in [min, max). */
export const randF32 = (shape: readonly number[], min = -1, max = 1) => (seed: number): InputSpec => {
  const next = mulberry32(seed);
  return f32(shape, Array.from({ length: sizeOf(shape) }, () => min + (max - min) * next()));
};

/** float32 values with magnitude in [minAbs, maxAbs) and a random sign (kept away from zero). */
export const randF32NonZero = (shape: readonly number[], minAbs: number, maxAbs: number) => (seed: number): InputSpec => {
  const next = mulberry32(seed);
  return f32(shape, Array.from({ length: sizeOf(shape) }, () => {
    const magnitude = minAbs + (maxAbs - minAbs) * next();
    return next() < 0.5 ? -magnitude : magnitude;
  }));
};

/** Uniform integers in [min, max] inclusive, stored as `dtype` (int32 by default; float32 gives exact ties). */
export const randInt = (shape: readonly number[], min: number, max: number, dtype: DType = 'int32') => (seed: number): InputSpec => {
  const next = mulberry32(seed);
  return checked(shape, dtype, Array.from({ length: sizeOf(shape) }, () => min + Math.floor((max - min + 1) * next())));
};

/** Random integers from `choices`, stored as `dtype`. */
export const randChoice = (shape: readonly number[], choices: readonly number[], dtype: DType = 'float32') => (seed: number): InputSpec => {
  const next = mulberry32(seed);
  return checked(shape, dtype, Array.from({ length: sizeOf(shape) }, () => Math.fround(choices[Math.floor(choices.length * next())])));
};

/** Random bools (0 or 1, each with probability 1/2). */
export const randBool = (shape: readonly number[]) => (seed: number): InputSpec => {
  const next = mulberry32(seed);
  return checked(shape, 'bool', Array.from({ length: sizeOf(shape) }, () => (next() < 0.5 ? 1 : 0)));
};

/**
 * Builds a kernel case; random inputs are seeded from the case name and input position, so a
 * case's data never changes when other cases are added.
 */
export function kernelCase<P extends Primitive>(
  name: string, primitive: P, attrs: PrimitiveAttrs[P], inputs: readonly InputMaker[], tolerance: ToleranceName,
  extra: { composed?: boolean; signedZeros?: boolean } = {},
): KernelCase {
  const seed = hashString(name);
  return {
    kind: 'kernel',
    name,
    primitive,
    attrs,
    inputs: inputs.map((input, i) => (typeof input === 'function' ? input((seed + i * 0x9e3779b9) >>> 0) : input)),
    tolerance,
    ...extra,
  } as KernelCase;
}
