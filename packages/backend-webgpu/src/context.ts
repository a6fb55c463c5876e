import { arrayFor, type DType, type TypedArray } from '@layerwise/api';
import type { TensorInfo, TfKernels, TfWebGPUBackend } from './tfjs.js';
import { sizeOf } from './program.js';

/** What every kernel file gets: the tfjs backend instance and direct access to tfjs kernels. */
export interface Ctx {
  readonly backend: TfWebGPUBackend;
  readonly tfk: TfKernels;
}

/** A tensor whose values start on the CPU (tfjs uploads them on first GPU use). */
export function fromValues(ctx: Ctx, shape: readonly number[], dtype: DType, values?: TypedArray): TensorInfo {
  return ctx.backend.makeTensorInfo([...shape], dtype, values ?? arrayFor(dtype, sizeOf(shape)));
}

/** A new tensor with no values yet (a program writes all of it). */
export function blank(ctx: Ctx, shape: readonly number[], dtype: DType): TensorInfo {
  return ctx.backend.makeTensorInfo([...shape], dtype);
}

/** A new tensor filled with `value`. */
export function filled(ctx: Ctx, shape: readonly number[], dtype: DType, value: number): TensorInfo {
  const values = arrayFor(dtype, sizeOf(shape));
  // Typed arrays start at +0; -0 and NaN must be written.
  if (!Object.is(value, 0)) values.fill(dtype === 'bool' ? (value !== 0 ? 1 : 0) : value);
  return fromValues(ctx, shape, dtype, values);
}

/** Shares `x`'s data under another shape (one more reference, as tfjs's Reshape does). */
export function alias(ctx: Ctx, x: TensorInfo, shape: readonly number[], dtype: DType = x.dtype): TensorInfo {
  ctx.backend.incRef(x.dataId);
  return { dataId: x.dataId, shape: [...shape], dtype };
}

export function free(ctx: Ctx, ...xs: TensorInfo[]): void {
  for (const x of xs) ctx.backend.disposeData(x.dataId);
}
