import type { HostData } from '@layerwise/api';
import { mulberry32 } from '../build.js';

/** Seeded uniform float32 values in [lo, hi). */
export function uniform(shape: number[], seed: number, lo = -1, hi = 1): HostData {
  const next = mulberry32(seed);
  const n = shape.reduce((a, b) => a * b, 1);
  return { data: Float32Array.from({ length: n }, () => lo + (hi - lo) * next()), shape };
}

/** Seeded one-hot rows of `classes`, derived from the sign pattern of x so there is a signal. */
export function oneHotFrom(x: HostData, classes: number): HostData {
  const rows = x.shape[0];
  const width = x.data.length / rows;
  const out = new Float32Array(rows * classes);
  for (let r = 0; r < rows; r++) {
    let s = 0;
    for (let j = 0; j < width; j++) s += x.data[r * width + j] * (j % 3 === 0 ? 1 : -0.5);
    out[r * classes + (Math.floor(Math.abs(s) * 7) % classes)] = 1;
  }
  return { data: out, shape: [rows, classes] };
}

/** A per-row scalar target: a fixed smooth function of the row (shape [rows, 1]). */
export function regressionFrom(x: HostData): HostData {
  const rows = x.shape[0];
  const width = x.data.length / rows;
  const out = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    let s = 0;
    for (let j = 0; j < width; j++) s += Math.sin(x.data[r * width + j] * (j + 1));
    out[r] = Math.tanh(s);
  }
  return { data: out, shape: [rows, 1] };
}

/** Token ids in [1, vocab) with trailing zeros (padding) of seeded lengths. */
export function paddedTokens(rows: number, steps: number, vocab: number, seed: number): HostData {
  const next = mulberry32(seed);
  const out = new Float32Array(rows * steps);
  for (let r = 0; r < rows; r++) {
    const len = 2 + Math.floor(next() * (steps - 1));
    for (let t = 0; t < len; t++) out[r * steps + t] = 1 + Math.floor(next() * (vocab - 1));
  }
  return { data: out, shape: [rows, steps] };
}
