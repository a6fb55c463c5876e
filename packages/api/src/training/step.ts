import type { Tensor } from '../tensor/tensor.js';
import type { LayerVariable } from '../layers/variable.js';
import { keep, tidy } from '../engine/scope.js';
import { valueAndGrads } from '../autodiff/grad.js';
import type { Compiled } from './compiled.js';
import { upload, type DataArray, type HostTensor } from './host-data.js';

/** The outputs of a forward pass, and the mask of each (null where none). */
export interface ForwardResult {
  outputs: Tensor[];
  masks: (Tensor | null)[];
}

/** What the step needs from a model. */
export interface StepModel {
  /** One tensor per model input in, one per output out. */
  forward(xs: Tensor[], training: boolean): ForwardResult;
  readonly trainableWeights: LayerVariable[];
  regularizationLosses(): Tensor[];
}

/**
 * One batch of data (host arrays, or rows of Tensors left on the backend): `xs` one per model
 * input; `ys` and `ws` one per trained output (`Compiled.trained`), `ws` per-sample ([b]) or
 * per-timestep ([b, t]) weights (on the host) or null.
 */
export interface HostBatch {
  xs: DataArray[];
  ys: DataArray[];
  ws: (HostTensor | null)[];
}

function uploadBatch(batch: HostBatch): { xs: Tensor[]; ys: Tensor[]; ws: (Tensor | null)[] } {
  return { xs: batch.xs.map(upload), ys: batch.ys.map(upload), ws: batch.ws.map((w) => (w ? upload(w) : null)) };
}

/**
 * Forward, backward and one optimizer update; returns the batch statistics
 * (`Compiled.batchStats`) read back in one download. Every tensor made is freed.
 * Weights change only after the forward and backward passes both succeeded.
 */
export async function trainStep(model: StepModel, compiled: Compiled, batch: HostBatch): Promise<Float32Array> {
  const stats = tidy(() => {
    const { xs, ys, ws } = uploadBatch(batch);
    const variables = model.trainableWeights;
    let kept: Tensor | null = null;
    const { grads } = valueAndGrads(() => {
      const { outputs, masks } = model.forward(xs, true);
      const loss = compiled.totalLoss(ys, outputs, ws, masks, model.regularizationLosses());
      kept = keep(compiled.batchStats(loss, ys, outputs, ws, masks));
      return loss.total;
    }, variables.map((v) => v.value));
    compiled.optimizer.applyGradients(variables, grads);
    return kept as unknown as Tensor;
  });
  return readBack(stats);
}

/** Loss and metric statistics of one batch, without touching the weights. */
export async function testStep(model: StepModel, compiled: Compiled, batch: HostBatch): Promise<Float32Array> {
  const stats = tidy(() => {
    const { xs, ys, ws } = uploadBatch(batch);
    const { outputs, masks } = model.forward(xs, false);
    const loss = compiled.totalLoss(ys, outputs, ws, masks, model.regularizationLosses());
    return compiled.batchStats(loss, ys, outputs, ws, masks);
  });
  return readBack(stats);
}

async function readBack(stats: Tensor): Promise<Float32Array> {
  try {
    return (await stats.data()) as Float32Array;
  } finally {
    stats.dispose();
  }
}
