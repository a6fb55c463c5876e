export type { DType, TypedArray } from './kernel/dtypes.js';
export { arrayFor, bytesPerElement, isDType } from './kernel/dtypes.js';
export type {
  Buffer, TensorRef, UnaryOp, BinaryOp, ArithmeticOp, CompareOp, LogicalOp, ReduceOp, ArgReduceOp,
  FusedActivation, Capabilities, FusedKernels, Kernel, FusedKernelName,
} from './kernel/kernel.js';
export { REQUIRED_PRIMITIVES, FUSED_KERNELS } from './kernel/kernel.js';
export type { Conv2DInfo, Pool2DInfo, PaddingMode } from './kernel/conv-info.js';
export { conv2dInfo, pool2dInfo } from './kernel/conv-info.js';
export type { KernelFactory } from './kernel/registry.js';
export { registerBackend, setBackend, getBackend, listBackends, ready, memory, activeKernel } from './kernel/registry.js';
