import type { Element, HostArray, NestedNumbers, TypedArray } from './types.js';

type TypedArrayCtor = new (length: number) => TypedArray;

/** Whether `x` is a HostArray: an object whose `data` is a typed array (any ArrayBuffer view) and whose `shape` is an array. */
export function isHostArray(x: unknown): x is HostArray {
  if (typeof x !== 'object' || x === null) return false;
  const h = x as { data?: unknown; shape?: unknown };
  return ArrayBuffer.isView(h.data) && Array.isArray(h.shape);
}

/** The number of elements of an array of this shape: the product of its dimensions (1 for `[]`). */
export function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** Accepts a HostArray as is, or converts nested plain numbers to a float32 HostArray. */
export function toHostArray(x: HostArray | NestedNumbers, what = 'array'): HostArray {
  if (isHostArray(x)) {
    if (x.data.length !== sizeOf(x.shape)) {
      throw new Error(`${what}: data has ${x.data.length} values but shape [${x.shape}] needs ${sizeOf(x.shape)}`);
    }
    return x;
  }
  const shape: number[] = [];
  let probe: NestedNumbers = x;
  while (Array.isArray(probe)) {
    shape.push(probe.length);
    probe = (probe as readonly NestedNumbers[])[0];
  }
  const data = new Float32Array(sizeOf(shape));
  let k = 0;
  const walk = (v: NestedNumbers, depth: number): void => {
    if (depth === shape.length) {
      if (typeof v !== 'number') throw new Error(`${what}: expected a number at depth ${depth}, got ${typeof v}`);
      data[k++] = v;
      return;
    }
    if (!Array.isArray(v) || v.length !== shape[depth]) {
      throw new Error(`${what}: ragged nested array: expected length ${shape[depth]} at depth ${depth}`);
    }
    for (const c of v as readonly NestedNumbers[]) walk(c, depth + 1);
  };
  walk(x, 0);
  return { data, shape };
}

/** Sample `i` along the first axis, copied into its own buffer (so it can be transferred). */
export function sliceFirstAxis(h: HostArray, i: number): HostArray {
  const inner = h.shape.slice(1);
  const n = sizeOf(inner);
  return { data: h.data.slice(i * n, (i + 1) * n), shape: inner };
}

/** Stacks same-structured elements along a new first axis, keeping the structure. */
export function stackElements(items: readonly Element[]): Element {
  if (items.length === 0) throw new Error('stackElements: nothing to stack');
  const first = items[0];
  if (isHostArray(first)) {
    const inner = first.shape;
    const n = sizeOf(inner);
    const Ctor = first.data.constructor as TypedArrayCtor;
    const out = new Ctor(n * items.length);
    items.forEach((it, k) => {
      if (!isHostArray(it) || it.data.constructor !== Ctor || it.shape.length !== inner.length ||
          it.shape.some((d, j) => d !== inner[j])) {
        throw new Error(`batch: element ${k} does not match the first element's shape [${inner}] and dtype ${Ctor.name}`);
      }
      out.set(it.data, k * n);
    });
    return { data: out, shape: [items.length, ...inner] };
  }
  if (Array.isArray(first)) {
    return first.map((_, j) => stackElements(items.map((it) => (it as readonly Element[])[j])));
  }
  const out: Record<string, Element> = {};
  for (const key of Object.keys(first)) {
    out[key] = stackElements(items.map((it) => (it as Record<string, Element>)[key]));
  }
  return out;
}

/** Rebuilds an element with every HostArray replaced by `fn(h)`. */
export function mapHostArrays(el: Element, fn: (h: HostArray) => HostArray): Element {
  if (isHostArray(el)) return fn(el);
  if (Array.isArray(el)) return el.map((c) => mapHostArrays(c, fn));
  const out: Record<string, Element> = {};
  for (const [k, v] of Object.entries(el)) out[k] = mapHostArrays(v as Element, fn);
  return out;
}
