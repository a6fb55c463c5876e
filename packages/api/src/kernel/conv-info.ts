/** Keras padding modes. 'causal' (conv1d only) pads the start of the time axis. */
export type PaddingMode = 'valid' | 'same' | 'causal';

/**
 * Everything a 2-D convolution kernel needs, resolved by the api (NHWC, filter
 * [filterH, filterW, inC, outC]). Padding is explicit, so kernels never re-derive 'same'.
 */
export interface Conv2DInfo {
  /** Number of images (N): x is [batch, inH, inW, inC]. */
  readonly batch: number;
  /** Input height in pixels, before padding. */
  readonly inH: number;
  /** Input width in pixels, before padding. */
  readonly inW: number;
  /** Input channels: x's last axis and the filter's third. */
  readonly inC: number;
  /** Output height; the output is [batch, outH, outW, outC]. */
  readonly outH: number;
  /** Output width. */
  readonly outW: number;
  /** Output channels: the filter's last axis. */
  readonly outC: number;
  /** Filter height in taps (before dilation). */
  readonly filterH: number;
  /** Filter width in taps (before dilation). */
  readonly filterW: number;
  /** Step between output rows, in input pixels (>= 1). */
  readonly strideH: number;
  /** Step between output columns, in input pixels (>= 1). */
  readonly strideW: number;
  /** Spacing between filter taps along H (1: dense); the window spans (filterH - 1) * dilationH + 1 rows. */
  readonly dilationH: number;
  /** Spacing between filter taps along W (1: dense); the window spans (filterW - 1) * dilationW + 1 columns. */
  readonly dilationW: number;
  /**
   * Zero rows added above the input: output row `oh`, tap `fh` reads input row
   * `oh * strideH + fh * dilationH - padTop`; rows outside [0, inH) read as 0.
   */
  readonly padTop: number;
  /** Zero rows added below the input ('same' puts the odd one here); only bounds the reads. */
  readonly padBottom: number;
  /**
   * Zero columns added left of the input: output column `ow`, tap `fw` reads input column
   * `ow * strideW + fw * dilationW - padLeft`; columns outside [0, inW) read as 0.
   */
  readonly padLeft: number;
  /** Zero columns added right of the input ('same' puts the odd one here); only bounds the reads. */
  readonly padRight: number;
}

/** Everything a 2-D pooling kernel needs (NHWC, channels unchanged). */
export interface Pool2DInfo {
  /** Number of images (N): x is [batch, inH, inW, channels]. */
  readonly batch: number;
  /** Input height in pixels, before padding. */
  readonly inH: number;
  /** Input width in pixels, before padding. */
  readonly inW: number;
  /** Channels, pooled independently; the same in the output [batch, outH, outW, channels]. */
  readonly channels: number;
  /** Output height. */
  readonly outH: number;
  /** Output width. */
  readonly outW: number;
  /** Window height in pixels (Keras's pool_size[0]). */
  readonly filterH: number;
  /** Window width in pixels (Keras's pool_size[1]). */
  readonly filterW: number;
  /** Step between output rows, in input pixels. */
  readonly strideH: number;
  /** Step between output columns, in input pixels. */
  readonly strideW: number;
  /**
   * Rows before the input: output row `oh` covers input rows from `oh * strideH - padTop`,
   * `filterH` of them. Padded positions are not in the window: they never win a max and an
   * average divides by the in-bounds count only (TensorFlow's 'same').
   */
  readonly padTop: number;
  /** Rows after the input ('same' puts the odd one here); only bounds the window. */
  readonly padBottom: number;
  /** Columns before the input: output column `ow` covers input columns from `ow * strideW - padLeft`. */
  readonly padLeft: number;
  /** Columns after the input ('same' puts the odd one here); only bounds the window. */
  readonly padRight: number;
}

/**
 * One spatial axis of a window op, by TensorFlow's rules: the output length and the padding
 * before and after ('same' puts the odd element after; 'causal' pads only before).
 */
export function outAndPad(mode: PaddingMode, inSize: number, window: number, stride: number, dilation: number): { out: number; before: number; after: number } {
  const effective = (window - 1) * dilation + 1;
  if (mode === 'valid') {
    return { out: Math.max(0, Math.floor((inSize - effective) / stride) + 1), before: 0, after: 0 };
  }
  if (mode === 'causal') {
    const out = Math.max(0, Math.floor((inSize + effective - 1 - effective) / stride) + 1);
    return { out, before: effective - 1, after: 0 };
  }
  const out = Math.ceil(inSize / stride);
  const total = Math.max(0, (out - 1) * stride + effective - inSize);
  const before = Math.floor(total / 2);
  return { out, before, after: total - before };
}

/**
 * Resolves a 2-D convolution's geometry for the kernel: `xShape` NHWC, `filterShape`
 * [filterH, filterW, inC, outC], output size and explicit padding by TensorFlow's rules
 * ('causal' pads the W axis only, before; conv1d puts time on W). `dilations` defaults to [1, 1].
 */
export function conv2dInfo(
  xShape: readonly number[],
  filterShape: readonly number[],
  strides: readonly [number, number],
  padding: PaddingMode,
  dilations: readonly [number, number] = [1, 1],
): Conv2DInfo {
  const [batch, inH, inW, inC] = xShape;
  const [filterH, filterW, , outC] = filterShape;
  const [strideH, strideW] = strides;
  const [dilationH, dilationW] = dilations;
  // 'causal' applies to the time axis only; conv1d puts time on W with H of size 1.
  const h = outAndPad(padding === 'causal' ? 'valid' : padding, inH, filterH, strideH, dilationH);
  const w = outAndPad(padding, inW, filterW, strideW, dilationW);
  return {
    batch, inH, inW, inC, outH: h.out, outW: w.out, outC, filterH, filterW, strideH, strideW,
    dilationH, dilationW, padTop: h.before, padBottom: h.after, padLeft: w.before, padRight: w.after,
  };
}

/**
 * Resolves a 2-D pooling window's geometry for the kernel: `xShape` NHWC, `poolSize`
 * [height, width], output size and explicit padding by TensorFlow's rules.
 */
export function pool2dInfo(
  xShape: readonly number[],
  poolSize: readonly [number, number],
  strides: readonly [number, number],
  padding: 'valid' | 'same',
): Pool2DInfo {
  const [batch, inH, inW, channels] = xShape;
  const [filterH, filterW] = poolSize;
  const [strideH, strideW] = strides;
  const h = outAndPad(padding, inH, filterH, strideH, 1);
  const w = outAndPad(padding, inW, filterW, strideW, 1);
  return {
    batch, inH, inW, channels, outH: h.out, outW: w.out, filterH, filterW, strideH, strideW,
    padTop: h.before, padBottom: h.after, padLeft: w.before, padRight: w.after,
  };
}
