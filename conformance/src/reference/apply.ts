import type { Primitive, PrimitiveAttrs, PrimitiveCall } from '../primitive.js';
import { binary, select } from './binary.js';
import { cast } from './cast.js';
import { conv2d, conv2dBackpropFilter, conv2dBackpropInput } from './conv.js';
import { adamStep, fusedConv2d, fusedMatMul, logSoftmax, softmax } from './fused.js';
import { gather, unsortedSegmentSum } from './gather.js';
import { concat, pad, slice, transpose } from './layout.js';
import { matmul } from './matmul.js';
import { avgPool, avgPoolBackprop, maxPool, maxPoolBackprop } from './pool.js';
import { argReduce, reduce } from './reduce.js';
import type { RefTensor } from './tensor.js';
import { unary } from './unary.js';

function expectInputs(primitive: Primitive, inputs: readonly RefTensor[], count: number): void {
  if (inputs.length !== count) throw new Error(`applyReference(${primitive}): expected ${count} inputs, got ${inputs.length}`);
}

/** Evaluates any primitive on RefTensors in float64 (inputs in the Kernel method's argument order). */
export function applyReference<P extends Primitive>(primitive: P, inputs: readonly RefTensor[], attrs: PrimitiveAttrs[P]): RefTensor {
  return applyCall({ primitive, attrs } as PrimitiveCall, inputs);
}

/** Evaluates a PrimitiveCall (primitive and attributes) on RefTensors in float64, as `applyReference` does. */
export function applyCall(call: PrimitiveCall, inputs: readonly RefTensor[]): RefTensor {
  const [x, y, z] = inputs;
  const p = call.primitive;
  switch (call.primitive) {
    case 'unary': expectInputs(p, inputs, 1); return unary(call.attrs.op, x);
    case 'binary': expectInputs(p, inputs, 2); return binary(call.attrs.op, x, y);
    case 'select': expectInputs(p, inputs, 3); return select(x, y, z);
    case 'cast': expectInputs(p, inputs, 1); return cast(x, call.attrs.dtype);
    case 'reduce': expectInputs(p, inputs, 1); return reduce(call.attrs.op, x, call.attrs.axes);
    case 'argReduce': expectInputs(p, inputs, 1); return argReduce(call.attrs.op, x, call.attrs.axis);
    case 'matmul': expectInputs(p, inputs, 2); return matmul(x, y, call.attrs.transposeA, call.attrs.transposeB);
    case 'conv2d': expectInputs(p, inputs, 2); return conv2d(x, y, call.attrs.info);
    case 'conv2dBackpropInput': expectInputs(p, inputs, 2); return conv2dBackpropInput(x, y, call.attrs.info);
    case 'conv2dBackpropFilter': expectInputs(p, inputs, 2); return conv2dBackpropFilter(x, y, call.attrs.info);
    case 'maxPool': expectInputs(p, inputs, 1); return maxPool(x, call.attrs.info);
    case 'maxPoolBackprop': expectInputs(p, inputs, 2); return maxPoolBackprop(x, y, call.attrs.info);
    case 'avgPool': expectInputs(p, inputs, 1); return avgPool(x, call.attrs.info);
    case 'avgPoolBackprop': expectInputs(p, inputs, 1); return avgPoolBackprop(x, call.attrs.info);
    case 'gather': expectInputs(p, inputs, 2); return gather(x, y, call.attrs.axis);
    case 'unsortedSegmentSum': expectInputs(p, inputs, 2); return unsortedSegmentSum(x, y, call.attrs.numSegments);
    case 'transpose': expectInputs(p, inputs, 1); return transpose(x, call.attrs.perm);
    case 'slice': expectInputs(p, inputs, 1); return slice(x, call.attrs.begin, call.attrs.size);
    case 'concat': return concat(inputs, call.attrs.axis);
    case 'pad': expectInputs(p, inputs, 1); return pad(x, call.attrs.paddings, call.attrs.value);
    case 'fusedMatMul': {
      if (inputs.length !== 2 && inputs.length !== 3) throw new Error(`applyReference(fusedMatMul): expected 2 or 3 inputs, got ${inputs.length}`);
      return fusedMatMul(x, y, z ?? null, call.attrs.activation, call.attrs.transposeA, call.attrs.transposeB);
    }
    case 'fusedConv2d': {
      if (inputs.length !== 2 && inputs.length !== 3) throw new Error(`applyReference(fusedConv2d): expected 2 or 3 inputs, got ${inputs.length}`);
      return fusedConv2d(x, y, z ?? null, call.attrs.activation, call.attrs.info);
    }
    case 'softmax': expectInputs(p, inputs, 1); return softmax(x);
    case 'logSoftmax': expectInputs(p, inputs, 1); return logSoftmax(x);
    case 'adamStep': expectInputs(p, inputs, 4); return adamStep(x, y, z, inputs[3], call.attrs.hyper);
  }
}
