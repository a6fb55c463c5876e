export { tensor, tensor1d, tensor2d, tensor3d, tensor4d, scalar, fill, zeros, ones, zerosLike, onesLike, range, toTensor, toHost } from './create.js';
export type { TensorLike, HostData } from './create.js';
export * from './unary.js';
export { add, sub, mul, div, pow, maximum, minimum, floorDiv, mod, equal, notEqual, less, lessEqual, greater, greaterEqual,
  logicalAnd, logicalOr, squaredDifference, BINARY_OPS } from './binary.js';
export { where } from './select.js';
export { cast } from './cast.js';
export { reshape, expandDims, squeeze } from './reshape.js';
export { broadcastTo } from './broadcast-to.js';
export { sum, max, min, mean, moments, logSumExp, argMax, argMin } from './reduce.js';
export { matMul, batchMatMul } from './matmul.js';
export { conv2d, conv1d, conv2dWithInfo, conv2dBackpropInput, conv2dBackpropFilter } from './conv.js';
export type { Conv2DOptions, Conv1DOptions, Pair } from './conv.js';
export { maxPool2d, avgPool2d, maxPool1d, avgPool1d, maxPoolWithInfo, avgPoolWithInfo, maxPoolBackprop, avgPoolBackprop } from './pool.js';
export type { Pool2DOptions, Pool1DOptions } from './pool.js';
export { gather, unsortedSegmentSum, oneHot } from './gather.js';
export { transpose, slice, pad, concat, stack, unstack, split, tile, reverse } from './layout.js';
export { repeatElements, upsampleBilinear } from './upsample.js';
export { fusedMatMul, fusedConv2dWithInfo, softmax, logSoftmax, adamStep, denseForward, applyFusedActivation } from './fused.js';
export { Random, setRandomSeed, rng, randomUniform, randomNormal, truncatedNormal } from './random.js';
export { buffer, TensorBuffer } from './buffer.js';
// Gives Tensor its chainable methods (x.add(y), x.argMax(1), ...).
import './tensor-methods.js';
