import type { AdamHyper, Buffer, FusedActivation, FusedKernelName, Kernel, TensorRef } from '@layerwise/api';
import type { PrimitiveAttrs } from './primitive.js';

/** Records every buffer a composition makes, so the caller can dispose them all. */
export type Track = (buffer: Buffer) => Buffer;

/** A TensorRef for an intermediate float32 result. */
function ref(buffer: Buffer, shape: readonly number[]): TensorRef {
  return { buffer, shape, dtype: 'float32' };
}

/** activation(y + bias) from binary add and unary, as the api composes a fused epilogue. */
function composeBiasActivation(kernel: Kernel, track: Track, y0: TensorRef, bias: TensorRef | undefined,
  activation: FusedActivation): TensorRef {
  let y = y0;
  if (bias) y = ref(track(kernel.binary('add', y, bias, y.shape)), y.shape);
  if (activation !== 'linear') y = ref(track(kernel.unary(activation, y)), y.shape);
  return y;
}

/** activation(op(a) @ op(b) + bias) from matmul, binary add and unary. */
function composeFusedMatMul(kernel: Kernel, track: Track, attrs: PrimitiveAttrs['fusedMatMul'], inputs: readonly TensorRef[]): TensorRef {
  const [a, b, bias] = inputs;
  const { activation, transposeA, transposeB } = attrs;
  const batch = a.shape[0] === 1 ? b.shape[0] : a.shape[0];
  const m = transposeA ? a.shape[2] : a.shape[1];
  const n = transposeB ? b.shape[1] : b.shape[2];
  return composeBiasActivation(kernel, track, ref(track(kernel.matmul(a, b, transposeA, transposeB)), [batch, m, n]), bias, activation);
}

/** activation(conv2d(x, filter) + bias) from conv2d, binary add and unary. */
function composeFusedConv2d(kernel: Kernel, track: Track, attrs: PrimitiveAttrs['fusedConv2d'], inputs: readonly TensorRef[]): TensorRef {
  const [x, filter, bias] = inputs;
  const { activation, info } = attrs;
  const shape = [info.batch, info.outH, info.outW, info.outC];
  return composeBiasActivation(kernel, track, ref(track(kernel.conv2d(x, filter, info)), shape), bias, activation);
}

/** x - max(x) along the last axis, and sum(exp(that)) shaped to broadcast back ([..., 1]). */
function shiftedExpSum(kernel: Kernel, track: Track, x: TensorRef) {
  const last = x.shape.length - 1;
  const keptShape = [...x.shape.slice(0, last), 1];
  const max = ref(track(kernel.reduce('max', x, [last])), keptShape);
  const shifted = ref(track(kernel.binary('sub', x, max, x.shape)), x.shape);
  const exp = ref(track(kernel.unary('exp', shifted)), x.shape);
  const sum = ref(track(kernel.reduce('sum', exp, [last])), keptShape);
  return { shifted, exp, sum };
}

/** softmax = exp(x - max) / sum; logSoftmax = (x - max) - log(sum). */
function composeSoftmax(kernel: Kernel, track: Track, x: TensorRef, log: boolean): TensorRef {
  const { shifted, exp, sum } = shiftedExpSum(kernel, track, x);
  if (!log) return ref(track(kernel.binary('div', exp, sum, x.shape)), x.shape);
  const logSum = ref(track(kernel.unary('log', sum)), sum.shape);
  return ref(track(kernel.binary('sub', shifted, logSum, x.shape)), x.shape);
}

/** Adam from mul/add/unary kernels with uploaded scalars, as the api composes it; outputs stacked [3, ...]. */
function composeAdamStep(kernel: Kernel, track: Track, hyper: AdamHyper, inputs: readonly TensorRef[]): TensorRef {
  const [param, grad, m, v] = inputs;
  const shape = param.shape;
  const scalar = (value: number): TensorRef => ref(track(kernel.upload(Float32Array.of(value), [], 'float32')), []);
  const bin = (op: 'add' | 'sub' | 'mul' | 'div', a: TensorRef, b: TensorRef): TensorRef => ref(track(kernel.binary(op, a, b, shape)), shape);
  const un = (op: 'square' | 'sqrt', a: TensorRef): TensorRef => ref(track(kernel.unary(op, a)), shape);
  const m2 = bin('add', bin('mul', m, scalar(hyper.beta1)), bin('mul', grad, scalar(1 - hyper.beta1)));
  const v2 = bin('add', bin('mul', v, scalar(hyper.beta2)), bin('mul', un('square', grad), scalar(1 - hyper.beta2)));
  const p2 = bin('sub', param, bin('div', bin('mul', m2, scalar(hyper.lrT)), bin('add', un('sqrt', v2), scalar(hyper.epsilon))));
  const stacked = [p2, m2, v2].map((t) => ({ ...t, shape: [1, ...shape] }));
  return ref(track(kernel.concat(stacked, 0)), [3, ...shape]);
}

/**
 * The composition of a fused kernel from required primitives, as the api runs it on a
 * backend without the fused kernel. Reshapes are free (a TensorRef with another shape).
 */
export function composeFused<P extends FusedKernelName>(
  kernel: Kernel, primitive: P, attrs: PrimitiveAttrs[P], inputs: readonly TensorRef[], track: Track,
): TensorRef {
  switch (primitive) {
    case 'fusedMatMul': return composeFusedMatMul(kernel, track, attrs as PrimitiveAttrs['fusedMatMul'], inputs);
    case 'fusedConv2d': return composeFusedConv2d(kernel, track, attrs as PrimitiveAttrs['fusedConv2d'], inputs);
    case 'softmax': return composeSoftmax(kernel, track, inputs[0], false);
    case 'logSoftmax': return composeSoftmax(kernel, track, inputs[0], true);
    case 'adamStep': return composeAdamStep(kernel, track, (attrs as PrimitiveAttrs['adamStep']).hyper, inputs);
  }
  throw new Error(`composeFused: unknown fused kernel '${primitive as string}'`);
}
