/** Keras padding modes. 'causal' (conv1d only) pads the start of the time axis. */
export type PaddingMode = 'valid' | 'same' | 'causal';

/**
 * Everything a 2-D convolution kernel needs, resolved by the api (NHWC, filter
 * [filterH, filterW, inC, outC]). Padding is explicit, so kernels never re-derive 'same'.
 */
export interface Conv2DInfo {
  readonly batch: number;
  readonly inH: number;
  readonly inW: number;
  readonly inC: number;
  readonly outH: number;
  readonly outW: number;
  readonly outC: number;
  readonly filterH: number;
  readonly filterW: number;
  readonly strideH: number;
  readonly strideW: number;
  readonly dilationH: number;
  readonly dilationW: number;
  readonly padTop: number;
  readonly padBottom: number;
  readonly padLeft: number;
  readonly padRight: number;
}

/** Everything a 2-D pooling kernel needs (NHWC, channels unchanged). */
export interface Pool2DInfo {
  readonly batch: number;
  readonly inH: number;
  readonly inW: number;
  readonly channels: number;
  readonly outH: number;
  readonly outW: number;
  readonly filterH: number;
  readonly filterW: number;
  readonly strideH: number;
  readonly strideW: number;
  readonly padTop: number;
  readonly padBottom: number;
  readonly padLeft: number;
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
