import type { Element, HostArray } from '../src/index.js';

/** A HostArray as plain numbers, for toEqual. */
export function plain(h: HostArray): { data: number[]; shape: number[] } {
  return { data: Array.from(h.data), shape: h.shape };
}

/** The first value of each sample (for datasets of scalars or tuples of them). */
export function firstValues(items: readonly Element[]): number[] {
  return items.map((x) => {
    let e: Element = x;
    while (Array.isArray(e)) e = e[0];
    return (e as HostArray).data[0];
  });
}
