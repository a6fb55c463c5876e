/**
 * The Keras 2 model API: tensors and ops, the `Kernel` interface and the backend registry, autodiff,
 * layers, losses, metrics, optimizers, callbacks, `Sequential` and functional `Model`s, saving and loading.
 *
 * @module @layerwise/api
 */
export type { DType, TypedArray } from './kernel/dtypes.js';
export { arrayFor, bytesPerElement, isDType } from './kernel/dtypes.js';
export type {
  Buffer, TensorRef, UnaryOp, BinaryOp, ArithmeticOp, CompareOp, LogicalOp, ReduceOp, ArgReduceOp,
  FusedActivation, Capabilities, FusedKernels, Kernel, FusedKernelName, AdamHyper,
} from './kernel/kernel.js';
export { REQUIRED_PRIMITIVES, FUSED_KERNELS } from './kernel/kernel.js';
export type { Conv2DInfo, Pool2DInfo, PaddingMode } from './kernel/conv-info.js';
export { conv2dInfo, pool2dInfo } from './kernel/conv-info.js';
export type { KernelFactory } from './kernel/registry.js';
export { registerBackend, setBackend, getBackend, listBackends, ready, memory, activeKernel, useKernel } from './kernel/registry.js';
export { Tensor } from './tensor/tensor.js';
export type { NestedArray, ConvertedArray } from './tensor/tensor.js';
export { sizeOf, shapesEqual, broadcastShapes } from './tensor/shape.js';
export { tidy, keep, dispose } from './engine/scope.js';
export type { TensorContainer } from './engine/scope.js';
export { valueAndGrads, grads } from './autodiff/grad.js';
export type { ValueAndGrads } from './autodiff/grad.js';
export * as ops from './ops/index.js';
export { tensor, tensor1d, tensor2d, tensor3d, tensor4d, scalar, zeros, ones, fill, range } from './ops/create.js';
// The ops at the top level too, as tfjs has them (`import { argMax } from '@layerwise/api'`).
export { zerosLike, onesLike, neg, abs, sign, square, relu, exp, expm1, log, log1p, sqrt, rsqrt, reciprocal, tanh, sigmoid,
  softplus, erf, sin, cos, floor, ceil, round, logicalNot, clipByValue, add, sub, mul, div, pow, maximum, minimum, floorDiv,
  mod, equal, notEqual, less, lessEqual, greater, greaterEqual, logicalAnd, logicalOr, squaredDifference, where, cast,
  reshape, expandDims, squeeze, broadcastTo, sum, max, min, mean, moments, logSumExp, argMax, argMin, matMul, conv2d, conv1d,
  maxPool2d, avgPool2d, maxPool1d, avgPool1d, gather, unsortedSegmentSum, oneHot, transpose, slice, pad, concat, stack,
  unstack, split, tile, reverse, softmax, logSoftmax, randomUniform, randomNormal, truncatedNormal, buffer, TensorBuffer,
} from './ops/index.js';
export type { TensorLike, HostData } from './ops/create.js';
export * as layers from './layers/index.js';
export * as losses from './losses/index.js';
export * as metrics from './metrics/index.js';
export * as optimizers from './optimizers/index.js';
/** tfjs's name for the optimizer factories: `train.adam(0.01)` is `optimizers.adam(0.01)`. */
export * as train from './optimizers/factories.js';
export * as util from './util/index.js';
export { nextFrame } from './engine/yield.js';
export * as callbacks from './callbacks/index.js';
export * as initializers from './initializers/index.js';
export * as regularizers from './regularizers/index.js';
export * as constraints from './constraints/index.js';
export * as activations from './activations/index.js';
export { Layer, LayerVariable, registerLayer, type Shape, SymbolicTensor, InputLayer, input, type InputArgs, type ApplyArgs, type CallArgs, type Mask } from './layers/index.js';
export { Model, model } from './models/model.js';
export type { ModelArgs, ModelData, ClassWeightArg, FitArgs, EvaluateArgs, PredictArgs, TrainOnBatchArgs, TestOnBatchArgs, ValidationData } from './models/model.js';
export { Sequential } from './models/sequential.js';
export { sequential } from './models/factories.js';
export type { SequentialArgs } from './models/sequential.js';
export type { CompileArgs, LossIdentifier, MetricIdentifier } from './training/compile-args.js';
export { setRandomSeed } from './ops/random.js';
export { History } from './callbacks/history.js';
export { loadModel } from './saving/load-model.js';
export * as saving from './saving/index.js';
/** The one rule for options objects (declared keys, Keras's snake_case, unknown keys refused), for custom layers and backends. */
export { optionKeys, OptionSpec, snakeCase, type BaseSpec, type IgnoredOption, type OptionsExtra, type ReadMode } from '@layerwise/data';
export { LAYER_OPTIONS } from './layers/layer-options.js';
