import { optionKeys } from '@layerwise/data';
import type { Tensor } from '../../tensor/tensor.js';
import type { FusedActivation } from '../../kernel/kernel.js';
import { depthwiseConv2d, pad, reshape } from '../../ops/index.js';
import { fusedConv2d } from '../../ops/fused.js';
import { SEPARABLE_CONV_OPTIONS, SeparableConv, type SeparableConvArgs } from './separable-conv.js';
import type { WindowedArgs } from './window-args.js';

/**
 * SeparableConv1D's arguments; padding 'causal' (as tf.keras has it; Keras 2.2.4's backend
 * rejects it) pads the start of the time axis only.
 */
export type SeparableConv1DArgs = WindowedArgs<SeparableConvArgs, 1, 'valid' | 'same' | 'causal'>;

const OPTIONS = optionKeys<SeparableConv1DArgs>()([], { base: [SEPARABLE_CONV_OPTIONS] });

/**
 * Depthwise separable 1-D convolution on [batch, steps, channels], run as the 2-D one on
 * a height of 1 (as Keras's separable_conv1d does).
 */
export class SeparableConv1D extends SeparableConv {
  readonly className = 'SeparableConv1D';

  constructor(args: SeparableConv1DArgs) {
    args = OPTIONS.readFor(args, SeparableConv1D, new.target);
    super(1, args);
  }

  /** `activation(pointwise(depthwise(x)) + bias)`, fused where the backend has it. */
  protected override convolveFused(x: Tensor, bias: Tensor | null, activation: FusedActivation): Tensor {
    const [b, , c] = x.shape;
    const [k, s, d] = [this.kernelSize[0], this.strides[0], this.dilationRate[0]];
    const causal = this.padding === 'causal';
    const input = causal ? pad(x, [[0, 0], [(k - 1) * d, 0], [0, 0]]) : x;
    const depthwise = depthwiseConv2d(reshape(input, [b, 1, input.shape[1], c]), reshape(this.depthwiseKernel!.value, [1, k, c, this.depthMultiplier]), {
      strides: [1, s], padding: causal ? 'valid' : (this.padding as 'valid' | 'same'), dilations: [1, d],
    });
    const pointwise = reshape(this.pointwiseKernel!.value, [1, 1, c * this.depthMultiplier, this.filters]);
    const y = fusedConv2d(depthwise, pointwise, bias, activation);
    return reshape(y, [b, y.shape[2], this.filters]);
  }

  protected convolve(x: Tensor): Tensor {
    return this.convolveFused(x, null, 'linear');
  }
}
