import type { Conv2DInfo, FusedActivation } from '@layerwise/api';
import type { Tensor } from '../util/tensor.js';
import { biasActivation } from '../util/bias-activation.js';
import { conv2d } from './conv2d.js';

/** `activation(conv2d(x, filter) + bias)`, NHWC, bias of length outC (or null): one output array. */
export function fusedConv2d(x: Tensor, filter: Tensor, bias: Tensor | null, activation: FusedActivation, info: Conv2DInfo): Float32Array {
  const out = conv2d(x, filter, info);
  biasActivation(out, info.outC, bias ? bias.data as Float32Array : null, activation);
  return out;
}
