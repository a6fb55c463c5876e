import { Tensor } from '../tensor/tensor.js';
import { keep, tidy } from '../engine/scope.js';
import { argMax, max, min } from '../ops/reduce.js';
import { cast } from '../ops/cast.js';
import { greater } from '../ops/binary.js';
import { concat, slice } from '../ops/layout.js';
import { upload, sliceRows, type HostTensor } from '../training/host-data.js';
import type { Logs } from '../callbacks/callback.js';

/*
 * Keras 2 and tfjs prediction forms a model offers beside `predict` (predict_classes,
 * predict_proba, tfjs's synchronous predict, Keras 2.4's return_dict), written once over the
 * little they need of a model.
 */

/** What the synchronous predict needs of a model. */
export interface ForwardModel {
  forward(xs: Tensor[], training: boolean): { outputs: Tensor[] };
}

/**
 * The model's outputs for every row of `xs` (one array per input) at once, batch by batch: no
 * value is read back, so it runs on every backend, webgpu included. The batches'
 * intermediates are freed; one tensor per output is returned.
 */
export function predictNow(model: ForwardModel, xs: readonly (Tensor | HostTensor)[], batchSize: number, method: string): Tensor[] {
  const n = xs[0].shape[0];
  if (n === 0) throw new Error(`${method}: no samples to predict`);
  const rows = (x: Tensor | HostTensor, start: number, end: number): Tensor => {
    if (!(x instanceof Tensor)) return upload(sliceRows(x, start, end));
    const rest = x.shape.slice(1);
    return end - start === n ? x : slice(x, [start, ...rest.map(() => 0)], [end - start, ...rest]);
  };
  return tidy(() => {
    const parts: Tensor[][] = [];
    for (let start = 0; start < n; start += batchSize) {
      const end = Math.min(start + batchSize, n);
      parts.push(model.forward(xs.map((x) => rows(x, start, end)), false).outputs);
    }
    return parts[0].map((_, o) => (parts.length === 1 ? parts[0][o] : concat(parts.map((p) => p[o]), 0)));
  }).map((t) => keep(t));
}

/**
 * Keras 2's predict_classes from the probabilities: the argmax over the last axis, or for a
 * single output unit `p > 0.5` (shape kept), as int32.
 */
export function classesOf(probabilities: Tensor): Tensor {
  const p = probabilities;
  return tidy(() => (p.shape[p.rank - 1] > 1 ? argMax(p, -1) : cast(greater(p, 0.5), 'int32')));
}

/** Keras 2's predict_proba warning when outputs leave [0, 1] (the last layer is not softmax or sigmoid). */
export async function warnUnlessProbabilities(p: Tensor): Promise<void> {
  if (p.size === 0) return;
  const [lo, hi] = tidy(() => [min(p), max(p)]);
  const [l, h] = [(await lo.data())[0], (await hi.data())[0]];
  lo.dispose();
  hi.dispose();
  if (l < 0 || h > 1) {
    console.warn('Network returning invalid probability values. The last layer might not normalize predictions into probabilities (like softmax or sigmoid would).');
  }
}

/** Keras 2.4's `return_dict`: each metric name with its value. */
export function resultDict(names: readonly string[], logs: Logs): Record<string, number> {
  return Object.fromEntries(names.map((n) => [n, logs[n]]));
}
