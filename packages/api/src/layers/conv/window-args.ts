import type { PaddingMode } from '../../kernel/conv-info.js';

/** One integer for every spatial axis, or one per axis: Keras's kernel_size, strides, dilation_rate over `N` axes. */
export type IntTuple<N extends 1 | 2 | 3> = number | (N extends 1 ? [number] : N extends 2 ? [number, number] : [number, number, number]);

/**
 * A layer's arguments `A` with its window arguments typed for `N` spatial axes and the
 * padding modes `P` it takes.
 */
export type WindowedArgs<A, N extends 1 | 2 | 3, P extends PaddingMode = 'valid' | 'same'> = Omit<A, 'kernelSize' | 'strides' | 'padding' | 'dilationRate'> & {
  kernelSize: IntTuple<N>;
  strides?: IntTuple<N>;
  padding?: P;
  dilationRate?: IntTuple<N>;
};

/** Keras's normalize_tuple: a number or a list of `n` integers >= `min`, as a list of n. */
export function normalizeTuple(value: number | readonly number[] | undefined, n: number, layerName: string, arg: string, fallback: number, min = 1): number[] {
  const v = value ?? fallback;
  const list = typeof v === 'number' ? Array<number>(n).fill(v) : Array.isArray(v) ? v.slice() : null;
  if (!list || list.length !== n || list.some((d) => !Number.isInteger(d) || d < min)) {
    throw new Error(`${layerName}: ${arg} must be an integer >= ${min} or a list of ${n} such integers, got ${JSON.stringify(value)}`);
  }
  return list;
}

export function checkPadding<P extends PaddingMode>(padding: string | undefined, allowed: readonly P[], layerName: string): P {
  const p = (padding ?? 'valid') as P;
  if (!allowed.includes(p)) throw new Error(`${layerName}: padding must be ${allowed.map((a) => `'${a}'`).join(', ')}, got ${JSON.stringify(padding)}`);
  return p;
}

/** Keras's conv_output_length; null (unknown) stays null. */
export function convOutputLength(inputLength: number | null, window: number, padding: PaddingMode, stride: number, dilation = 1): number | null {
  if (inputLength === null) return null;
  const dilated = (window - 1) * dilation + 1;
  const length = padding === 'valid' ? inputLength - dilated + 1 : inputLength;
  return Math.max(0, Math.floor((length + stride - 1) / stride));
}

/**
 * Keras's deconv_length: the output length of a transposed convolution. Without
 * `outputPadding` (null) it is inferred from the stride; with it, it is exact.
 */
export function deconvLength(inputLength: number | null, stride: number, kernel: number, padding: 'valid' | 'same',
  outputPadding: number | null, dilation = 1): number | null {
  if (inputLength === null) return null;
  const dilated = (kernel - 1) * dilation + 1;
  if (outputPadding === null) return padding === 'valid' ? inputLength * stride + Math.max(dilated - stride, 0) : inputLength * stride;
  const pad = padding === 'same' ? Math.floor(dilated / 2) : 0;
  return (inputLength - 1) * stride + dilated - 2 * pad + outputPadding;
}
