import { optionKeys } from '@layerwise/data';
import type { Shape } from '../shape.js';
import { Conv, CONV_OPTIONS, type ConvArgs } from './conv.js';
import { deconvLength, normalizeTuple } from './window-args.js';

export interface ConvTransposeArgs extends ConvArgs {
  /**
   * Extra rows (cols, ...) at the end of each output axis, each below its stride; null
   * (the default) infers the output length from the stride alone (Keras's deconv_length).
   */
  outputPadding?: number | number[] | null;
}

/** Conv2DTranspose/Conv3DTranspose's options. */
export const CONV_TRANSPOSE_OPTIONS = optionKeys<ConvTransposeArgs>()(['outputPadding'], { base: [CONV_OPTIONS] });

/**
 * Keras's Conv2DTranspose / Conv3DTranspose: the gradient of a convolution with respect to
 * its input. Kernel [...kernelSize, filters, inChannels] (Keras's layout: the forward
 * convolution's in and out channels), then bias [filters].
 */
export abstract class ConvTranspose extends Conv {
  /** Extra length added to each spatial axis of the output, or null. */
  readonly outputPadding: number[] | null;

  constructor(rank: number, args: ConvTransposeArgs) {
    super(rank, args, ['valid', 'same']);
    const op = args.outputPadding;
    this.outputPadding = op === undefined || op === null ? null : normalizeTuple(op, rank, this.name, 'outputPadding', 0, 0);
    this.outputPadding?.forEach((p, i) => {
      if (p >= this.strides[i]) {
        throw new Error(`${this.name}: outputPadding [${this.outputPadding}] must be smaller than strides [${this.strides}] on every axis`);
      }
      const dilated = (this.kernelSize[i] - 1) * this.dilationRate[i] + 1;
      if (this.padding === 'same' && dilated % 2 === 0 && p === 0) {
        // (in - 1) * stride rows cannot come from `in` rows by a 'same' convolution, so TensorFlow rejects it too.
        throw new Error(`${this.name}: outputPadding 0 on axis ${i} with 'same' padding and an even (dilated) kernel of ${dilated} gives an output no convolution maps back to the input; use outputPadding >= 1 there or null`);
      }
    });
  }

  protected override kernelShape(_inputShape: Shape, inChannels: number): number[] {
    return [...this.kernelSize, this.filters, inChannels];
  }

  protected override outputLength(i: number, length: number | null): number | null {
    return deconvLength(length, this.strides[i], this.kernelSize[i], this.padding as 'valid' | 'same', this.outputPadding?.[i] ?? null, this.dilationRate[i]);
  }

  /** The channels-last output shape for a channels-last input of shape `x`. */
  protected outputShapeFor(x: readonly number[]): number[] {
    return [x[0], ...x.slice(1, this.rank + 1).map((n, i) => this.outputLength(i, n)!), this.filters];
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), outputPadding: this.outputPadding ? this.outputPadding.slice() : null };
  }
}
