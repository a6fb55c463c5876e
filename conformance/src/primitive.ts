import type {
  AdamHyper, ArgReduceOp, BinaryOp, Conv2DInfo, DType, FusedActivation, FusedKernelName, Pool2DInfo, ReduceOp, UnaryOp,
} from '@layerwise/api';
import { FUSED_KERNELS } from '@layerwise/api';

/**
 * The attributes of every computing Kernel method (storage methods excluded), keyed by the
 * method's name. Tensor arguments are not attributes: they are a case's `inputs`, in the
 * method's argument order (`concat` takes all inputs as its list; `fusedMatMul` takes
 * [a, b] or [a, b, bias]).
 */
export interface PrimitiveAttrs {
  unary: { readonly op: UnaryOp };
  binary: { readonly op: BinaryOp };
  select: Record<string, never>;
  cast: { readonly dtype: DType };
  reduce: { readonly op: ReduceOp; readonly axes: readonly number[] };
  argReduce: { readonly op: ArgReduceOp; readonly axis: number };
  matmul: { readonly transposeA: boolean; readonly transposeB: boolean };
  conv2d: { readonly info: Conv2DInfo };
  conv2dBackpropInput: { readonly info: Conv2DInfo };
  conv2dBackpropFilter: { readonly info: Conv2DInfo };
  maxPool: { readonly info: Pool2DInfo };
  maxPoolBackprop: { readonly info: Pool2DInfo };
  avgPool: { readonly info: Pool2DInfo };
  avgPoolBackprop: { readonly info: Pool2DInfo };
  gather: { readonly axis: number };
  unsortedSegmentSum: { readonly numSegments: number };
  transpose: { readonly perm: readonly number[] };
  slice: { readonly begin: readonly number[]; readonly size: readonly number[] };
  concat: { readonly axis: number };
  pad: { readonly paddings: readonly (readonly [number, number])[]; readonly value: number };
  fusedMatMul: { readonly activation: FusedActivation; readonly transposeA: boolean; readonly transposeB: boolean };
  /** Inputs [x, filter] or [x, filter, bias]. */
  fusedConv2d: { readonly activation: FusedActivation; readonly info: Conv2DInfo };
  softmax: Record<string, never>;
  logSoftmax: Record<string, never>;
  /** Its single result stacks [param', m', v'] on a new leading axis (shape [3, ...param]). */
  adamStep: { readonly hyper: AdamHyper };
}

export type Primitive = keyof PrimitiveAttrs;

/** A primitive together with its attributes, as a discriminated union. */
export type PrimitiveCall = { [P in Primitive]: { readonly primitive: P; readonly attrs: PrimitiveAttrs[P] } }[Primitive];

/** The computing primitives a backend must implement (REQUIRED_PRIMITIVES minus storage). */
export const COMPUTE_PRIMITIVES = [
  'unary', 'binary', 'select', 'cast', 'reduce', 'argReduce', 'matmul',
  'conv2d', 'conv2dBackpropInput', 'conv2dBackpropFilter',
  'maxPool', 'maxPoolBackprop', 'avgPool', 'avgPoolBackprop',
  'gather', 'unsortedSegmentSum', 'transpose', 'slice', 'concat', 'pad',
] as const satisfies readonly Primitive[];

export function isFused(primitive: Primitive): primitive is FusedKernelName {
  return (FUSED_KERNELS as readonly string[]).includes(primitive);
}
