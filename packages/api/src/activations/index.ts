import type { FusedActivation } from '../kernel/kernel.js';
import type { Tensor } from '../tensor/tensor.js';
import { add, div, greater, minimum, mul } from '../ops/binary.js';
import { abs, erf, exp, expm1, relu, sigmoid, softplus, tanh } from '../ops/unary.js';
import { where } from '../ops/select.js';
import { logSoftmax, softmax } from '../ops/fused.js';
import { clipByValue } from '../ops/unary.js';

/** The built-in activations, by their tfjs names. */
export type BuiltinActivationName =
  | 'linear' | 'relu' | 'relu6' | 'elu' | 'selu' | 'softplus' | 'softsign' | 'tanh' | 'sigmoid' | 'hardSigmoid'
  | 'exponential' | 'softmax' | 'logSoftmax' | 'swish' | 'gelu' | 'mish';

/** An activation: a new tensor of x's shape (the layer applies it to its pre-activation output). */
export type ActivationFn = (x: Tensor) => Tensor;

/** A built-in's name, or the name a function given as an activation was registered under. */
export type ActivationName = BuiltinActivationName | (string & {});

/** What a layer's `activation` option takes: a name ('relu', 'hard_sigmoid') or a function (Keras allows one). */
export type ActivationIdentifier = string | ActivationFn;

const SELU_ALPHA = 1.6732632423543772;
const SELU_SCALE = 1.0507009873554805;

const ACTIVATIONS: Record<BuiltinActivationName, ActivationFn> = {
  linear: (x) => x,
  relu,
  relu6: (x) => minimum(relu(x), 6),
  elu: (x) => where(greater(x, 0), x, expm1(minimum(x, 0))),
  selu: (x) => mul(where(greater(x, 0), x, mul(expm1(minimum(x, 0)), SELU_ALPHA)), SELU_SCALE),
  softplus,
  softsign: (x) => div(x, add(abs(x), 1)),
  tanh,
  sigmoid,
  // Keras 2: clip(0.2 x + 0.5, 0, 1).
  hardSigmoid: (x) => clipByValue(add(mul(x, 0.2), 0.5), 0, 1),
  exponential: exp,
  softmax: (x) => softmax(x),
  logSoftmax: (x) => logSoftmax(x),
  swish: (x) => mul(x, sigmoid(x)),
  gelu: (x) => mul(mul(x, 0.5), add(erf(mul(x, Math.SQRT1_2)), 1)),
  mish: (x) => mul(x, tanh(softplus(x))),
};

/** Functions given as activations, by the name they are saved under (Keras's custom objects). */
const custom = new Map<string, ActivationFn>();

const toCamel = (name: string): string => name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/**
 * Makes `fn` known as activation `name`, so a layer can name it and `loadModel` can revive a
 * model saved with it (Keras's `custom_objects`). Built-in names cannot be replaced.
 */
export function registerActivation(name: string, fn: ActivationFn): void {
  if (typeof name !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
    throw new Error(`registerActivation: name must be an identifier such as 'myActivation', got ${JSON.stringify(name)}`);
  }
  if (typeof fn !== 'function') throw new Error(`registerActivation: '${name}' must be given a function (x: Tensor) => Tensor, got ${typeof fn}`);
  if (toCamel(name) in ACTIVATIONS) throw new Error(`registerActivation: '${name}' is a built-in activation`);
  const known = custom.get(name);
  if (known && known !== fn) throw new Error(`registerActivation: '${name}' is already registered to another function`);
  custom.set(name, fn);
}

/**
 * The name of a function given as an activation: a built-in's own name when it is one
 * (`ops.relu`), else its function name (made unique with a suffix), registered on first use.
 */
function nameOf(fn: ActivationFn): ActivationName {
  for (const [name, f] of Object.entries(ACTIVATIONS)) if (f === fn) return name;
  for (const [name, f] of custom) if (f === fn) return name;
  const base = /^[A-Za-z_][A-Za-z0-9_]*$/.test(fn.name) ? fn.name : 'customActivation';
  let name = base;
  for (let i = 1; toCamel(name) in ACTIVATIONS || custom.has(name); i++) name = `${base}_${i}`;
  custom.set(name, fn);
  return name;
}

/**
 * Keras ('hard_sigmoid') and tfjs ('hardSigmoid') spellings both resolve; a function is
 * registered under its name (see `registerActivation`).
 */
export function canonicalActivation(id: ActivationIdentifier): ActivationName {
  if (typeof id === 'function') return nameOf(id);
  if (typeof id !== 'string') {
    throw new Error(`activation must be a name such as 'relu' or a function (x: Tensor) => Tensor, got ${id === null ? 'null' : typeof id}`);
  }
  if (custom.has(id)) return id;
  const camel = toCamel(id);
  if (camel in ACTIVATIONS) return camel;
  // A loader may have camelCased the saved name ('my_act' -> 'myAct').
  for (const name of custom.keys()) if (toCamel(name) === camel) return name;
  throw new Error(`unknown activation '${id}'; known: ${[...Object.keys(ACTIVATIONS), ...custom.keys()].join(', ')}` +
    ' (a function of your own: pass it, or registerActivation(name, fn) before loading)');
}

/**
 * The activation `id` names (Keras's snake_case or tfjs's camelCase, or a registered name), or
 * the function itself; null or undefined give 'linear' (the identity). Throws on an unknown name.
 */
export function getActivation(id: ActivationIdentifier | undefined | null): ActivationFn {
  const name = canonicalActivation(id ?? 'linear');
  return (ACTIVATIONS as Record<string, ActivationFn>)[name] ?? custom.get(name)!;
}

/** The fused-kernel activation equal to `name`, if there is one. */
export function asFusedActivation(name: ActivationName): FusedActivation | null {
  return name === 'linear' || name === 'relu' || name === 'sigmoid' || name === 'tanh' ? (name as FusedActivation) : null;
}

/** Keras's serialised spelling ('hard_sigmoid'). */
export function kerasActivationName(name: ActivationName): string {
  // A registered function keeps its name as given.
  if (custom.has(name)) return name;
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}


