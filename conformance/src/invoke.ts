import type { Buffer, Kernel, TensorRef } from '@layerwise/api';
import type { PrimitiveCall } from './primitive.js';
import { broadcastShapes } from './reference/tensor.js';

/**
 * Calls one primitive on a kernel the way the api would: tensor arguments in order, and the
 * inferred `outShape` where the method takes one. Throws if the kernel lacks a fused kernel.
 */
export function invokeKernel(kernel: Kernel, call: PrimitiveCall, inputs: readonly TensorRef[]): Buffer {
  const [x, y, z] = inputs;
  switch (call.primitive) {
    case 'unary': return kernel.unary(call.attrs.op, x);
    case 'binary': return kernel.binary(call.attrs.op, x, y, broadcastShapes(x.shape, y.shape));
    case 'select': return kernel.select(x, y, z, broadcastShapes(x.shape, y.shape, z.shape));
    case 'cast': return kernel.cast(x, call.attrs.dtype);
    case 'reduce': return kernel.reduce(call.attrs.op, x, call.attrs.axes);
    case 'argReduce': return kernel.argReduce(call.attrs.op, x, call.attrs.axis);
    case 'matmul': return kernel.matmul(x, y, call.attrs.transposeA, call.attrs.transposeB);
    case 'conv2d': return kernel.conv2d(x, y, call.attrs.info);
    case 'conv2dBackpropInput': return kernel.conv2dBackpropInput(x, y, call.attrs.info);
    case 'conv2dBackpropFilter': return kernel.conv2dBackpropFilter(x, y, call.attrs.info);
    case 'maxPool': return kernel.maxPool(x, call.attrs.info);
    case 'maxPoolBackprop': return kernel.maxPoolBackprop(x, y, call.attrs.info);
    case 'avgPool': return kernel.avgPool(x, call.attrs.info);
    case 'avgPoolBackprop': return kernel.avgPoolBackprop(x, call.attrs.info);
    case 'gather': return kernel.gather(x, y, call.attrs.axis);
    case 'unsortedSegmentSum': return kernel.unsortedSegmentSum(x, y, call.attrs.numSegments);
    case 'transpose': return kernel.transpose(x, call.attrs.perm);
    case 'slice': return kernel.slice(x, call.attrs.begin, call.attrs.size);
    case 'concat': return kernel.concat(inputs, call.attrs.axis);
    case 'pad': return kernel.pad(x, call.attrs.paddings, call.attrs.value);
    case 'fusedMatMul': {
      if (!kernel.fusedMatMul) throw new Error(`kernel '${kernel.name}' has no fusedMatMul`);
      return kernel.fusedMatMul(x, y, z ?? null, call.attrs.activation, call.attrs.transposeA, call.attrs.transposeB);
    }
    case 'fusedConv2d': {
      if (!kernel.fusedConv2d) throw new Error(`kernel '${kernel.name}' has no fusedConv2d`);
      return kernel.fusedConv2d(x, y, z ?? null, call.attrs.activation, call.attrs.info);
    }
    case 'softmax': {
      if (!kernel.softmax) throw new Error(`kernel '${kernel.name}' has no softmax`);
      return kernel.softmax(x);
    }
    case 'logSoftmax': {
      if (!kernel.logSoftmax) throw new Error(`kernel '${kernel.name}' has no logSoftmax`);
      return kernel.logSoftmax(x);
    }
    case 'adamStep': {
      if (!kernel.adamStep) throw new Error(`kernel '${kernel.name}' has no adamStep`);
      return stackOutputs(kernel, kernel.adamStep(x, y, z, inputs[3], call.attrs.hyper), x.shape);
    }
  }
}

/** Joins a multi-output kernel's results into one buffer [outputs, ...shape] (and frees the parts). */
export function stackOutputs(kernel: Kernel, parts: readonly Buffer[], shape: readonly number[]): Buffer {
  const refs = parts.map((buffer) => ({ buffer, shape: [1, ...shape], dtype: 'float32' as const }));
  try {
    return kernel.concat(refs, 0);
  } finally {
    for (const p of parts) kernel.dispose(p);
  }
}
