import type { Tensor } from '../tensor/tensor.js';
import type { LayerVariable } from '../layers/variable.js';
import { keep, tidy } from '../engine/scope.js';
import { valueAndGrads } from '../autodiff/grad.js';
import type { Compiled } from './compiled.js';
import { upload, type HostTensor } from './host-data.js';

/** What the step needs from a model. */
export interface StepModel {
  forward(x: Tensor, training: boolean): { output: Tensor; mask: Tensor | null };
  readonly trainableWeights: LayerVariable[];
  regularizationLosses(): Tensor[];
}

/** One batch of host data; `w` is per-sample ([b]) or per-timestep ([b, t]) weights. */
export interface HostBatch {
  x: HostTensor;
  y: HostTensor;
  w: HostTensor | null;
}

function uploadBatch(batch: HostBatch): { x: Tensor; y: Tensor; w: Tensor | null } {
  return { x: upload(batch.x), y: upload(batch.y), w: batch.w ? upload(batch.w) : null };
}

/**
 * Forward, backward and one optimizer update; returns the batch statistics
 * ([loss, ...metric stats]) read back in one download. Every tensor made is freed.
 * Weights change only after the forward and backward passes both succeeded.
 */
export async function trainStep(model: StepModel, compiled: Compiled, batch: HostBatch): Promise<Float32Array> {
  const stats = tidy(() => {
    const { x, y, w } = uploadBatch(batch);
    const variables = model.trainableWeights;
    let kept: Tensor | null = null;
    const { grads } = valueAndGrads(() => {
      const { output, mask } = model.forward(x, true);
      const loss = compiled.totalLoss(y, output, w, mask, model.regularizationLosses());
      kept = keep(compiled.batchStats(loss, y, output, w, mask));
      return loss;
    }, variables.map((v) => v.value));
    compiled.optimizer.applyGradients(variables, grads);
    return kept as unknown as Tensor;
  });
  try {
    return (await stats.data()) as Float32Array;
  } finally {
    stats.dispose();
  }
}

/** Loss and metric statistics of one batch, without touching the weights. */
export async function testStep(model: StepModel, compiled: Compiled, batch: HostBatch): Promise<Float32Array> {
  const stats = tidy(() => {
    const { x, y, w } = uploadBatch(batch);
    const { output, mask } = model.forward(x, false);
    const loss = compiled.totalLoss(y, output, w, mask, model.regularizationLosses());
    return compiled.batchStats(loss, y, output, w, mask);
  });
  try {
    return (await stats.data()) as Float32Array;
  } finally {
    stats.dispose();
  }
}
