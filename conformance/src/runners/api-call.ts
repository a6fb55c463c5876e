import { ops, type Tensor } from '@layerwise/api';
import type { PrimitiveCall } from '../primitive.js';

/**
 * Runs the api op that wraps one primitive (so its gradient rule is the one exercised).
 * Inputs are in the primitive's argument order.
 */
export function callApiOp(call: PrimitiveCall, inputs: readonly Tensor[]): Tensor {
  const [a, b, c] = inputs;
  switch (call.primitive) {
    case 'unary': return ops.UNARY_OPS[call.attrs.op](a);
    case 'binary': return ops.BINARY_OPS[call.attrs.op](a, b);
    case 'select': return ops.where(a, b, c);
    case 'cast': return ops.cast(a, call.attrs.dtype);
    case 'reduce': return ({ sum: ops.sum, max: ops.max, min: ops.min })[call.attrs.op](a, call.attrs.axes);
    case 'argReduce': return call.attrs.op === 'argMax' ? ops.argMax(a, call.attrs.axis) : ops.argMin(a, call.attrs.axis);
    case 'matmul': return ops.batchMatMul(a, b, call.attrs.transposeA, call.attrs.transposeB);
    case 'conv2d': return ops.conv2dWithInfo(a, b, call.attrs.info);
    case 'conv2dBackpropInput': return ops.conv2dBackpropInput(a, b, call.attrs.info);
    case 'conv2dBackpropFilter': return ops.conv2dBackpropFilter(a, b, call.attrs.info);
    case 'maxPool': return ops.maxPoolWithInfo(a, call.attrs.info);
    case 'maxPoolBackprop': return ops.maxPoolBackprop(a, b, call.attrs.info);
    case 'avgPool': return ops.avgPoolWithInfo(a, call.attrs.info);
    case 'avgPoolBackprop': return ops.avgPoolBackprop(a, call.attrs.info);
    case 'gather': return ops.gather(a, b, call.attrs.axis);
    case 'unsortedSegmentSum': return ops.unsortedSegmentSum(a, b, call.attrs.numSegments);
    case 'transpose': return ops.transpose(a, call.attrs.perm);
    case 'slice': return ops.slice(a, call.attrs.begin, call.attrs.size);
    case 'concat': return ops.concat(inputs, call.attrs.axis);
    case 'pad': return ops.pad(a, call.attrs.paddings, call.attrs.value);
    case 'fusedMatMul': return ops.fusedMatMul(a, b, c ?? null, call.attrs.activation, call.attrs.transposeA, call.attrs.transposeB);
    case 'fusedConv2d': return ops.fusedConv2dWithInfo(a, b, c ?? null, call.attrs.activation, call.attrs.info);
    case 'softmax': return ops.softmax(a);
    case 'logSoftmax': return ops.logSoftmax(a);
    case 'adamStep': throw new Error('adamStep is an update rule, not a differentiable op');
  }
}
