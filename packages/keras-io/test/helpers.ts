import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import '@layerwise/backend-cpu';
import '@layerwise/backend-wasm';
import { setBackend } from '@layerwise/api';

export const FIXTURES = fileURLToPath(new URL('./fixtures/keras/', import.meta.url));
export const fixture = (name: string): string => `${FIXTURES}${name}`;
export const fixtureBytes = (name: string): Uint8Array => new Uint8Array(readFileSync(fixture(name)));

export interface Expected {
  input: number[];
  inputShape: number[];
  output: number[];
  outputShape: number[];
}

/** The NumPy reference's inputs and outputs (test/reference/keras_reference.py). */
export const EXPECTED = JSON.parse(readFileSync(fixture('expected.json'), 'utf8')) as Record<string, Expected>;

/** The backends the file tests run on. */
export const BACKENDS = ['cpu', 'wasm'] as const;

export async function useBackend(name: (typeof BACKENDS)[number]): Promise<void> {
  await setBackend(name);
}

/**
 * Largest difference from the reference, absolute where |expected| <= 1 and relative beyond
 * (float32 holds about 7 significant digits, so outputs in the thousands differ in the 4th
 * decimal); NaN counts as infinite. Tests require < 1e-5.
 */
export function maxAbsDiff(a: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (a.length !== expected.length) return Infinity;
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - expected[i]) / Math.max(1, Math.abs(expected[i]));
    m = Number.isNaN(d) ? Infinity : Math.max(m, d);
  }
  return m;
}
