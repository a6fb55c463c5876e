import type { Tensor } from '../util/tensor.js';
import { floats } from '../util/alloc.js';

/** Softmax along the last axis, computed in float64 with the row max subtracted. */
export function softmax(x: Tensor): Float32Array {
  return softmaxRows(x, false);
}

/** Log-softmax along the last axis: x - max - log(sum(exp(x - max))). */
export function logSoftmax(x: Tensor): Float32Array {
  return softmaxRows(x, true);
}

function softmaxRows(x: Tensor, log: boolean): Float32Array {
  const a = x.data as Float32Array;
  const out = floats(a.length);
  const d = x.shape[x.shape.length - 1];
  if (d === 0) return out;
  const e = new Float64Array(d);
  for (let r = 0; r < a.length; r += d) {
    let max = -Infinity;
    for (let j = 0; j < d; j++) { const v = a[r + j]; if (v > max || v !== v) max = v; }
    let sum = 0;
    if (log) {
      for (let j = 0; j < d; j++) sum += Math.exp(a[r + j] - max);
      // (x - max) - log(sum), not x - (max + log(sum)): near float32's limits max + log(sum)
      // rounds log(sum) away.
      const logSum = Math.log(sum);
      for (let j = 0; j < d; j++) out[r + j] = (a[r + j] - max) - logSum;
    } else {
      for (let j = 0; j < d; j++) { const v = Math.exp(a[r + j] - max); e[j] = v; sum += v; }
      for (let j = 0; j < d; j++) out[r + j] = e[j] / sum;
    }
  }
  return out;
}
