import type { ArgReduceOp, BinaryOp, FusedActivation, ReduceOp, UnaryOp } from '@layerwise/api';

// Every member of each op union, checked exhaustive by the Record types: adding an op to the
// api's union fails this file's compilation until the op is listed (and then given cases).

const UNARY: Record<UnaryOp, true> = {
  neg: true, abs: true, sign: true, square: true, relu: true,
  exp: true, expm1: true, log: true, log1p: true, sqrt: true, rsqrt: true, reciprocal: true,
  tanh: true, sigmoid: true, softplus: true, erf: true, sin: true, cos: true,
  floor: true, ceil: true, round: true, logicalNot: true,
};
const BINARY: Record<BinaryOp, true> = {
  add: true, sub: true, mul: true, div: true, pow: true, maximum: true, minimum: true, floorDiv: true, mod: true,
  equal: true, notEqual: true, less: true, lessEqual: true, greater: true, greaterEqual: true,
  logicalAnd: true, logicalOr: true,
};
const REDUCE: Record<ReduceOp, true> = { sum: true, max: true, min: true };
const ARG_REDUCE: Record<ArgReduceOp, true> = { argMax: true, argMin: true };
const ACTIVATIONS: Record<FusedActivation, true> = { linear: true, relu: true, sigmoid: true, tanh: true };

/** Every `UnaryOp` (the api's union, listed exhaustively): each needs kernel and gradient cases. */
export const UNARY_OPS = Object.keys(UNARY) as UnaryOp[];
/** Every `BinaryOp`, listed exhaustively. */
export const BINARY_OPS = Object.keys(BINARY) as BinaryOp[];
/** Every `ReduceOp`: 'sum', 'max', 'min'. */
export const REDUCE_OPS = Object.keys(REDUCE) as ReduceOp[];
/** Every `ArgReduceOp`: 'argMax', 'argMin'. */
export const ARG_REDUCE_OPS = Object.keys(ARG_REDUCE) as ArgReduceOp[];
/** Every activation a fused kernel may apply: 'linear', 'relu', 'sigmoid', 'tanh'. */
export const FUSED_ACTIVATIONS = Object.keys(ACTIVATIONS) as FusedActivation[];
