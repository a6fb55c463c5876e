/** Anything that can be pulled from: an iterator or iterable, sync or async. */
export type IteratorLike<T> = Iterator<T> | AsyncIterator<T> | Iterable<T> | AsyncIterable<T>;

export function isAsyncIterable(x: unknown): x is AsyncIterable<unknown> {
  return x != null && typeof (x as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function';
}

export function isSyncIterable(x: unknown): x is Iterable<unknown> {
  return x != null && typeof x !== 'string' && typeof (x as { [Symbol.iterator]?: unknown })[Symbol.iterator] === 'function';
}

export function isIterator(x: unknown): x is Iterator<unknown> | AsyncIterator<unknown> {
  return typeof x === 'object' && x !== null && typeof (x as { next?: unknown }).next === 'function';
}

/** The iterator to pull from. An iterable's iterator is taken fresh (async preferred). */
export function getIterator<T>(x: IteratorLike<T>): Iterator<T> | AsyncIterator<T> {
  if (isAsyncIterable(x)) return (x as AsyncIterable<T>)[Symbol.asyncIterator]();
  if (isSyncIterable(x)) return (x as Iterable<T>)[Symbol.iterator]();
  if (isIterator(x)) return x as Iterator<T> | AsyncIterator<T>;
  throw new TypeError(`expected an iterator or iterable, got ${x === null ? 'null' : typeof x}`);
}

/**
 * True when iterating `x` again starts over (an array, a Dataset), false when `x` is its own
 * iterator (a generator object) and so can only be pulled once.
 */
export function isReiterable(x: unknown): boolean {
  if (isAsyncIterable(x)) return ((x as AsyncIterable<unknown>)[Symbol.asyncIterator]() as unknown) !== x;
  if (isSyncIterable(x)) return ((x as Iterable<unknown>)[Symbol.iterator]() as unknown) !== x;
  return false;
}

/** Iterates any IteratorLike with for-await, closing the iterator on early exit. */
export async function* iterate<T>(x: IteratorLike<T>): AsyncGenerator<T, void, undefined> {
  const it = getIterator(x);
  let done = false;
  try {
    while (true) {
      const r = await it.next();
      if (r.done) {
        done = true;
        return;
      }
      yield r.value;
    }
  } finally {
    if (!done) await it.return?.();
  }
}
