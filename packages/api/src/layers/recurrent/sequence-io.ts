// What RNN and Bidirectional share about their inputs and outputs: a call takes the sequence,
// optionally followed by initial states (Keras's initial_state), and with returnState gives
// the final states after the output.
import type { Tensor } from '../../tensor/tensor.js';
import { keep } from '../../engine/scope.js';
import { reshape } from '../../ops/reshape.js';
import { isShapeList, type ApplyArgs, type Layer, type Mask } from '../layer.js';
import { isSymbolic } from '../symbolic-tensor.js';
import type { Shape } from '../shape.js';

/** A call's inputs as the sequence and the initial states ([x, ...initialState], or x alone). */
export function splitInputs(inputs: Tensor | Tensor[]): { x: Tensor; initialState: Tensor[] | null } {
  if (!Array.isArray(inputs)) return { x: inputs, initialState: null };
  return { x: inputs[0], initialState: inputs.length > 1 ? inputs.slice(1) : null };
}

/** The sequence's shape among a build's or computeOutputShape's shapes. */
export function sequenceShape(shape: Shape | Shape[]): Shape {
  return isShapeList(shape) ? shape[0] : shape;
}

/** The sequence's mask among a call's masks. */
export function sequenceMask(mask: Mask): Tensor | null {
  return Array.isArray(mask) ? mask[0] ?? null : mask;
}

/** `states` kept (views the layer owns) in place of `previous`, which are freed. */
export function keepStates(states: readonly Tensor[], previous: Tensor[] | null): Tensor[] {
  if (previous) for (const s of previous) s.dispose();
  return states.map((s) => keep(reshape(s, s.shape)));
}

/**
 * `apply` on concrete tensors of a layer whose returnState adds outputs: the first output
 * (the states are kept in its `lastStates`); null where the default `apply` should answer
 * (symbolic inputs, or no states to set aside).
 */
export function applyFirstOutput(layer: Layer, inputs: unknown, args: ApplyArgs, returnState: boolean): Tensor | null {
  if (!returnState || isSymbolic(inputs)) return null;
  return layer.applyMulti(inputs as Tensor | Tensor[], args)[0];
}
