import type { Conv2DInfo, FusedActivation } from '@layerwise/api';
import type { Info, Runtime } from '../runtime.js';
import { sizeOf } from '../runtime.js';
import { conv2d } from './conv2d.js';
import { unary } from './unary.js';

/**
 * `activation(conv2d(x, filter) + bias)`: the convolution, then bias and relu added in place
 * on its fresh output by kernels.wat bias_relu (sigmoid and tanh run as tfjs kernels after).
 */
export function fusedConv2d(rt: Runtime, x: Info, filter: Info, bias: Info | null, activation: FusedActivation, info: Conv2DInfo): Info {
  const y = conv2d(rt, x, filter, info);
  const n = sizeOf(y.shape);
  if (n === 0) return y;
  const relu = activation === 'relu';
  if (bias || relu) rt.simd.bias_relu(rt.ptr(y), bias ? rt.ptr(bias) : 0, n / info.outC, info.outC, relu ? 1 : 0);
  if (activation !== 'sigmoid' && activation !== 'tanh') return y;
  try {
    return unary(rt, activation, y);
  } finally {
    rt.free(y);
  }
}
