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
  /** Inputs [x]: `op` applied to every element. */
  unary: {
    /** The element-wise function (its `UnaryOp` doc gives the rule, non-finite values included). */
    readonly op: UnaryOp;
  };
  /** Inputs [a, b], broadcast as NumPy does (the result shape is inferred). */
  binary: {
    /** The element-wise operation. */
    readonly op: BinaryOp;
  };
  /** Inputs [cond (bool), a, b]: `cond ? a : b`, broadcast; no attributes. */
  select: Record<string, never>;
  /** Inputs [x]: converted to another dtype (the Kernel's `cast` doc gives the rounding and saturation rules). */
  cast: {
    /** The result's dtype. */
    readonly dtype: DType;
  };
  /** Inputs [x]: reduced over some axes, which the result's shape drops. */
  reduce: {
    /** 'sum', 'max' or 'min'. */
    readonly op: ReduceOp;
    /** The axes reduced away: non-empty, non-negative, sorted. */
    readonly axes: readonly number[];
  };
  /** Inputs [x]: int32 index of the first max or min along one axis. */
  argReduce: {
    /** 'argMax' or 'argMin'. */
    readonly op: ArgReduceOp;
    /** The axis searched (non-negative), which the result's shape drops. */
    readonly axis: number;
  };
  /** Inputs [a, b], both rank 3 ([batch, rows, cols]): the batched matrix product. */
  matmul: {
    /** Use `a` transposed in its last two axes. */
    readonly transposeA: boolean;
    /** Use `b` transposed in its last two axes. */
    readonly transposeB: boolean;
  };
  /** Inputs [x, filter], NHWC: the 2-D convolution. */
  conv2d: {
    /** Shapes, strides, dilations and explicit padding (see Conv2DInfo). */
    readonly info: Conv2DInfo;
  };
  /** Inputs [dy, filter]: the convolution's gradient with respect to its input. */
  conv2dBackpropInput: {
    /** The forward convolution's shapes, strides, dilations and padding. */
    readonly info: Conv2DInfo;
  };
  /** Inputs [x, dy]: the convolution's gradient with respect to its filter. */
  conv2dBackpropFilter: {
    /** The forward convolution's shapes, strides, dilations and padding. */
    readonly info: Conv2DInfo;
  };
  /** Inputs [x], NHWC: max over each pooling window. */
  maxPool: {
    /** Window, strides and explicit padding (see Pool2DInfo). */
    readonly info: Pool2DInfo;
  };
  /** Inputs [dy, x]: each dy element routed to its window's maximum in x. */
  maxPoolBackprop: {
    /** The forward pooling's window, strides and padding. */
    readonly info: Pool2DInfo;
  };
  /** Inputs [x], NHWC: mean over each window's in-bounds elements. */
  avgPool: {
    /** Window, strides and explicit padding (see Pool2DInfo). */
    readonly info: Pool2DInfo;
  };
  /** Inputs [dy]: each dy element spread evenly over its window. */
  avgPoolBackprop: {
    /** The forward pooling's window, strides and padding (the result has its input shape). */
    readonly info: Pool2DInfo;
  };
  /** Inputs [x, indices (int32)]: slices of x along one axis. */
  gather: {
    /** The axis of x the indices select along. */
    readonly axis: number;
  };
  /** Inputs [x, segmentIds (int32)]: rows of x summed into buckets. */
  unsortedSegmentSum: {
    /** The number of buckets, the result's first dimension. */
    readonly numSegments: number;
  };
  /** Inputs [x]: axes permuted. */
  transpose: {
    /** Output axis i is input axis perm[i]. */
    readonly perm: readonly number[];
  };
  /** Inputs [x]: one block of x. */
  slice: {
    /** The block's first index on each axis. */
    readonly begin: readonly number[];
    /** The block's extent on each axis. */
    readonly size: readonly number[];
  };
  /** Inputs: every tensor joined, in order. */
  concat: {
    /** The axis they are joined along (all other dimensions equal). */
    readonly axis: number;
  };
  /** Inputs [x]: each axis padded with a constant. */
  pad: {
    /** [before, after] element counts for each axis. */
    readonly paddings: readonly (readonly [number, number])[];
    /** The padding value (any float32, NaN included). */
    readonly value: number;
  };
  /** Inputs [a, b] or [a, b, bias]: `activation(op(a) @ op(b) + bias)`. */
  fusedMatMul: {
    /** The activation applied last. */
    readonly activation: FusedActivation;
    /** Use `a` transposed in its last two axes. */
    readonly transposeA: boolean;
    /** Use `b` transposed in its last two axes. */
    readonly transposeB: boolean;
  };
  /** Inputs [x, filter] or [x, filter, bias]. */
  fusedConv2d: {
    /** The activation applied last. */
    readonly activation: FusedActivation;
    /** The convolution's shapes, strides, dilations and padding. */
    readonly info: Conv2DInfo;
  };
  /** Inputs [x]: softmax along the last axis; no attributes. */
  softmax: Record<string, never>;
  /** Inputs [x]: log-softmax along the last axis; no attributes. */
  logSoftmax: Record<string, never>;
  /** Its single result stacks [param', m', v'] on a new leading axis (shape [3, ...param]). */
  adamStep: {
    /** The step's scalars: lrT (the learning rate with Keras 2's bias correction folded in), beta1, beta2, epsilon. */
    readonly hyper: AdamHyper;
  };
}

/** The name of a computing Kernel method (required primitive or optional fused kernel) that cases can call. */
export type Primitive = keyof PrimitiveAttrs;

/** A primitive together with its attributes, as a discriminated union. */
export type PrimitiveCall = {
  [P in Primitive]: {
    /** The Kernel method called. */
    readonly primitive: P;
    /** Its non-tensor arguments (see PrimitiveAttrs). */
    readonly attrs: PrimitiveAttrs[P];
  }
}[Primitive];

/** The computing primitives a backend must implement (REQUIRED_PRIMITIVES minus storage). */
export const COMPUTE_PRIMITIVES = [
  'unary', 'binary', 'select', 'cast', 'reduce', 'argReduce', 'matmul',
  'conv2d', 'conv2dBackpropInput', 'conv2dBackpropFilter',
  'maxPool', 'maxPoolBackprop', 'avgPool', 'avgPoolBackprop',
  'gather', 'unsortedSegmentSum', 'transpose', 'slice', 'concat', 'pad',
] as const satisfies readonly Primitive[];

/** Whether `primitive` is one of the optional fused kernels (FUSED_KERNELS) rather than a required primitive. */
export function isFused(primitive: Primitive): primitive is FusedKernelName {
  return (FUSED_KERNELS as readonly string[]).includes(primitive);
}
