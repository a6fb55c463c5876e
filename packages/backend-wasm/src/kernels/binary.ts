import type { BinaryOp } from '@layerwise/api';
import type { Info, Runtime } from '../runtime.js';
import { sizeOf } from '../runtime.js';
import { broadcastTo } from '../util/broadcast.js';

const KERNELS: Record<BinaryOp, string> = {
  add: 'Add', sub: 'Sub', mul: 'Multiply', div: 'RealDiv', pow: 'Pow', maximum: 'Maximum', minimum: 'Minimum',
  floorDiv: 'FloorDiv', mod: 'Mod',
  equal: 'Equal', notEqual: 'NotEqual', less: 'Less', lessEqual: 'LessEqual', greater: 'Greater', greaterEqual: 'GreaterEqual',
  logicalAnd: 'LogicalAnd', logicalOr: 'LogicalOr',
};

/** Broadcasting binary ops, on tfjs's broadcasting wasm kernels. */
export function binary(rt: Runtime, op: BinaryOp, a: Info, b: Info, outShape: readonly number[]): Info {
  if (sizeOf(outShape) === 0) return rt.empty(outShape, isBoolResult(op) ? 'bool' : a.dtype);
  if (a.dtype === 'int32' && (op === 'div' || op === 'floorDiv' || op === 'mod')) return intDivision(rt, op, a, b, outShape);
  return rt.run(KERNELS[op], { a, b });
}

function isBoolResult(op: BinaryOp): boolean {
  return op === 'equal' || op === 'notEqual' || op === 'less' || op === 'lessEqual' || op === 'greater' ||
    op === 'greaterEqual' || op === 'logicalAnd' || op === 'logicalOr';
}

/**
 * int32 div / floorDiv / mod: the wasm kernels trap (i32.div_s) or overflow on a zero divisor,
 * so zero divisors are replaced by 1 and their results by 0 (our semantics: x / 0 = 0).
 * `div` is C++'s truncating division; floorDiv rounds down; mod takes the divisor's sign.
 */
function intDivision(rt: Runtime, op: 'div' | 'floorDiv' | 'mod', a: Info, b: Info, outShape: readonly number[]): Info {
  return rt.scoped((keep) => {
    const zero = keep(rt.scalar(0, 'int32'));
    const one = keep(rt.fill(b.shape, 1, 'int32'));
    const isZero = keep(rt.run('Equal', { a: b, b: zero }));
    const safe = keep(rt.run('Select', { condition: isZero, t: one, e: b }));
    const q = keep(rt.run(KERNELS[op], { a, b: safe }));
    const zeroOut = keep(broadcastTo(rt, isZero, outShape, keep));
    const zeros = keep(rt.fill(outShape, 0, 'int32'));
    return rt.run('Select', { condition: zeroOut, t: zeros, e: broadcastTo(rt, q, outShape, keep) });
  });
}
