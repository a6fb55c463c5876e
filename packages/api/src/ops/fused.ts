import { composite } from '../engine/scope.js';
import type { AdamHyper, FusedActivation } from '../kernel/kernel.js';
import { emit, kernelFor } from '../engine/emit.js';
import { record } from '../autodiff/tape.js';
import { fmtShape } from '../tensor/shape.js';
import type { Tensor } from '../tensor/tensor.js';
import { toTensor, type TensorLike } from './create.js';
import { assertDType } from './validate.js';
import { add, div, mul, sub } from './binary.js';
import { exp, log, relu, sigmoid, sign, sqrt, square, tanh } from './unary.js';
import { batchMatMul, matMulBackward } from './matmul.js';
import { conv2dBackpropFilter, conv2dBackpropInput, conv2dThen, conv2dWithInfo, type Conv2DOptions } from './conv.js';
import type { Conv2DInfo } from '../kernel/conv-info.js';
import { max, sum } from './reduce.js';
import { reshape } from './reshape.js';

/** Activation by name, composed from primitives. */
export function applyFusedActivation(x: Tensor, activation: FusedActivation): Tensor {
  switch (activation) {
    case 'linear': return x;
    case 'relu': return relu(x);
    case 'sigmoid': return sigmoid(x);
    case 'tanh': return tanh(x);
  }
}

/** activation(z + bias), composed from primitives (what a fused kernel computes in one pass). */
function biasActivation(z: Tensor, bias: Tensor | null, activation: FusedActivation): Tensor {
  return applyFusedActivation(bias ? add(z, bias) : z, activation);
}

/** d activation / d pre-activation, written in terms of the activation's output y. */
function activationGrad(y: Tensor, dy: Tensor, activation: FusedActivation): Tensor {
  switch (activation) {
    case 'linear': return dy;
    case 'relu': return mul(dy, sign(y)); // as relu's own gradient: a NaN dy is not dropped
    case 'sigmoid': return mul(dy, mul(y, sub(1, y)));
    case 'tanh': return mul(dy, sub(1, mul(y, y)));
  }
}

/**
 * `activation(op(a) @ op(b) + bias)` on rank-3 tensors. Uses the backend's fused kernel
 * where it has one, else composes; the gradient is the same either way.
 */
export function fusedMatMul(a: Tensor, b: Tensor, bias: Tensor | null, activation: FusedActivation,
  transposeA = false, transposeB = false, allowFused = true): Tensor {
  const op = 'fusedMatMul';
  const n = transposeB ? b.shape[1] : b.shape[2];
  if (bias && (bias.rank !== 1 || bias.shape[0] !== n)) {
    throw new Error(`${op}: 'bias' ${fmtShape(bias.shape)} must be rank 1 of length ${n} (columns of the product)`);
  }
  const inputs: Record<string, Tensor> = bias ? { a, b, bias } : { a, b };
  const kernel = kernelFor(op, inputs);
  if (!allowFused || !kernel.fusedMatMul) {
    return biasActivation(batchMatMul(a, b, transposeA, transposeB), bias, activation);
  }
  for (const [name, t] of Object.entries(inputs)) assertDType(op, name, t, ['float32']);
  const m = transposeA ? a.shape[2] : a.shape[1];
  const k = transposeA ? a.shape[1] : a.shape[2];
  const kb = transposeB ? b.shape[2] : b.shape[1];
  if (k !== kb) throw new Error(`${op}: inner dimensions of 'a' ${fmtShape(a.shape)} and 'b' ${fmtShape(b.shape)} differ (${k} vs ${kb})`);
  const y = emit(kernel, kernel.fusedMatMul(a.ref(), b.ref(), bias ? bias.ref() : null, activation, transposeA, transposeB),
    [a.shape[0] === 1 ? b.shape[0] : a.shape[0], m, n], 'float32');
  record(op, bias ? [a, b, bias] : [a, b], [y], ([dy], needs) => {
    const dz = activationGrad(y, dy, activation);
    const grads = matMulBackward(a, b, dz, transposeA, transposeB, needs);
    return bias ? [...grads, needs[2] ? sum(dz, [0, 1]) : null] : grads;
  });
  return y;
}

/** Softmax along the last axis. */
export function softmax(xLike: TensorLike, allowFused = true): Tensor {
  const x = toTensor(xLike, 'softmax', 'x');
  assertDType('softmax', 'x', x, ['float32']);
  if (x.rank < 1) throw new Error(`softmax: 'x' must have rank >= 1, got shape ${fmtShape(x.shape)}`);
  const kernel = kernelFor('softmax', { x });
  if (!allowFused || !kernel.softmax) {
    const e = exp(sub(x, max(x, -1, true)));
    return div(e, sum(e, -1, true));
  }
  const y = emit(kernel, kernel.softmax(x.ref()), x.shape, 'float32');
  record('softmax', [x], [y], ([dy]) => [mul(y, sub(dy, sum(mul(dy, y), -1, true)))]);
  return y;
}

/** log(softmax(x)) along the last axis, computed stably. */
export function logSoftmax(xLike: TensorLike, allowFused = true): Tensor {
  const x = toTensor(xLike, 'logSoftmax', 'x');
  assertDType('logSoftmax', 'x', x, ['float32']);
  if (x.rank < 1) throw new Error(`logSoftmax: 'x' must have rank >= 1, got shape ${fmtShape(x.shape)}`);
  const kernel = kernelFor('logSoftmax', { x });
  if (!allowFused || !kernel.logSoftmax) {
    // Subtract the max first: x - logSumExp(x) loses digits when |x| is large.
    const shifted = sub(x, max(x, -1, true));
    return sub(shifted, log(sum(exp(shifted), -1, true)));
  }
  const y = emit(kernel, kernel.logSoftmax(x.ref()), x.shape, 'float32');
  record('logSoftmax', [x], [y], ([dy]) => [sub(dy, mul(exp(y), sum(dy, -1, true)))]);
  return y;
}

/** Dense-style product on any-rank input: x [..., k] @ w [k, n] + bias, then the activation. */
export const denseForward = composite(function denseForward(x: Tensor, kernelWeights: Tensor, bias: Tensor | null, activation: FusedActivation): Tensor {
  const k = x.shape[x.rank - 1];
  const lead = x.shape.slice(0, -1);
  const rows = lead.reduce((p, d) => p * d, 1);
  const y = fusedMatMul(reshape(x, [1, rows, k]), reshape(kernelWeights, [1, ...kernelWeights.shape]), bias, activation);
  return reshape(y, [...lead, kernelWeights.shape[1]]);
});

/**
 * One Keras 2 Adam update, returning [param', m', v'] (see Kernel.adamStep). Uses the
 * backend's fused kernel where it has one, else composes; not differentiable (an update rule).
 */
export function adamStep(param: Tensor, grad: Tensor, m: Tensor, v: Tensor, hyper: AdamHyper, allowFused = true): [Tensor, Tensor, Tensor] {
  const inputs = { param, grad, m, v };
  for (const [name, t] of Object.entries(inputs)) {
    assertDType('adamStep', name, t, ['float32']);
    if (t.shape.join(',') !== param.shape.join(',')) {
      throw new Error(`adamStep: '${name}' has shape ${fmtShape(t.shape)} but 'param' has ${fmtShape(param.shape)}`);
    }
  }
  const kernel = kernelFor('adamStep', inputs);
  if (allowFused && kernel.adamStep) {
    const [p, m2, v2] = kernel.adamStep(param.ref(), grad.ref(), m.ref(), v.ref(), hyper);
    return [emit(kernel, p, param.shape, 'float32'), emit(kernel, m2, param.shape, 'float32'), emit(kernel, v2, param.shape, 'float32')];
  }
  const m2 = add(mul(m, hyper.beta1), mul(grad, 1 - hyper.beta1));
  const v2 = add(mul(v, hyper.beta2), mul(square(grad), 1 - hyper.beta2));
  const p = sub(param, div(mul(m2, hyper.lrT), add(sqrt(v2), hyper.epsilon)));
  return [p, m2, v2];
}

/**
 * `activation(conv2d(x, filter) + bias)` with a resolved Conv2DInfo (x rank 4). Uses the
 * backend's fused kernel where it has one, else composes; the gradient is the same either
 * way. Fused, a Conv2D layer makes one activation-sized tensor instead of three.
 */
export function fusedConv2dWithInfo(x: Tensor, filter: Tensor, bias: Tensor | null, activation: FusedActivation,
  info: Conv2DInfo, allowFused = true): Tensor {
  const op = 'fusedConv2d';
  if (bias && (bias.rank !== 1 || bias.shape[0] !== info.outC)) {
    throw new Error(`${op}: 'bias' ${fmtShape(bias.shape)} must be rank 1 of length ${info.outC} (the filter's out-channels)`);
  }
  const inputs: Record<string, Tensor> = bias ? { x, filter, bias } : { x, filter };
  const kernel = kernelFor(op, inputs);
  if (!allowFused || !kernel.fusedConv2d) {
    return biasActivation(conv2dWithInfo(x, filter, info), bias, activation);
  }
  for (const [name, t] of Object.entries(inputs)) assertDType(op, name, t, ['float32']);
  const y = emit(kernel, kernel.fusedConv2d(x.ref(), filter.ref(), bias ? bias.ref() : null, activation, info),
    [info.batch, info.outH, info.outW, info.outC], 'float32');
  record(op, bias ? [x, filter, bias] : [x, filter], [y], ([dy], needs) => {
    const dz = activationGrad(y, dy, activation);
    const dx = needs[0] ? conv2dBackpropInput(dz, filter, info) : null;
    const df = needs[1] ? conv2dBackpropFilter(x, dz, info) : null;
    return bias ? [dx, df, needs[2] ? sum(dz, [0, 1, 2]) : null] : [dx, df];
  });
  return y;
}

/** `activation(conv2d(x, filter, options) + bias)`, with conv2d's validation and rank-3 input. */
export const fusedConv2d = composite((x: TensorLike, filter: TensorLike, bias: Tensor | null, activation: FusedActivation,
  options: Conv2DOptions = {}): Tensor =>
  conv2dThen(x, filter, options, (x4, f, info) => fusedConv2dWithInfo(x4, f, bias, activation, info)));
