import type { KernelCase } from '../case.js';
import { ARG_REDUCE_CASES } from './arg-reduce.js';
import { BINARY_CASES } from './binary.js';
import { CAST_CASES } from './cast.js';
import { CONV_CASES } from './conv.js';
import { FUSED_CASES } from './fused.js';
import { GATHER_CASES } from './gather.js';
import { LAYOUT_CASES } from './layout.js';
import { MATMUL_CASES } from './matmul.js';
import { POOL_CASES } from './pool.js';
import { REDUCE_CASES } from './reduce.js';
import { SELECT_CASES } from './select.js';
import { UNARY_CASES } from './unary.js';
import { EDGE_VALUE_CASES } from './edge-values.js';
import { NON_FINITE_CASES } from './non-finite.js';

/** Every kernel case, grouped by primitive family. */
export const KERNEL_CASES: readonly KernelCase[] = [
  ...UNARY_CASES, ...BINARY_CASES, ...SELECT_CASES, ...CAST_CASES, ...REDUCE_CASES, ...ARG_REDUCE_CASES,
  ...MATMUL_CASES, ...CONV_CASES, ...POOL_CASES, ...GATHER_CASES, ...LAYOUT_CASES, ...FUSED_CASES,
  ...EDGE_VALUE_CASES, ...NON_FINITE_CASES,
];

export {
  UNARY_CASES, BINARY_CASES, SELECT_CASES, CAST_CASES, REDUCE_CASES, ARG_REDUCE_CASES,
  MATMUL_CASES, CONV_CASES, POOL_CASES, GATHER_CASES, LAYOUT_CASES, FUSED_CASES, EDGE_VALUE_CASES, NON_FINITE_CASES,
};
