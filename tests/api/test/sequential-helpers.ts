import { Layer, Sequential, layers, optimizers, tensor, type Tensor } from '@layerwise/api';

/** A tensor's values as plain numbers. */
export async function values(t: Tensor): Promise<number[]> {
  return Array.from(await t.data());
}

/** A Dense(units) model on inputs of `inDim` features with the given kernel [inDim][units] and bias. */
export function linearModel(kernel: number[][], bias: number[], opts: { name?: string; activation?: string } = {}): Sequential {
  const inDim = kernel.length;
  const units = bias.length;
  const model = new Sequential({ name: opts.name });
  model.add(layers.dense({ units, inputShape: [inDim], activation: opts.activation }));
  const given = [tensor(kernel.flat(), [inDim, units]), tensor(bias, [units])];
  model.setWeights(given);
  for (const t of given) t.dispose();
  return model;
}

export const sgd01 = (): ReturnType<typeof optimizers.sgd> => optimizers.sgd({ learningRate: 0.1 });

/** Float64 reference of a linear model x @ W + b. */
export function refForward(W: number[][], b: number[], x: number[][]): number[][] {
  return x.map((row) => b.map((bj, j) => bj + row.reduce((s, xi, i) => s + xi * W[i][j], 0)));
}

/**
 * Keras 2's weighted MSE loss of a linear model and one plain-SGD step, in float64:
 * per-sample loss l_i = mean_j (p_ij - y_ij)^2; batch loss = mean(l * w) / mean(w != 0) * lossWeight.
 */
export function refMseStep(W: number[][], b: number[], x: number[][], y: number[][], opts: { w?: number[]; lr?: number; lossWeight?: number } = {}) {
  const lr = opts.lr ?? 0.1;
  const lw = opts.lossWeight ?? 1;
  const n = x.length;
  const units = b.length;
  const w = opts.w ?? x.map(() => 1);
  const nz = w.filter((v) => v !== 0).length / n;
  const p = refForward(W, b, x);
  const perSample = p.map((row, i) => row.reduce((s, v, j) => s + (v - y[i][j]) ** 2, 0) / units);
  const loss = (lw * perSample.reduce((s, l, i) => s + l * w[i], 0)) / n / nz;
  // dL/dp_ij = lw * w_i * 2 (p_ij - y_ij) / (units * n * nz)
  const dp = p.map((row, i) => row.map((v, j) => (lw * w[i] * 2 * (v - y[i][j])) / (units * n * nz)));
  const dW = W.map((row, a) => row.map((_, j) => dp.reduce((s, d, i) => s + x[i][a] * d[j], 0)));
  const db = b.map((_, j) => dp.reduce((s, d) => s + d[j], 0));
  return {
    loss,
    perSample,
    W: W.map((row, a) => row.map((v, j) => v - lr * dW[a][j])),
    b: b.map((v, j) => v - lr * db[j]),
  };
}

/** Weighted MSE loss (no step) as Keras 2 reports it for one batch. */
export function refMseLoss(W: number[][], b: number[], x: number[][], y: number[][], w?: number[]): number {
  return refMseStep(W, b, x, y, { w, lr: 0 }).loss;
}

/** Splits a flat list into rows of `width`. */
export function rows(flat: number[], width: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < flat.length; i += width) out.push(flat.slice(i, i + width));
  return out;
}

/** An identity layer that records the first feature of every row it sees in training. */
export class Recorder extends Layer {
  readonly className = 'Recorder';
  readonly batches: number[][] = [];
  readonly evalBatches: number[][] = [];

  call(x: Tensor, args: layers.CallArgs): Tensor {
    const data = Array.from(x.dataSync());
    const width = x.shape.slice(1).reduce((a, d) => a * d, 1);
    const ids = rows(data, width).map((r) => r[0]);
    (args.training ? this.batches : this.evalBatches).push(ids);
    return x;
  }
}

/** A model whose first feature is the sample's id, recorded on every pass. */
export function recordingModel(features = 2): { model: Sequential; recorder: Recorder } {
  const recorder = new Recorder({ inputShape: [features] });
  const model = new Sequential({ layers: [recorder, layers.dense({ units: 1, kernelInitializer: 'zeros', biasInitializer: 'zeros' })] });
  model.compile({ optimizer: optimizers.sgd({ learningRate: 0 }), loss: 'mse' });
  return { model, recorder };
}

/** n samples whose first feature is the id 0..n-1. */
export function idData(n: number, features = 2): { x: number[][]; y: number[][] } {
  return {
    x: Array.from({ length: n }, (_, i) => [i, ...Array.from({ length: features - 1 }, () => 1)]),
    y: Array.from({ length: n }, (_, i) => [i % 2]),
  };
}

export function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, digits = 5): void {
  const a = Array.from(actual);
  const e = Array.from(expected);
  if (a.length !== e.length) throw new Error(`length ${a.length} != ${e.length}`);
  const tol = 10 ** -digits;
  a.forEach((v, i) => {
    if (!(Math.abs(v - e[i]) <= tol * Math.max(1, Math.abs(e[i])))) {
      throw new Error(`index ${i}: ${v} is not close to ${e[i]} (actual [${a.join(', ')}], expected [${e.join(', ')}])`);
    }
  });
}
