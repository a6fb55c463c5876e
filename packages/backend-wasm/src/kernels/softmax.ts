import type { Info, Runtime } from '../runtime.js';
import { sizeOf } from '../runtime.js';

/** Softmax along the last axis with tfjs's Softmax (XNNPACK). */
export function softmax(rt: Runtime, x: Info): Info {
  if (sizeOf(x.shape) === 0) return rt.empty(x.shape, 'float32');
  return rt.run('Softmax', { logits: x }, { dim: x.shape.length - 1 });
}

/** Log-softmax along the last axis: (x - max) - log(sum(exp(x - max))), all wasm kernels. */
export function logSoftmax(rt: Runtime, x: Info): Info {
  if (sizeOf(x.shape) === 0) return rt.empty(x.shape, 'float32');
  const last = x.shape.length - 1;
  return rt.scoped((keep) => {
    const max = keep(rt.run('Max', { x }, { reductionIndices: [last], axis: [last], keepDims: true }));
    const shifted = keep(rt.run('Sub', { a: x, b: max }));
    const e = keep(rt.run('Exp', { x: shifted }));
    const sum = keep(rt.run('Sum', { x: e }, { axis: [last], keepDims: true }));
    const logSum = keep(rt.run('Log', { x: sum }));
    return rt.run('Sub', { a: shifted, b: logSum });
  });
}
