import { Tensor } from '../tensor/tensor.js';

/**
 * Memory scopes: every tensor an op makes is tracked by the innermost open scope, and
 * `tidy` frees whatever its function made except what it returns.
 */
const scopes: Set<Tensor>[] = [];

/** @internal Called for every tensor an op or `tensor()` creates. */
export function track(t: Tensor): Tensor {
  const top = scopes[scopes.length - 1];
  if (top) top.add(t);
  return t;
}

/** Removes a tensor from scope tracking, so no enclosing `tidy` frees it. */
export function keep<T extends Tensor>(t: T): T {
  for (const scope of scopes) scope.delete(t);
  return t;
}

/**
 * What `tidy` may return and keeps alive: a tensor, a primitive, or arrays and plain objects
 * nesting them (tensors deeper than 8 levels are not found, and are freed).
 */
export type TensorContainer = Tensor | void | null | undefined | number | string | boolean | TensorContainer[] | { [key: string]: TensorContainer };

function collect(result: unknown, into: Set<Tensor>, depth = 0): void {
  if (depth > 8 || result === null || typeof result !== 'object') return;
  if (result instanceof Tensor) { into.add(result); return; }
  const values = Array.isArray(result) ? result : Object.values(result as Record<string, unknown>);
  for (const v of values) collect(v, into, depth + 1);
}

/** @internal The innermost open scope as an identity token, or null outside every scope. */
export function currentScope(): object | null {
  return scopes[scopes.length - 1] ?? null;
}

/** @internal Whether the scope `token` (from currentScope) is still open; null, the top level, always is. */
export function scopeIsOpen(token: object | null): boolean {
  return token === null || scopes.includes(token as Set<Tensor>);
}

/** @internal */
export function openScope(): void {
  scopes.push(new Set());
}

/** @internal Frees the scope's tensors except `keepers`; keepers (and tape-held ones) move to the parent scope. */
export function closeScope(keepers: Set<Tensor>): void {
  const scope = scopes.pop();
  if (!scope) throw new Error('closeScope: no open scope');
  const parent = scopes[scopes.length - 1];
  for (const t of scope) {
    if (keepers.has(t) || t.tapeHeld) {
      if (parent) parent.add(t);
    } else {
      t.dispose();
    }
  }
}

/**
 * Runs `fn`, then frees every tensor it created except those in its result (a tensor,
 * or arrays/objects of them). Synchronous only, like tf.tidy.
 */
export function tidy<T extends TensorContainer>(fn: () => T): T {
  openScope();
  let result: T;
  try {
    result = fn();
  } catch (err) {
    closeScope(new Set());
    throw err;
  }
  if (result instanceof Promise) {
    closeScope(new Set());
    throw new Error('tidy: the function must be synchronous (it returned a Promise)');
  }
  const keepers = new Set<Tensor>();
  collect(result, keepers);
  closeScope(keepers);
  return result;
}

/** Frees every tensor in a container. */
export function dispose(container: TensorContainer): void {
  const all = new Set<Tensor>();
  collect(container, all);
  for (const t of all) t.dispose();
}

/**
 * @internal Wraps an op built from other ops so that, called outside any `tidy`, it frees
 * its intermediates (reshaped views, partial results, inputs it converted) and leaves only
 * its result, as a single-kernel op does; when it throws, it leaves nothing. Tape-held
 * intermediates survive for the gradient (see closeScope).
 */
export function composite<A extends unknown[], R extends TensorContainer>(fn: (...args: A) => R): (...args: A) => R {
  return (...args: A): R => tidy(() => fn(...args));
}
