import { closeScope, openScope } from '../engine/scope.js';
import { fmtShape, shapesEqual } from '../tensor/shape.js';
import { Tensor } from '../tensor/tensor.js';
import { add } from '../ops/binary.js';
import { onesLike, zerosLike } from '../ops/create.js';
import { activeTape, setActiveTape, Tape } from './tape.js';

/** The result of `valueAndGrads`; the caller owns (and disposes) every tensor in it. */
export interface ValueAndGrads {
  /** What `f` returned (not summed: its own shape). */
  value: Tensor;
  /** d sum(value) / d xs[i], one per `xs`, each of its x's shape; zeros where f does not depend on it. */
  grads: Tensor[];
}

/**
 * Runs `f` (which must return a float32 tensor; non-scalars are summed implicitly, as
 * tf.grad does) and returns its value and the gradient with respect to each of `xs`.
 * Every intermediate made on the way, forward and backward, is freed before returning.
 */
export function valueAndGrads(f: () => Tensor, xs: readonly Tensor[]): ValueAndGrads {
  if (activeTape()) throw new Error('valueAndGrads: nested gradient computations are not supported');
  xs.forEach((x, i) => {
    if (!(x instanceof Tensor)) throw new Error(`valueAndGrads: xs[${i}] must be a Tensor`);
    if (x.isDisposed) throw new Error(`valueAndGrads: xs[${i}] (shape ${fmtShape(x.shape)}) is disposed`);
  });
  openScope();
  const tape = new Tape();
  for (const x of xs) tape.watched.add(x.id);
  let value: Tensor;
  let grads: Tensor[] = [];
  try {
    setActiveTape(tape);
    try {
      value = f();
    } finally {
      setActiveTape(null);
    }
    if (!(value instanceof Tensor) || value.dtype !== 'float32') {
      throw new Error(`valueAndGrads: f must return a float32 Tensor, got ${value instanceof Tensor ? value.dtype : typeof value}`);
    }
    grads = backprop(tape, value, xs);
  } catch (err) {
    releaseHolds(tape);
    closeScope(new Set());
    throw err;
  }
  releaseHolds(tape);
  closeScope(new Set([value, ...grads]));
  return { value, grads };
}

/** The tape no longer needs its tensors: let the closing scope free them. */
function releaseHolds(tape: Tape): void {
  for (const node of tape.nodes) {
    for (const t of node.inputs) t.tapeHeld = false;
    for (const t of node.outputs) t.tapeHeld = false;
  }
}

/** As `valueAndGrads`, keeping only the gradients (the value is freed). */
export function grads(f: () => Tensor, xs: readonly Tensor[]): Tensor[] {
  const { value, grads } = valueAndGrads(f, xs);
  value.dispose();
  return grads;
}

/** Reverse-mode sweep; gradient tensors are freed as soon as no later node needs them. */
function backprop(tape: Tape, value: Tensor, xs: readonly Tensor[]): Tensor[] {
  const wanted = new Set(xs.map((x) => x.id));
  const gradOf = new Map<number, Tensor>();
  // How many map entries refer to each gradient tensor (gradient rules may alias dy).
  const uses = new Map<Tensor, number>();
  const hold = (id: number, g: Tensor): void => {
    gradOf.set(id, g);
    uses.set(g, (uses.get(g) ?? 0) + 1);
  };
  const drop = (id: number): void => {
    const g = gradOf.get(id);
    if (!g) return;
    gradOf.delete(id);
    const n = (uses.get(g) ?? 1) - 1;
    if (n === 0) { uses.delete(g); g.dispose(); } else uses.set(g, n);
  };
  hold(value.id, onesLike(value));

  for (let i = tape.nodes.length - 1; i >= 0; i--) {
    const node = tape.nodes[i];
    if (!node.outputs.some((o) => gradOf.has(o.id))) continue;
    openScope();
    const results = new Set<Tensor>();
    try {
      const dys = node.outputs.map((o) => gradOf.get(o.id) ?? zerosLike(o));
      const dxs = node.backward(dys, node.inputs.map((x) => tape.watched.has(x.id)));
      node.inputs.forEach((x, j) => {
      const dx = dxs[j];
      if (!dx || !tape.watched.has(x.id)) return;
      if (!shapesEqual(dx.shape, x.shape)) {
        throw new Error(`gradient of '${node.name}': input ${j} has shape ${fmtShape(x.shape)} but its gradient has ${fmtShape(dx.shape)}`);
      }
      const prev = gradOf.get(x.id);
      if (prev) {
        const total = add(prev, dx);
        drop(x.id);
        hold(x.id, total);
        results.add(total);
      } else {
        hold(x.id, dx);
        results.add(dx);
      }
      });
    } finally {
      closeScope(results);
    }
    for (const o of node.outputs) if (!wanted.has(o.id)) drop(o.id);
  }
  const out = xs.map((x) => {
    const g = gradOf.get(x.id);
    return g ?? zerosLike(x);
  });
  // Free whatever the sweep still holds that is not a result.
  const results = new Set(out);
  for (const [id, g] of gradOf) if (!results.has(g)) drop(id);
  return out;
}
