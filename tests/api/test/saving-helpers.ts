import type { Model, Tensor } from '@layerwise/api';

/** The float32 bit patterns of a tensor: equal arrays mean bit-for-bit equal values. */
export async function bits(t: Tensor): Promise<number[]> {
  const d = await t.data();
  return d instanceof Float32Array ? Array.from(new Uint32Array(d.buffer, d.byteOffset, d.length)) : Array.from(d);
}

export async function weightBits(model: Model): Promise<number[][]> {
  const ws = model.getWeights();
  const out = await Promise.all(ws.map(bits));
  for (const w of ws) w.dispose();
  return out;
}

/** Deterministic numbers in [-1, 1) (a small LCG), for inputs. */
export function numbers(n: number, seed = 1): number[] {
  let s = seed >>> 0;
  return Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 31 - 1;
  });
}

/** A nested array of shape [rows, ...rest] from numbers(). */
export function batch(shape: number[], seed = 1): number[] {
  return numbers(shape.reduce((a, b) => a * b, 1), seed);
}

/** tfjs-layers' toCamelCase (serialization on load), to check what tfjs would read. */
export function tfjsCamel(s: string): string {
  return s.length <= 1 || !s.includes('_') ? s : s.replace(/[_]+(\w|$)/g, (_, c: string) => c.toUpperCase());
}
