import type { FusedActivation } from '../kernel/kernel.js';
import type { Tensor } from '../tensor/tensor.js';
import { add, div, greater, minimum, mul } from '../ops/binary.js';
import { abs, erf, exp, expm1, relu, sigmoid, softplus, tanh } from '../ops/unary.js';
import { where } from '../ops/select.js';
import { logSoftmax, softmax } from '../ops/fused.js';
import { clipByValue } from '../ops/unary.js';

export type ActivationName =
  | 'linear' | 'relu' | 'relu6' | 'elu' | 'selu' | 'softplus' | 'softsign' | 'tanh' | 'sigmoid' | 'hardSigmoid'
  | 'exponential' | 'softmax' | 'logSoftmax' | 'swish' | 'gelu' | 'mish';

export type ActivationFn = (x: Tensor) => Tensor;

const SELU_ALPHA = 1.6732632423543772;
const SELU_SCALE = 1.0507009873554805;

const ACTIVATIONS: Record<ActivationName, ActivationFn> = {
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

/** Keras ('hard_sigmoid') and tfjs ('hardSigmoid') spellings both resolve. */
export function canonicalActivation(name: string): ActivationName {
  const camel = name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
  if (camel in ACTIVATIONS) return camel as ActivationName;
  throw new Error(`unknown activation '${name}'; known: ${Object.keys(ACTIVATIONS).join(', ')}`);
}

export function getActivation(name: string | undefined | null): ActivationFn {
  return ACTIVATIONS[canonicalActivation(name ?? 'linear')];
}

/** The fused-kernel activation equal to `name`, if there is one. */
export function asFusedActivation(name: ActivationName): FusedActivation | null {
  return name === 'linear' || name === 'relu' || name === 'sigmoid' || name === 'tanh' ? name : null;
}

/** Keras's serialised spelling ('hard_sigmoid'). */
export function kerasActivationName(name: ActivationName): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}


