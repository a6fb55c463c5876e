import type { Tensor } from '../tensor/tensor.js';

/**
 * Gradients of one op: one entry per input (null where an input gets none). `needs[i]` says
 * whether input i wants a gradient at all, so a rule can skip work nobody uses (the input
 * batch of a first layer, say); rules may ignore it.
 */
export type Backward = (dys: Tensor[], needs: readonly boolean[]) => (Tensor | null)[];

export interface TapeNode {
  readonly name: string;
  readonly inputs: readonly Tensor[];
  readonly outputs: readonly Tensor[];
  readonly backward: Backward;
}

/** The record of ops whose inputs depend on the tensors being differentiated. */
export class Tape {
  readonly watched = new Set<number>();
  readonly nodes: TapeNode[] = [];
}

let active: Tape | null = null;

/** @internal */
export function activeTape(): Tape | null {
  return active;
}

/** @internal */
export function setActiveTape(tape: Tape | null): void {
  active = tape;
}

/**
 * Called by every differentiable op after it computed its outputs. Costs one null check
 * when nothing is being differentiated.
 */
export function record(name: string, inputs: readonly Tensor[], outputs: readonly Tensor[], backward: Backward): void {
  const tape = active;
  if (!tape) return;
  let watched = false;
  for (const x of inputs) if (tape.watched.has(x.id)) { watched = true; break; }
  if (!watched) return;
  for (const x of inputs) x.tapeHeld = true;
  for (const y of outputs) { y.tapeHeld = true; tape.watched.add(y.id); }
  tape.nodes.push({ name, inputs, outputs, backward });
}
